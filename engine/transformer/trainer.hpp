// A TrainingRun stepped on a background thread, for an app that draws while it trains. Every
// method returns at once: commands (start, pause, reset) are flags the worker reads between steps,
// and progress() / snapshot() copy what the worker last published under a short lock.
// The worker evaluates on held-out sequences every `eval_every` steps and stops by itself when
// `max_steps` is reached or held-out token accuracy reaches `target_accuracy`.
#pragma once

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

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

class Trainer {
 public:
  Trainer(const TrainConfig& config, TrainerLimits limits);  // config must pass validate()
  ~Trainer();  // stops the worker after its current step
  Trainer(const Trainer&) = delete;
  Trainer& operator=(const Trainer&) = delete;

  void start();  // start or resume stepping
  void pause();
  void reset();  // back to step 0 with the same seed, paused
  TrainerProgress progress() const;
  // The model as of the last evaluation or pause (never null).
  std::shared_ptr<const Transformer<float>> snapshot() const;

 private:
  void work();
  void publish(const TrainingRun& run, const TrainerProgress& p);

  const TrainConfig config_;
  const TrainerLimits limits_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool want_running_ = false, want_reset_ = false, stop_ = false;
  TrainerProgress progress_;
  std::shared_ptr<const Transformer<float>> snapshot_;
  std::thread worker_;
};

}  // namespace al::tf
