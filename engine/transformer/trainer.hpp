// A TrainingRun stepped on a background thread (a TrainingWorker), for an app that draws while it
// trains. Every method returns at once; progress() / history() / snapshot() copy what the worker
// last published. The worker evaluates on held-out sequences every `eval_every` steps and stops by
// itself when `max_steps` is reached, held-out token accuracy reaches `target_accuracy`, or the
// loss is no longer finite (progress().message says so).
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "engine/expected.hpp"
#include "engine/thinned.hpp"
#include "engine/training_worker.hpp"
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
  bool running = false;   // a step may still land (WorkerState::running)
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

class Trainer : public WorkerCommands<Trainer> {
 public:
  // The checked way to make one: validate(config), then the memory budget (memory_budget.hpp)
  // against trainer_working_set(config), before anything is allocated; the message names the
  // tf.* keys to lower.
  static Expected<std::unique_ptr<Trainer>> create(const TrainConfig& config, TrainerLimits limits,
                                                   std::function<void()> on_update = {});
  // `config` must pass validate() and fit the budget (create() checks both). `on_update` as
  // TrainingWorker's: thread-safe, quick, may be empty.
  Trainer(const TrainConfig& config, TrainerLimits limits, std::function<void()> on_update = {});
  ~Trainer() = default;  // stops the worker after its current step
  Trainer(const Trainer&) = delete;
  Trainer& operator=(const Trainer&) = delete;

  // start, run(n), pause, reset and set_speed (WorkerCommands) count steps; reset goes back to
  // step 0 with the same seed and clears the history.
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
  friend class WorkerCommands<Trainer>;
  bool step_and_publish();  // the worker's unit
  void stopped();
  void restart();
  void publish_snapshot(TrainerProgress& p);  // sets p.snapshot_step

  const TrainConfig config_;
  const TrainerLimits limits_;
  const TaskProbe probe_;
  // The worker's alone:
  std::unique_ptr<TrainingRun> run_;
  bool published_ = true;  // the snapshot matches the run
  std::chrono::steady_clock::time_point last_snapshot_;
  // Published under the worker's lock:
  TrainerProgress progress_;  // but for the worker's fields (running, seconds, rate)
  Thinned<LossPoint> steps_{kMaxHistoryPoints};
  Thinned<EvalPoint> evaluations_{kMaxHistoryPoints};
  std::shared_ptr<const Transformer<float>> snapshot_;
  TrainingWorker worker_;  // last: destroyed first, its thread joined before the rest goes
};

}  // namespace al::tf
