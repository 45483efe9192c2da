// A TrainingRun stepped on a background thread, for an app that draws while it trains. Every
// method returns at once: commands (start, step, pause, reset, set_speed) are flags the worker
// reads between steps, and progress() / history() / snapshot() copy what the worker last
// published under a short lock. The worker evaluates on held-out sequences every `eval_every`
// steps and stops by itself when `max_steps` is reached, held-out token accuracy reaches
// `target_accuracy`, or the loss is no longer finite (progress().message says so).
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
#include <string>
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
  double seconds = 0.0;  // time spent stepping and evaluating (pauses excluded)
  // Steps per second of wall time over the last half second or more of running (evaluations and
  // the speed limit included); 0 until then.
  double steps_per_second = 0.0;
  int snapshot_step = 0;  // the step snapshot() was taken at
  bool running = false;   // stepping now (false when paused or finished)
  bool finished = false;  // max_steps or target_accuracy reached, or the loss diverged
  // Why training stopped before its limits: the loss diverged (one line naming tf.lr); empty
  // otherwise.
  std::string message;
};

struct TrainerLimits {
  int max_steps = 20000;
  double target_accuracy = 1.1;  // > 1: never stop on accuracy
  int eval_every = 250;
  int eval_examples = 200;  // held-out sequences of each evaluation
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

// The message of a run stopped by a loss that is no longer finite, e.g.
// "tf.lr: the loss diverged at step 12 with tf.lr 0.5; use a smaller one".
std::string divergence_message(int step, double lr);

// What a Trainer with these limits records when it runs to the end, made on the calling thread
// (`attention-lab figure transformer-training`): the same steps, evaluations and stop.
struct TrainingRecord {
  TrainerHistory history;
  TrainerProgress progress;  // at the end (finished; message set if the loss diverged)
};
TrainingRecord record_training(const TrainConfig& config, const TrainerLimits& limits);

class Trainer {
 public:
  // The checked way to make one: validate(config), then the memory budget (memory_budget.hpp)
  // against trainer_working_set(config), before anything is allocated; the message names the
  // tf.* keys to lower.
  static Expected<std::unique_ptr<Trainer>> create(const TrainConfig& config, TrainerLimits limits,
                                                   std::function<void()> on_update = {});
  // `config` must pass validate() and fit the budget (create() checks both). `on_update`, when
  // set, is called on the worker thread, without the lock held, after every publish of a
  // snapshot and after new steps, at most 30 times a second while stepping, and once when
  // stepping stops (pause, the end, a reset); never while paused. It must be thread-safe and
  // return quickly.
  Trainer(const TrainConfig& config, TrainerLimits limits, std::function<void()> on_update = {});
  ~Trainer();  // stops the worker after its current step
  Trainer(const Trainer&) = delete;
  Trainer& operator=(const Trainer&) = delete;

  void start();      // start or resume stepping
  void step(int n);  // n more steps (n ≥ 1), then pause
  void pause();
  void reset();  // back to step 0 with the same seed, paused; the history is cleared
  // At most `steps_per_second` steps a second from now on (0: as fast as it can). It waits
  // between steps, so a slow limit still shows each step as it happens.
  void set_speed(double steps_per_second);
  TrainerProgress progress() const;
  // A copy of both lists (Thinned, at most kMaxHistoryPoints each, 240 kB per list): take it when
  // progress().step has changed.
  TrainerHistory history() const;
  // The model as of the last publish (never null): each evaluation, pause and reset, and while
  // stepping at most every tenth of a second. A new pointer each time, so a reader tells a new
  // model by comparing pointers.
  std::shared_ptr<const Transformer<float>> snapshot() const;
  // The task's fixed held-out example, to show a snapshot's attention on (training.hpp).
  const TaskProbe& probe() const { return probe_; }

 private:
  void work();
  void publish(const TrainingRun& run, TrainerProgress& p);  // sets p.snapshot_step
  void notify() const;

  const TrainConfig config_;
  const TrainerLimits limits_;
  const TaskProbe probe_;
  const std::function<void()> on_update_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool want_running_ = false, want_reset_ = false, stop_ = false;
  int steps_left_ = 0;  // of step(n): the worker pauses when it reaches 0 (0: start()'s no limit)
  double speed_ = 0.0;  // steps per second at most (0: no limit)
  TrainerProgress progress_;
  Thinned<LossPoint> steps_{kMaxHistoryPoints};
  Thinned<EvalPoint> evaluations_{kMaxHistoryPoints};
  std::shared_ptr<const Transformer<float>> snapshot_;
  std::thread worker_;
};

}  // namespace al::tf
