// The background training loop: wait while paused, step, evaluate now and then, publish.
#include "engine/transformer/trainer.hpp"

#include <chrono>

namespace al::tf {

Trainer::Trainer(const TrainConfig& config, TrainerLimits limits)
    : config_(config), limits_(limits) {
  TrainingRun run(config_);
  snapshot_ = std::make_shared<const Transformer<float>>(run.model());
  worker_ = std::thread([this] { work(); });
}

Trainer::~Trainer() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  worker_.join();
}

void Trainer::start() {
  {
    std::lock_guard lock(mutex_);
    want_running_ = true;
  }
  wake_.notify_all();
}

void Trainer::pause() {
  std::lock_guard lock(mutex_);
  want_running_ = false;
  progress_.running = false;
}

void Trainer::reset() {
  {
    std::lock_guard lock(mutex_);
    want_running_ = false;
    want_reset_ = true;
  }
  wake_.notify_all();
}

TrainerProgress Trainer::progress() const {
  std::lock_guard lock(mutex_);
  return progress_;
}

std::shared_ptr<const Transformer<float>> Trainer::snapshot() const {
  std::lock_guard lock(mutex_);
  return snapshot_;
}

void Trainer::publish(const TrainingRun& run, const TrainerProgress& p) {
  auto copy = std::make_shared<const Transformer<float>>(run.model());  // copied outside the lock
  std::lock_guard lock(mutex_);
  progress_ = p;
  progress_.running = want_running_ && !p.finished;
  snapshot_ = std::move(copy);
}

void Trainer::work() {
  auto run = std::make_unique<TrainingRun>(config_);
  TrainerProgress p;
  bool published = true;  // the snapshot matches the run
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      if (!want_running_ || p.finished) {
        progress_.running = false;
        if (!published) {  // a pause publishes the model as it stands
          lock.unlock();
          publish(*run, p);
          published = true;
          lock.lock();
        }
      }
      wake_.wait(lock, [&] { return stop_ || want_reset_ || (want_running_ && !p.finished); });
      if (stop_) return;
      if (want_reset_) {
        want_reset_ = false;
        lock.unlock();
        run = std::make_unique<TrainingRun>(config_);
        p = TrainerProgress{};
        publish(*run, p);
        continue;
      }
      progress_.running = true;
    }
    const auto t0 = std::chrono::steady_clock::now();
    const StepStats s = run->step();
    p.seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    p.step = run->steps();
    p.loss = s.loss;
    p.token_accuracy = s.token_accuracy;
    published = false;
    const bool at_limit = p.step >= limits_.max_steps;
    if (p.step % limits_.eval_every == 0 || at_limit) {
      const EvalStats e = run->evaluate(config_.eval_examples);
      p.heldout_accuracy = e.token_accuracy;
      p.heldout_sequence_accuracy = e.sequence_accuracy;
      p.finished = at_limit || e.token_accuracy >= limits_.target_accuracy;
      publish(*run, p);
      published = true;
    } else {
      std::lock_guard lock(mutex_);
      const bool running = progress_.running;
      progress_ = p;
      progress_.running = running;
    }
  }
}

}  // namespace al::tf
