// The background training loop: wait while paused, step, evaluate now and then, publish.
#include "engine/transformer/trainer.hpp"

#include <chrono>

#include "engine/memory_budget.hpp"
#include "engine/transformer/memory_estimate.hpp"

namespace al::tf {
namespace {

// The callback's rate for steps alone: a plot that moves smoothly without waking an app a
// thousand times a second.
constexpr std::chrono::milliseconds kUpdateInterval(33);

}  // namespace

Expected<std::unique_ptr<Trainer>> Trainer::create(const TrainConfig& config, TrainerLimits limits,
                                                   std::function<void()> on_update) {
  if (auto e = validate(config)) return Error{*e};
  if (auto e =
          check_memory(trainer_working_set(config),
                       "lower tf.batch, tf.seq_len, tf.heads, tf.d_model, tf.layers or tf.ffn"))
    return Error{*e};
  return std::make_unique<Trainer>(config, limits, std::move(on_update));
}

Trainer::Trainer(const TrainConfig& config, TrainerLimits limits, std::function<void()> on_update)
    : config_(config),
      limits_(limits),
      probe_(task_probe(config)),
      on_update_(std::move(on_update)) {
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

TrainerHistory Trainer::history() const {
  std::lock_guard lock(mutex_);
  return {steps_.points(), evaluations_.points()};
}

void Trainer::notify() const {
  if (on_update_) on_update_();
}

std::shared_ptr<const Transformer<float>> Trainer::snapshot() const {
  std::lock_guard lock(mutex_);
  return snapshot_;
}

void Trainer::publish(const TrainingRun& run, const TrainerProgress& p) {
  auto copy = std::make_shared<const Transformer<float>>(run.model());  // copied outside the lock
  {
    std::lock_guard lock(mutex_);
    progress_ = p;
    progress_.running = want_running_ && !p.finished;
    snapshot_ = std::move(copy);
  }
  notify();
}

void Trainer::work() {
  auto run = std::make_unique<TrainingRun>(config_);
  TrainerProgress p;
  bool published = true;                                // the snapshot matches the run
  auto last_update = std::chrono::steady_clock::now();  // of on_update_
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
        steps_ = Thinned<LossPoint>(kMaxHistoryPoints);
        evaluations_ = Thinned<EvalPoint>(kMaxHistoryPoints);
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
    const bool evaluation = p.step % limits_.eval_every == 0 || p.step >= limits_.max_steps;
    EvalStats e;
    if (evaluation) {
      e = run->evaluate(config_.eval_examples);
      p.heldout_accuracy = e.token_accuracy;
      p.heldout_sequence_accuracy = e.sequence_accuracy;
      p.finished = p.step >= limits_.max_steps || e.token_accuracy >= limits_.target_accuracy;
    }
    {
      std::lock_guard lock(mutex_);
      steps_.add({p.step, p.loss, p.token_accuracy});
      if (evaluation) {
        evaluations_.add({p.step, e.token_accuracy, e.sequence_accuracy});
      } else {  // publish() sets the progress of an evaluation, with its snapshot
        const bool running = progress_.running;
        progress_ = p;
        progress_.running = running;
      }
    }
    const auto now = std::chrono::steady_clock::now();
    if (evaluation) {
      publish(*run, p);
      published = true;
      last_update = now;
    } else if (now - last_update >= kUpdateInterval) {
      last_update = now;
      notify();
    }
  }
}

}  // namespace al::tf
