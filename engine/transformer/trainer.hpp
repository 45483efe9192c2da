// A TrainingRun stepped on a background thread, for an app that draws while it trains. Every
// method returns at once: commands (start, pause, reset) are flags the worker reads between steps,
// and progress() / history() / snapshot() copy what the worker last published under a short lock.
// The worker evaluates on held-out sequences every `eval_every` steps and stops by itself when
// `max_steps` is reached or held-out token accuracy reaches `target_accuracy`.
//
// The engine knows no window system: an app that sleeps until something happens passes a callback
// (e.g. one posting an empty GLFW event) that the worker calls when there is something new to
// draw.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "engine/expected.hpp"
#include "engine/transformer/training.hpp"

namespace al::tf {

struct TrainerProgress {
  int step = 0;
  double loss = 0.0;               // of the last batch
  double token_accuracy = 0.0;     // teacher-forced, last batch
  double heldout_accuracy = -1.0;  // greedy token accuracy at the last evaluation (−1: none yet)
  double heldout_sequence_accuracy = -1.0;
  double seconds = 0.0;   // time spent stepping (pauses excluded)
  bool running = false;   // stepping now (false when paused or finished)
  bool finished = false;  // max_steps or target_accuracy reached
};

struct TrainerLimits {
  int max_steps = 20000;
  double target_accuracy = 1.1;  // > 1: never stop on accuracy
  int eval_every = 250;
};

// What the worker did, for plotting: every step's batch loss and accuracy, and every
// evaluation's held-out accuracies.
struct LossPoint {
  int step = 0;
  double loss = 0.0;
  double token_accuracy = 0.0;  // teacher-forced, that step's batch
};
struct EvalPoint {
  int step = 0;
  double token_accuracy = 0.0;  // greedy, held-out
  double sequence_accuracy = 0.0;
};

// A list of points that covers a whole run in at most `capacity` points (even, at least 2): while
// there is room every point is kept; when it is full, every other point is dropped and from then
// on only every second (fourth, …) new one is kept, so the points stay evenly spaced from the
// first on: the arrivals 0, stride, 2·stride, … are kept.
template <class Point>
class Thinned {
 public:
  explicit Thinned(std::size_t capacity) : capacity_(capacity) {}
  void add(const Point& p) {
    if (arrivals_++ % stride_ != 0) return;
    // Full: keep points 0, 2, 4, …, the arrivals 0, 2·stride, …, (capacity − 2)·stride. The one
    // arriving now, capacity·stride, is a multiple of the doubled stride since capacity is even.
    if (points_.size() == capacity_) {
      for (std::size_t i = 0; i < capacity_ / 2; ++i) points_[i] = points_[2 * i];
      points_.resize(capacity_ / 2);
      stride_ *= 2;
    }
    points_.push_back(p);
  }
  const std::vector<Point>& points() const { return points_; }

 private:
  std::size_t capacity_, stride_ = 1, arrivals_ = 0;
  std::vector<Point> points_;
};

// The trainer's lists hold at most this many points each.
inline constexpr std::size_t kMaxHistoryPoints = 10000;

struct TrainerHistory {
  std::vector<LossPoint> steps;
  std::vector<EvalPoint> evaluations;
};

class Trainer {
 public:
  // The checked way to make one: validate(config), then the memory budget (memory_budget.hpp)
  // against trainer_working_set(config), before anything is allocated; the message names the
  // tf.* keys to lower.
  static Expected<std::unique_ptr<Trainer>> create(const TrainConfig& config, TrainerLimits limits,
                                                   std::function<void()> on_update = {});
  // `config` must pass validate() and fit the budget (create() checks both). `on_update`, when
  // set, is called on the worker thread, without the lock held, after every publish of a
  // snapshot (each evaluation, pause, reset and the end) and after new steps at most 30 times
  // a second; it must be thread-safe and return quickly.
  Trainer(const TrainConfig& config, TrainerLimits limits, std::function<void()> on_update = {});
  ~Trainer();  // stops the worker after its current step
  Trainer(const Trainer&) = delete;
  Trainer& operator=(const Trainer&) = delete;

  void start();  // start or resume stepping
  void pause();
  void reset();  // back to step 0 with the same seed, paused; the history is cleared
  TrainerProgress progress() const;
  // A copy of both lists (Thinned, at most kMaxHistoryPoints each, 240 kB per list): take it when
  // progress().step has changed.
  TrainerHistory history() const;
  // The model as of the last evaluation or pause (never null).
  std::shared_ptr<const Transformer<float>> snapshot() const;
  // The task's fixed held-out example, to show a snapshot's attention on (training.hpp).
  const TaskProbe& probe() const { return probe_; }

 private:
  void work();
  void publish(const TrainingRun& run, const TrainerProgress& p);
  void notify() const;

  const TrainConfig config_;
  const TrainerLimits limits_;
  const TaskProbe probe_;
  const std::function<void()> on_update_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool want_running_ = false, want_reset_ = false, stop_ = false;
  TrainerProgress progress_;
  Thinned<LossPoint> steps_{kMaxHistoryPoints};
  Thinned<EvalPoint> evaluations_{kMaxHistoryPoints};
  std::shared_ptr<const Transformer<float>> snapshot_;
  std::thread worker_;
};

}  // namespace al::tf
