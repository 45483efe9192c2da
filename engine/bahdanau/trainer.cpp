// An epoch as the unit of a TrainingWorker: train, evaluate, publish.
#include "engine/bahdanau/trainer.hpp"

#include <chrono>
#include <utility>

#include "engine/bahdanau/train_config.hpp"

namespace al::bahdanau {

Expected<std::unique_ptr<Trainer>> Trainer::create(const TrainConfig& config,
                                                   std::function<void()> on_update) {
  if (auto e = check_training(config)) return Error{*e};
  return std::make_unique<Trainer>(config, std::move(on_update));
}

Trainer::Trainer(const TrainConfig& config, std::function<void()> on_update)
    : config_(config),
      lr_(config.adam.lr),
      worker_({.unit = [this] { return run_epoch(); },
               .stopped = [] {},  // every epoch publishes its model
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
    p.seconds = w.seconds;
    p.epochs_per_second = w.units_per_second;
    return p;
  });
}

std::vector<EpochPoint> Trainer::history() const {
  return worker_.read([&](const WorkerState&) { return history_.points(); });
}

std::shared_ptr<const Model> Trainer::snapshot() const {
  return worker_.read([&](const WorkerState&) { return snapshot_; });
}

void Trainer::restart() {
  run_ = std::make_unique<TrainingRun>(config_);
  auto copy = std::make_shared<const Model>(run_->model());
  worker_.publish([&] {
    progress_ = TrainerProgress{};
    history_ = Thinned<EpochPoint>(kMaxHistoryPoints);
    lr_ = config_.adam.lr;
    snapshot_ = std::move(copy);
  });
}

// The worker thread is the only writer of what it publishes, so it reads progress_ without the
// lock; lr_ and the worker's time are read under it.
bool Trainer::run_epoch() {
  const auto [lr, seconds] = worker_.read([&](const WorkerState& w) {
    return std::pair{lr_, w.seconds};
  });
  const auto start = std::chrono::steady_clock::now();
  run_->set_lr(lr);
  TrainerProgress p = progress_;
  const Epoch epoch = train_epoch(*run_, p.epoch + 1);
  p.step = run_->steps();
  std::shared_ptr<const Model> copy;
  if (epoch.diverged) {
    p.finished = true;
    p.message = divergence_message(epoch.point.epoch, lr);
  } else {
    p.epoch = epoch.point.epoch;
    p.test = epoch.test;
    if (p.all_exact_epoch == 0 && epoch.point.exact == static_cast<int>(epoch.test.size())) {
      p.all_exact_epoch = p.epoch;
      p.all_exact_seconds =
          seconds + std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    }
    copy = std::make_shared<const Model>(run_->model());  // copied outside the lock
  }
  worker_.publish([&] {
    // A diverged epoch adds no point, and the snapshot stays the last finite model.
    if (copy) {
      history_.add(epoch.point);
      snapshot_ = std::move(copy);
    }
    progress_ = p;
  });
  return !p.finished;
}

}  // namespace al::bahdanau
