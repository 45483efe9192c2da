// The background training loop: wait while paused, step (no faster than the speed limit),
// evaluate now and then, publish.
#include "engine/transformer/trainer.hpp"

#include <chrono>
#include <cmath>
#include <optional>

#include "engine/memory_budget.hpp"
#include "engine/short_number.hpp"
#include "engine/transformer/memory_estimate.hpp"

namespace al::tf {
namespace {

using Clock = std::chrono::steady_clock;

// The callback's rate for steps alone: a plot that moves smoothly without waking an app a
// thousand times a second.
constexpr std::chrono::milliseconds kUpdateInterval(33);
// The snapshot's rate while stepping: an app sees attention form step by step without a copy of
// the model (and a new forward pass in the app) for each of a hundred steps a second.
constexpr std::chrono::milliseconds kSnapshotInterval(100);
// progress().steps_per_second is measured over at least this long.
constexpr std::chrono::milliseconds kRateWindow(500);

// What one step adds to the history.
struct Stepped {
  std::optional<LossPoint> point;  // none when the loss diverged
  std::optional<EvalPoint> evaluation;
};

// One step of `run` with the trainer's bookkeeping in `p`: the step's loss, an evaluation when
// one is due, and whether training is finished. A loss that is not finite finishes it with a
// message and adds no point (`p` keeps the last finite loss).
Stepped step_once(TrainingRun& run, const TrainerLimits& limits, TrainerProgress& p) {
  const StepStats s = run.step();
  p.step = run.steps();
  if (!std::isfinite(s.loss)) {
    p.finished = true;
    p.message = divergence_message(p.step, run.config().adam.lr);
    return {};
  }
  p.loss = s.loss;
  p.token_accuracy = s.token_accuracy;
  Stepped out;
  out.point = LossPoint{p.step, p.loss, p.token_accuracy};
  if (p.step % limits.eval_every == 0 || p.step >= limits.max_steps) {
    const EvalStats e = run.evaluate(limits.eval_examples);
    p.heldout_accuracy = e.token_accuracy;
    p.heldout_sequence_accuracy = e.sequence_accuracy;
    p.finished = p.step >= limits.max_steps || e.token_accuracy >= limits.target_accuracy;
    out.evaluation = EvalPoint{p.step, e.token_accuracy, e.sequence_accuracy};
  }
  return out;
}

}  // namespace

std::string divergence_message(int step, double lr) {
  std::string m = "tf.lr: the loss diverged at step ";
  m += std::to_string(step);
  m += " with tf.lr ";
  m += shortest_number(lr);
  m += "; use a smaller one";
  return m;
}

TrainingRecord record_training(const TrainConfig& config, const TrainerLimits& limits) {
  TrainingRun run(config);
  TrainingRecord r;
  Thinned<LossPoint> steps(kMaxHistoryPoints);
  Thinned<EvalPoint> evaluations(kMaxHistoryPoints);
  const auto start = Clock::now();
  while (!r.progress.finished) {
    const Stepped s = step_once(run, limits, r.progress);
    if (s.point) steps.add(*s.point);
    if (s.evaluation) evaluations.add(*s.evaluation);
  }
  r.progress.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  r.history = {steps.points(), evaluations.points()};
  return r;
}

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
    steps_left_ = 0;
  }
  wake_.notify_all();
}

void Trainer::step(int n) {
  {
    std::lock_guard lock(mutex_);
    want_running_ = n > 0;
    steps_left_ = n > 0 ? n : 0;
  }
  wake_.notify_all();
}

void Trainer::pause() {
  {
    std::lock_guard lock(mutex_);
    want_running_ = false;
    steps_left_ = 0;
    progress_.running = false;
  }
  wake_.notify_all();  // a worker waiting out the speed limit stops waiting
}

void Trainer::reset() {
  {
    std::lock_guard lock(mutex_);
    want_running_ = false;
    steps_left_ = 0;
    want_reset_ = true;
  }
  wake_.notify_all();
}

void Trainer::set_speed(double steps_per_second) {
  {
    std::lock_guard lock(mutex_);
    speed_ = steps_per_second > 0 ? steps_per_second : 0.0;
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

void Trainer::publish(const TrainingRun& run, TrainerProgress& p) {
  p.snapshot_step = p.step;
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
  bool published = true;            // the snapshot matches the run
  auto last_update = Clock::now();  // of on_update_
  auto last_snapshot = last_update;
  Clock::time_point last_start;  // of the last step: the speed limit counts from it
  Clock::time_point rate_start;  // the window steps_per_second is measured over
  int rate_steps = 0;
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
      if (!progress_.running) {  // (re)started: measure the rate afresh
        rate_start = Clock::now();
        rate_steps = 0;
      }
      progress_.running = true;
      if (speed_ > 0) {
        const auto due = last_start + std::chrono::duration_cast<Clock::duration>(
                                          std::chrono::duration<double>(1.0 / speed_));
        if (Clock::now() < due) {
          const double speed = speed_;
          wake_.wait_until(
              lock, due, [&] { return stop_ || want_reset_ || !want_running_ || speed_ != speed; });
          continue;  // due now, or paused, reset, stopped or given a new speed
        }
      }
    }
    last_start = Clock::now();
    const Stepped s = step_once(*run, limits_, p);
    const auto now = Clock::now();
    p.seconds += std::chrono::duration<double>(now - last_start).count();
    ++rate_steps;
    if (now - rate_start >= kRateWindow) {
      p.steps_per_second = rate_steps / std::chrono::duration<double>(now - rate_start).count();
      rate_start = now;
      rate_steps = 0;
    }
    {
      std::lock_guard lock(mutex_);
      if (s.point) steps_.add(*s.point);
      if (s.evaluation) evaluations_.add(*s.evaluation);
      if (steps_left_ > 0 && --steps_left_ == 0) want_running_ = false;
      // publish() sets the progress of an evaluation, with its snapshot.
      if (!s.evaluation) {
        progress_ = p;
        progress_.running = want_running_ && !p.finished;
      }
    }
    if (!s.point) {  // diverged: the snapshot stays the last model published before
      published = true;
      notify();
      continue;
    }
    published = false;
    if (s.evaluation || now - last_snapshot >= kSnapshotInterval) {
      publish(*run, p);
      published = true;
      last_update = last_snapshot = now;
    } else if (now - last_update >= kUpdateInterval) {
      last_update = now;
      notify();
    }
  }
}

}  // namespace al::tf
