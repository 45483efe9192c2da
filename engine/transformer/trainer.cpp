// A step as the unit of a TrainingWorker: step, evaluate now and then, publish; and the same steps
// on the calling thread (record_training).
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

// The snapshot's rate while stepping: an app sees attention form step by step without a copy of
// the model (and a new forward pass in the app) for each of a hundred steps a second.
constexpr std::chrono::milliseconds kSnapshotInterval(100);

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
      worker_({.unit = [this] { return step_and_publish(); },
               .stopped = [this] { stopped(); },
               .restart = [this] { restart(); }},
              std::move(on_update)) {
  restart();  // the worker waits for a command: the run is this thread's until then
}

TrainerProgress Trainer::progress() const {
  return worker_.read([&](const WorkerState& w) {
    TrainerProgress p = progress_;
    p.running = w.running;
    p.seconds = w.seconds;
    p.steps_per_second = w.units_per_second;
    return p;
  });
}

TrainerHistory Trainer::history() const {
  return worker_.read([&](const WorkerState&) {
    return TrainerHistory{steps_.points(), evaluations_.points()};
  });
}

std::shared_ptr<const Transformer<float>> Trainer::snapshot() const {
  return worker_.read([&](const WorkerState&) { return snapshot_; });
}

void Trainer::restart() {
  run_ = std::make_unique<TrainingRun>(config_);
  worker_.publish([&] {
    steps_ = Thinned<LossPoint>(kMaxHistoryPoints);
    evaluations_ = Thinned<EvalPoint>(kMaxHistoryPoints);
  });
  TrainerProgress p;
  publish_snapshot(p);
}

// The worker thread is the only writer of what it publishes, so it reads progress_ without the
// lock.
void Trainer::publish_snapshot(TrainerProgress& p) {
  p.snapshot_step = p.step;
  auto copy = std::make_shared<const Transformer<float>>(run_->model());  // outside the lock
  worker_.publish([&] {
    progress_ = p;
    snapshot_ = std::move(copy);
  });
  published_ = true;
  last_snapshot_ = Clock::now();
}

bool Trainer::step_and_publish() {
  TrainerProgress p = progress_;
  const Stepped s = step_once(*run_, limits_, p);
  if (!s.point) {  // diverged: the snapshot stays the last model published before
    worker_.publish([&] { progress_ = p; });
    published_ = true;
    return false;
  }
  worker_.publish([&] {
    steps_.add(*s.point);
    if (s.evaluation) evaluations_.add(*s.evaluation);
    progress_ = p;
  });
  published_ = false;
  // An evaluation comes with its model; between evaluations a model now and then.
  if (s.evaluation || Clock::now() - last_snapshot_ >= kSnapshotInterval) publish_snapshot(p);
  return !p.finished;
}

// Running stopped: a pause publishes the model as it stands.
void Trainer::stopped() {
  if (!published_) {
    TrainerProgress p = progress_;
    publish_snapshot(p);
  }
}

}  // namespace al::tf
