// The self-attention network trained on a background thread (a TrainingWorker), step by step,
// for a window that draws while it trains. Every method returns at once; progress() / curve() /
// snapshot() copy what the worker last published.
//
// The worker records as train_for does (training.hpp): a held-out point every kEvalEvery steps,
// and a copy of the network with it (a few kilobytes), so the lab's example is shown through the
// network of the curve's last point while it runs; when running stops (a pause, the end of
// run(n)) the network as it is then, so a paused window shows exactly the step it names. A loss
// that is no longer finite stops it (progress().message names sa.lr).
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "engine/self_attention/training.hpp"
#include "engine/thinned.hpp"
#include "engine/training_worker.hpp"

namespace al::sa {

struct TrainerProgress {
  int step = 0;
  double batch_loss = 0.0;        // of the last step's batch
  double steps_per_second = 0.0;  // over the last half second or more of running; 0 until then
  bool running = false;           // a step may still land (WorkerState::running)
  bool finished = false;          // the loss diverged
  std::string message;            // why it finished
};

// A copy of the network and the step it was taken at.
struct Snapshot {
  std::shared_ptr<const Network> network;
  int step = 0;
};

class Trainer : public WorkerCommands<Trainer> {
 public:
  // `config` must pass validate(); `on_update` as above (may be empty).
  Trainer(const TrainConfig& config, std::function<void()> on_update = {});
  ~Trainer() = default;  // stops the worker after its current step
  Trainer(const Trainer&) = delete;
  Trainer& operator=(const Trainer&) = delete;

  // start, run(n), pause, reset and set_speed (WorkerCommands) count steps; reset goes back to
  // step 0 with the same seed and the configured lr.
  // Adam's learning rate from the next step on, without a reset.
  void set_lr(double lr);
  TrainerProgress progress() const;
  // Every point while there are at most kMaxHistoryPoints, evenly thinned beyond.
  std::vector<CurvePoint> curve() const;
  // The latest copy of the network (never null; a new pointer each time) and its step.
  Snapshot snapshot() const;

 private:
  friend class WorkerCommands<Trainer>;
  bool step();  // the worker's unit
  void stopped();
  void restart();  // step 0 of a fresh run as progress, curve and snapshot

  const TrainConfig config_;
  std::unique_ptr<TrainingRun> run_;  // the worker's alone
  // Published under the worker's lock:
  double lr_;
  TrainerProgress progress_;  // but for the worker's fields (running, rate)
  Thinned<CurvePoint> curve_{kMaxHistoryPoints};
  Snapshot snapshot_;
  TrainingWorker worker_;  // last: destroyed first, its thread joined before the rest goes
};

}  // namespace al::sa
