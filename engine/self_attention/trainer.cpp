// A step as the unit of a TrainingWorker: step, record, publish.
#include "engine/self_attention/trainer.hpp"

#include <cmath>

namespace al::sa {

Trainer::Trainer(const TrainConfig& config, std::function<void()> on_update)
    : config_(config),
      lr_(config.lr),
      worker_({.unit = [this] { return step(); },
               .stopped = [this] { stopped(); },
               .restart = [this] { restart(); }},
              std::move(on_update)) {
  restart();  // the worker waits for a command: the run is this thread's until then
}

void Trainer::set_lr(double lr) {
  worker_.publish([&] { lr_ = lr; });
}

TrainerProgress Trainer::progress() const {
  return worker_.read([&](const WorkerState& w) {
    TrainerProgress p = progress_;
    p.running = w.running;
    p.steps_per_second = w.units_per_second;
    return p;
  });
}

std::vector<CurvePoint> Trainer::curve() const {
  return worker_.read([&](const WorkerState&) { return curve_.points(); });
}

Snapshot Trainer::snapshot() const {
  return worker_.read([&](const WorkerState&) { return snapshot_; });
}

void Trainer::restart() {
  run_ = std::make_unique<TrainingRun>(config_);
  const CurvePoint start = measure(*run_);
  auto copy = std::make_shared<const Network>(run_->network());
  worker_.publish([&] {
    progress_ = TrainerProgress{};
    curve_ = Thinned<CurvePoint>(kMaxHistoryPoints);
    curve_.add(start);
    snapshot_ = {std::move(copy), 0};
    lr_ = config_.lr;
  });
}

// The worker thread is the only writer of what it publishes, so it reads progress_ and snapshot_
// without the lock; lr_ is read under it.
bool Trainer::step() {
  const double lr = worker_.read([&](const WorkerState&) { return lr_; });
  run_->set_lr(lr);
  const StepRecord record = step_and_measure(*run_);
  TrainerProgress p = progress_;
  p.step = run_->steps();
  p.batch_loss = record.batch.loss;
  if (!std::isfinite(record.batch.loss)) {
    p.finished = true;
    p.message = divergence_message(p.step, lr);
  }
  // A new point comes with its network (copied outside the lock).
  std::shared_ptr<const Network> copy;
  if (record.point) copy = std::make_shared<const Network>(run_->network());
  worker_.publish([&] {
    if (record.point) {
      curve_.add(*record.point);
      snapshot_ = {std::move(copy), p.step};
    }
    progress_ = p;
  });
  return !p.finished;
}

// Running stopped: the network as it is now (a pause between two points; after a divergence the
// last finite one, which the latest snapshot already is).
void Trainer::stopped() {
  if (progress_.finished || snapshot_.step == progress_.step) return;
  auto copy = std::make_shared<const Network>(run_->network());
  worker_.publish([&] { snapshot_ = {std::move(copy), progress_.step}; });
}

}  // namespace al::sa
