// Training: batch layouts of the built-in tasks, Adam with global-norm clipping, reproducibility,
// the background trainer's controls and what a window reads from it (history, probe, updates,
// the checks before it starts), and the reverse-task target (optimised builds only).
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <thread>

#include "engine/transformer/adam.hpp"
#include "engine/transformer/loss.hpp"
#include "engine/transformer/run.hpp"
#include "engine/transformer/tasks.hpp"
#include "engine/transformer/train_config.hpp"
#include "engine/transformer/trainer.hpp"
#include "engine/transformer/training.hpp"
#include "engine/transformer/transformer_settings.hpp"
#include "tests/engine/memory_budget_env.hpp"

namespace al::tf {
namespace {

// Vocabulary ids: <pad> 0, <bos> 1, <eos> 2, <unk> 3, digit d → 4 + d.
TEST(Tasks, BatchLayoutsPerArchitecture) {
  const Vocab v = task_vocab();
  ASSERT_EQ(v.id("7"), 11);
  // Reverse of "1 2 3" and of "5".
  const std::vector<Example> ex = {{{5, 6, 7}, {7, 6, 5}}, {{9}, {9}}};
  const TokenBatch ed = make_batch(ex, Arch::EncoderDecoder, v);
  EXPECT_EQ(ed.src_len, 4);
  EXPECT_EQ(ed.src, (std::vector<int>{5, 6, 7, 2, 9, 2, 0, 0}));
  EXPECT_EQ(ed.src_valid, (std::vector<int>{4, 2}));
  EXPECT_EQ(ed.tgt_in, (std::vector<int>{1, 7, 6, 5, 1, 9, 0, 0}));
  EXPECT_EQ(ed.labels, (std::vector<int>{7, 6, 5, 2, 9, 2, -1, -1}));
  const TokenBatch enc = make_batch(ex, Arch::Encoder, v);
  EXPECT_EQ(enc.src, (std::vector<int>{5, 6, 7, 9, 0, 0}));
  EXPECT_EQ(enc.labels, (std::vector<int>{7, 6, 5, 9, -1, -1}));
  const TokenBatch dec = make_batch(ex, Arch::Decoder, v);
  EXPECT_EQ(dec.tgt_len, 7);
  EXPECT_EQ(dec.tgt_in, (std::vector<int>{5, 6, 7, 1, 7, 6, 5, 9, 1, 9, 0, 0, 0, 0}));
  EXPECT_EQ(dec.labels, (std::vector<int>{-1, -1, -1, 7, 6, 5, 2, -1, 9, 2, -1, -1, -1, -1}));
}

TEST(Tasks, SortAndCopyTargets) {
  const Vocab v = task_vocab();
  Rng rng(50);
  TaskConfig t;
  t.kind = TaskKind::Sort;
  t.min_len = 3;
  t.max_len = 6;
  for (int i = 0; i < 20; ++i) {
    const Example e = sample_example(t, rng);
    EXPECT_GE(e.src.size(), 3u);
    EXPECT_LE(e.src.size(), 6u);
    EXPECT_TRUE(std::is_sorted(e.tgt.begin(), e.tgt.end()));
  }
  t.kind = TaskKind::Copy;
  const Example e = sample_example(t, rng);
  EXPECT_EQ(e.src, e.tgt);
  EXPECT_EQ(parse_task("reverse"), TaskKind::Reverse);
  EXPECT_FALSE(parse_task("translate").has_value());
}

TEST(Adam, ClipsByTheGlobalNormAndFollowsItsFormula) {
  ModelConfig c;
  c.d_model = 4;
  c.num_heads = 1;
  c.ffn_hidden = 4;
  c.num_encoder_layers = c.num_decoder_layers = 1;
  c.src_vocab = c.tgt_vocab = task_vocab();
  Transformer<double> model;
  model.init(c, 1);
  const double n = model.parameter_count();
  const auto set_grads = [&](double g) {
    model.visit([&](const std::string&, Param<double>& p) { p.grad.setConstant(g); });
  };
  const auto first_value = [&] {
    double v = 0;
    bool done = false;
    model.visit([&](const std::string&, Param<double>& p) {
      if (!done) v = p.value(0, 0);
      done = true;
    });
    return v;
  };
  Adam<double> adam({.lr = 0.1, .beta1 = 0.9, .beta2 = 0.999, .eps = 0.0, .clip = 1.0});
  // Step 1: every gradient 3, ‖g‖ = 3√n > 1, clipped to g₁ = 1/√n each. The update is lr·sign(g).
  set_grads(3.0);
  const double before = first_value();
  EXPECT_NEAR(adam.step(model), 3.0 * std::sqrt(n), 1e-9);
  EXPECT_NEAR(first_value(), before - 0.1, 1e-12);
  // Step 2: gradient 1/√n·2 each, ‖g‖ = 2 > 1 → clipped to g₂ = 1/√n: the same as g₁, so
  //   m = (1 − 0.9²) g,  v = (1 − 0.999²) g²,  m̂ / √v̂ = 1, and the update is lr again.
  set_grads(2.0 / std::sqrt(n));
  adam.step(model);
  EXPECT_NEAR(first_value(), before - 0.2, 1e-12);
  // Step 3: gradient g₃ = 1/(2√n) each, ‖g‖ = ½: not clipped.
  //   m = 0.9²·0.1 g₁ + 0.9·0.1 g₁ + 0.1 g₃;  v = 0.999²·0.001 g₁² + 0.999·0.001 g₁² + 0.001 g₃²
  const double g1 = 1 / std::sqrt(n), g3 = 0.5 / std::sqrt(n);
  const double m = 0.081 * g1 + 0.09 * g1 + 0.1 * g3;
  const double v = 0.999 * 0.999 * 0.001 * g1 * g1 + 0.999 * 0.001 * g1 * g1 + 0.001 * g3 * g3;
  const double update =
      0.1 * (m / (1 - std::pow(0.9, 3))) / std::sqrt(v / (1 - std::pow(0.999, 3)));
  set_grads(g3);
  adam.step(model);
  EXPECT_NEAR(first_value(), before - 0.2 - update, 1e-12);
}

TrainConfig tiny_copy_config() {
  TrainConfig c;
  c.model.d_model = 16;
  c.model.num_heads = 2;
  c.model.ffn_hidden = 32;
  c.model.num_encoder_layers = c.model.num_decoder_layers = 1;
  c.model.max_len = 16;
  c.task.kind = TaskKind::Copy;
  c.task.min_len = 2;
  c.task.max_len = 4;
  c.batch = 16;
  c.warmup = 10;
  c.adam.lr = 1e-2;
  c.eval_examples = 20;
  return c;
}

TEST(TrainingRun, IsSeededAndLearns) {
  const TrainConfig c = tiny_copy_config();
  ASSERT_FALSE(validate(c).has_value());
  TrainingRun a(c), b(c);
  const StepStats first = a.step();
  EXPECT_EQ(first.loss, b.step().loss);  // same seed, same batches, same model
  // Uniform guessing over 14 tokens costs ln 14 ≈ 2.64 per token; 80 steps must do far better.
  EXPECT_GT(first.loss, 1.5);
  StepStats last;
  for (int i = 0; i < 80; ++i) last = a.step();
  EXPECT_LT(last.loss, 0.5 * first.loss);
  TrainConfig other = c;
  other.seed = 2;
  EXPECT_NE(TrainingRun(other).step().loss, first.loss);
}

// Training steps on the whole batch at once, without a Dropout: the same batches, one forward
// and backward pass per step, the same warm-up and Adam. Returns the losses; leaves the trained
// model in `model`.
std::vector<double> train_whole_batches(const TrainConfig& c, int steps,
                                        Transformer<float>& model) {
  ModelConfig m = c.model;
  TaskVocabs v = task_vocabs(c.task.kind);
  m.src_vocab = std::move(v.src);
  m.tgt_vocab = std::move(v.tgt);
  model.init(m, c.seed);
  Adam<float> adam(c.adam);
  Rng data(c.seed * 2 + 1);
  std::vector<double> losses;
  for (int step = 0; step < steps; ++step) {
    std::vector<Example> examples;
    for (int i = 0; i < c.batch; ++i) examples.push_back(sample_example(c.task, data));
    const TokenBatch batch = make_batch(examples, m.arch, m.tgt_vocab);
    Transformer<float>::Cache cache;
    Mat<float> dlogits;
    losses.push_back(cross_entropy(model.forward(batch, cache), batch.labels, &dlogits).loss);
    model.zero_grad();
    model.backward(cache, dlogits);
    adam.config().lr = c.adam.lr * std::min(1.0, (step + 1.0) / c.warmup);
    adam.step(model);
  }
  return losses;
}

// A step runs the two halves of its batch apart (on two cores) and adds their gradients: with
// dropout at 0 it trains as one pass over the whole batch without dropout, to float rounding
// (the halves sum the weight gradients' rows in another order). The halves have padded lengths
// of their own: a sequence shorter than the batch's longest must not change it.
TEST(TrainingRun, HalvesWithZeroDropoutTrainAsTheWholeBatch) {
  for (TrainConfig c : {tiny_copy_config(), phrases_task_config()}) {
    SCOPED_TRACE(name(c.task.kind));
    c.batch = 9;                // halves of 4 and 5
    ASSERT_EQ(c.dropout, 0.0);  // off by default
    Transformer<float> reference;
    const std::vector<double> want = train_whole_batches(c, 4, reference);
    TrainingRun run(c);
    for (int step = 0; step < 4; ++step)
      EXPECT_NEAR(run.step().loss, want[step], 1e-5 * want[step]) << step;
    std::vector<Mat<float>> values;
    reference.visit([&](const std::string&, Param<float>& p) { values.push_back(p.value); });
    Transformer<float> trained = run.model();
    std::size_t i = 0;
    trained.visit([&](const std::string& p_name, Param<float>& p) {
      ASSERT_LT(i, values.size());
      EXPECT_LT((p.value - values[i++]).cwiseAbs().maxCoeff(), 1e-5f) << p_name;
    });
    EXPECT_EQ(i, values.size());
  }
}

TEST(TrainingRun, DropoutIsSeededAndChangesTheRun) {
  TrainConfig c = tiny_copy_config();
  c.dropout = 0.3;
  ASSERT_FALSE(validate(c).has_value());
  TrainingRun a(c), b(c), off(tiny_copy_config());
  for (int step = 0; step < 3; ++step) {
    const double loss = a.step().loss;
    EXPECT_EQ(b.step().loss, loss) << step;  // the same masks
    EXPECT_NE(off.step().loss, loss) << step;
  }
  // Held-out evaluation decodes without dropout: the same model scores the same every time.
  EXPECT_EQ(a.evaluate(10).token_accuracy, a.evaluate(10).token_accuracy);
  for (double bad : {-0.1, 1.0, std::nan("")}) {
    c.dropout = bad;
    ASSERT_TRUE(validate(c).has_value()) << bad;
    EXPECT_EQ(validate(c)->rfind("dropout ", 0), 0u) << *validate(c);
  }
}

TEST(Trainer, RunsInTheBackgroundAndObeysPauseResumeReset) {
  Trainer trainer(tiny_copy_config(),
                  {.max_steps = 1000000, .target_accuracy = 2.0, .eval_every = 50});
  EXPECT_EQ(trainer.progress().step, 0);
  EXPECT_FALSE(trainer.progress().running);
  const auto wait_for = [&](auto done) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (!done(trainer.progress()) && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    return done(trainer.progress());
  };
  trainer.start();
  ASSERT_TRUE(wait_for([](const TrainerProgress& p) { return p.step >= 3; }));
  trainer.pause();
  // The step in flight may still land; "not running" then means no step will any more.
  ASSERT_TRUE(wait_for([](const TrainerProgress& p) { return !p.running; }));
  const int paused_at = trainer.progress().step;
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  EXPECT_EQ(trainer.progress().step, paused_at);
  trainer.start();
  ASSERT_TRUE(wait_for([&](const TrainerProgress& p) { return p.step > paused_at; }));
  trainer.reset();
  ASSERT_TRUE(wait_for([](const TrainerProgress& p) { return p.step == 0 && !p.running; }));
  EXPECT_NE(trainer.snapshot(), nullptr);
}

TEST(Trainer, StopsAtItsStepLimitWithAnEvaluation) {
  Trainer trainer(tiny_copy_config(), {.max_steps = 5, .target_accuracy = 2.0, .eval_every = 100});
  trainer.start();
  // The last step publishes `finished`; the worker clears `running` after it, once the model is
  // published too: wait for both, as a window would to say training has stopped.
  const auto stopped = [&] {
    const TrainerProgress p = trainer.progress();
    return p.finished && !p.running;
  };
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (!stopped() && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  const TrainerProgress p = trainer.progress();
  EXPECT_TRUE(p.finished);
  EXPECT_EQ(p.step, 5);
  EXPECT_GE(p.heldout_accuracy, 0.0);
  EXPECT_FALSE(p.running);
}

// What a window plots and shows while the trainer runs: every step's loss and every evaluation in
// order, the probe it decodes with a snapshot, a callback after each publish; reset clears them.
TEST(Trainer, HistoryProbeAndUpdatesForAWindow) {
  std::atomic<int> updates{0};
  auto made = Trainer::create(tiny_copy_config(),
                              {.max_steps = 30, .target_accuracy = 2.0, .eval_every = 10},
                              [&updates] { ++updates; });
  ASSERT_TRUE(made) << made.error();
  Trainer& trainer = *made.value();

  // The copy task's held-out example: 2 to 4 digits, to be copied.
  const TaskProbe& probe = trainer.probe();
  const auto digits = split_words(probe.source);
  EXPECT_GE(digits.size(), 2u);
  EXPECT_LE(digits.size(), 4u);
  EXPECT_EQ(probe.expected, probe.source);
  const auto probed = run_transformer(*trainer.snapshot(), probe.source, "", 8);
  ASSERT_TRUE(probed) << probed.error();
  EXPECT_EQ(probed.value().source.back(), "<eos>");

  trainer.start();
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (!trainer.progress().finished && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  ASSERT_TRUE(trainer.progress().finished);
  const TrainerHistory h = trainer.history();
  ASSERT_EQ(h.steps.size(), 30u);
  for (std::size_t i = 0; i < h.steps.size(); ++i) {
    EXPECT_EQ(h.steps[i].step, static_cast<int>(i) + 1);
    EXPECT_TRUE(std::isfinite(h.steps[i].loss));
  }
  EXPECT_EQ(h.steps.back().loss, trainer.progress().loss);
  ASSERT_EQ(h.evaluations.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i)
    EXPECT_EQ(h.evaluations[i].step, 10 * (static_cast<int>(i) + 1));
  EXPECT_EQ(h.evaluations.back().token_accuracy, trainer.progress().heldout_accuracy);
  // The end calls back once running has stopped (on the worker thread, after progress() says
  // finished, so it may still be on its way); while running, at most 30 times a second.
  while (updates.load() < 1 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  EXPECT_GE(updates.load(), 1);

  const int before_reset = updates.load();
  trainer.reset();
  while (trainer.progress().step != 0 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  EXPECT_EQ(trainer.progress().step, 0);
  EXPECT_TRUE(trainer.history().steps.empty());
  EXPECT_TRUE(trainer.history().evaluations.empty());
  EXPECT_GT(updates.load(), before_reset);
}

// Waits (at most a minute) until `done(trainer.progress())`; returns whether it came true.
template <class Done>
bool wait_until(const Trainer& trainer, Done done) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (!done(trainer.progress()) && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  return done(trainer.progress());
}

// The window's Step button: n steps, then a pause that publishes the model as it stands.
TEST(Trainer, StepRunsNStepsThenPausesWithASnapshot) {
  Trainer trainer(tiny_copy_config(),
                  {.max_steps = 1000000, .target_accuracy = 2.0, .eval_every = 1000});
  const auto initial = trainer.snapshot();
  trainer.run(7);
  ASSERT_TRUE(wait_until(trainer, [](const TrainerProgress& p) { return p.step == 7; }));
  ASSERT_TRUE(wait_until(trainer, [&](const TrainerProgress& p) {
    return !p.running && trainer.snapshot() != initial;
  }));
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(trainer.progress().step, 7);  // paused there
  EXPECT_EQ(trainer.history().steps.size(), 7u);
  EXPECT_EQ(trainer.progress().snapshot_step, 7);
  // The snapshot is the model after step 7: the same as a TrainingRun's after 7 steps.
  TrainingRun run(tiny_copy_config());
  for (int i = 0; i < 7; ++i) run.step();
  Transformer<float> want = run.model(), got = *trainer.snapshot();
  std::vector<Mat<float>> values;
  want.visit([&](const std::string&, Param<float>& p) { values.push_back(p.value); });
  std::size_t i = 0;
  got.visit([&](const std::string& name, Param<float>& p) {
    EXPECT_EQ(p.value, values.at(i++)) << name;
  });
  // start() after step(n) runs on without a limit; step(n) while running stops n steps later.
  trainer.start();
  ASSERT_TRUE(wait_until(trainer, [](const TrainerProgress& p) { return p.step > 9; }));
  trainer.run(3);
  ASSERT_TRUE(wait_until(trainer, [](const TrainerProgress& p) { return !p.running; }));
  const int stopped = trainer.progress().step;
  EXPECT_GE(stopped, 13);
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(trainer.progress().step, stopped);
}

// tf.speed: at most that many steps a second, waiting between steps; 0 lifts the limit, and a
// pause does not wait for the next step to be due.
TEST(Trainer, SpeedLimitSpacesTheSteps) {
  Trainer trainer(tiny_copy_config(),
                  {.max_steps = 1000000, .target_accuracy = 2.0, .eval_every = 1000});
  trainer.set_speed(40);
  const auto t0 = std::chrono::steady_clock::now();
  trainer.run(5);
  ASSERT_TRUE(wait_until(trainer, [](const TrainerProgress& p) { return p.step == 5; }));
  // Steps 2 to 5 each waited until 1/40 s after the one before.
  EXPECT_GE(std::chrono::steady_clock::now() - t0, std::chrono::milliseconds(100));
  trainer.set_speed(4);
  trainer.start();
  ASSERT_TRUE(wait_until(trainer, [](const TrainerProgress& p) { return p.step == 6; }));
  trainer.pause();  // while the worker waits a quarter of a second for step 7
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_EQ(trainer.progress().step, 6);
  EXPECT_FALSE(trainer.progress().running);
  trainer.set_speed(0);
  trainer.run(20);
  ASSERT_TRUE(wait_until(trainer, [](const TrainerProgress& p) { return p.step == 26; }));
}

// A window that sleeps until the trainer calls it back stays asleep while the trainer is paused.
TEST(Trainer, APausedTrainerCallsNobody) {
  std::atomic<int> updates{0};
  Trainer trainer(tiny_copy_config(),
                  {.max_steps = 1000000, .target_accuracy = 2.0, .eval_every = 1000},
                  [&updates] { ++updates; });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_EQ(updates.load(), 0) << "made, never started";
  trainer.run(3);
  ASSERT_TRUE(wait_until(trainer, [](const TrainerProgress& p) { return p.step == 3; }));
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (updates.load() == 0 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  std::this_thread::sleep_for(std::chrono::milliseconds(100));  // the pause's publish
  const int after_steps = updates.load();
  EXPECT_GE(after_steps, 1);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_EQ(updates.load(), after_steps);
}

// A loss that stops being finite stops training with a message naming tf.lr; the history and
// the snapshot keep only finite values.
TEST(Trainer, StopsWhenTheLossDiverges) {
  TrainConfig c = tiny_copy_config();
  c.adam.lr = 1e30;  // the first update sends the weights to ±1e30: the next loss is not finite
  c.warmup = 0;
  Trainer trainer(c, {.max_steps = 1000, .target_accuracy = 2.0, .eval_every = 1000});
  trainer.start();
  // `finished` comes with the step that diverged; `running` clears once the worker has stopped.
  ASSERT_TRUE(
      wait_until(trainer, [](const TrainerProgress& p) { return p.finished && !p.running; }));
  const TrainerProgress p = trainer.progress();
  EXPECT_EQ(p.message, divergence_message(p.step, 1e30));
  EXPECT_EQ(p.message, "tf.lr: the loss diverged at step " + std::to_string(p.step) +
                           " with tf.lr 1e+30; use a smaller one");
  EXPECT_TRUE(std::isfinite(p.loss));
  const TrainerHistory h = trainer.history();
  EXPECT_EQ(h.steps.size(), static_cast<std::size_t>(p.step - 1));
  for (const LossPoint& point : h.steps) EXPECT_TRUE(std::isfinite(point.loss));
  trainer.start();  // nothing more until a reset
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(trainer.progress().step, p.step);
  trainer.reset();
  ASSERT_TRUE(wait_until(trainer, [](const TrainerProgress& q) { return q.step == 0; }));
  EXPECT_TRUE(trainer.progress().message.empty());
  EXPECT_FALSE(trainer.progress().finished);
}

// The figure's synchronous run records what the background trainer records.
TEST(Trainer, RecordTrainingMatchesTheBackgroundTrainer) {
  const TrainerLimits limits{
      .max_steps = 25, .target_accuracy = 2.0, .eval_every = 10, .eval_examples = 5};
  const TrainingRecord r = record_training(tiny_copy_config(), limits);
  Trainer trainer(tiny_copy_config(), limits);
  trainer.start();
  ASSERT_TRUE(wait_until(trainer, [](const TrainerProgress& p) { return p.finished; }));
  const TrainerHistory h = trainer.history();
  ASSERT_EQ(r.history.steps.size(), 25u);
  ASSERT_EQ(h.steps.size(), 25u);
  for (std::size_t i = 0; i < h.steps.size(); ++i) {
    EXPECT_EQ(r.history.steps[i].step, h.steps[i].step);
    EXPECT_EQ(r.history.steps[i].loss, h.steps[i].loss);
  }
  ASSERT_EQ(r.history.evaluations.size(), 3u);  // steps 10, 20 and the last, 25
  EXPECT_EQ(r.history.evaluations.back().step, 25);
  ASSERT_EQ(h.evaluations.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i)
    EXPECT_EQ(r.history.evaluations[i].token_accuracy, h.evaluations[i].token_accuracy);
  EXPECT_TRUE(r.progress.finished);
  EXPECT_EQ(r.progress.step, 25);
  EXPECT_TRUE(r.progress.message.empty());
}

TEST(TrainConfig, DefaultsAreTheReverseTaskModel) {
  const auto c = train_config(Settings{});
  ASSERT_TRUE(c) << c.error();
  const TrainConfig want = reverse_task_config();
  EXPECT_EQ(c.value().task.kind, TaskKind::Reverse);
  EXPECT_EQ(c.value().model.d_model, 32);
  EXPECT_EQ(c.value().model.num_heads, 4);
  EXPECT_EQ(c.value().model.num_encoder_layers, 2);
  EXPECT_EQ(c.value().model.num_decoder_layers, 2);
  EXPECT_EQ(c.value().model.ffn_hidden, want.model.ffn_hidden);
  EXPECT_EQ(c.value().model.max_len, want.model.max_len);
  EXPECT_EQ(c.value().task.min_len, 8);
  EXPECT_EQ(c.value().task.max_len, 8);
  EXPECT_EQ(c.value().batch, want.batch);
  EXPECT_EQ(c.value().adam.lr, want.adam.lr);
  EXPECT_EQ(c.value().seed, want.seed);

  Settings s;
  ASSERT_EQ(apply_settings(s, {{"tf.d_model", "30"}, {"tf.task", "copy"}}), std::nullopt);
  const auto bad = train_config(s);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error(), "tf.d_model: 30 is not divisible by tf.heads (4)");
  ASSERT_EQ(apply_settings(s, {{"tf.d_model", "16"}, {"tf.seq_len", "40"}, {"tf.task", "sort"}}),
            std::nullopt);
  const auto longer = train_config(s);
  ASSERT_TRUE(longer) << longer.error();
  EXPECT_EQ(longer.value().model.max_len, 82);  // x + <eos> and <bos> + y fit
  EXPECT_EQ(longer.value().task.kind, TaskKind::Sort);
}

// tf.positional picks the model's positions; a model trained with a learned table has one of
// max_len x d per stack, the sinusoidal one none, and the window restarts its run for the key.
TEST(TrainConfig, PositionalPicksTheModelsPositions) {
  EXPECT_EQ(train_config(Settings{}).value().model.positional, Positional::Sinusoidal);
  Settings s;
  ASSERT_EQ(apply_settings(s, {{"tf.positional", "learned"}}), std::nullopt);
  const auto learned = train_config(s);
  ASSERT_TRUE(learned) << learned.error();
  EXPECT_EQ(learned.value().model.positional, Positional::Learned);
  EXPECT_EQ(changed_training_key(Settings{}, s), "tf.positional");
  EXPECT_EQ(find_setting("tf.positional")->range, "sinusoidal|learned|none");
  EXPECT_EQ(std::string(name(Positional::Learned)), "learned");
  Transformer<float> model;
  model.init(learned.value().model, 1);
  EXPECT_EQ(model.src_pos.count(), learned.value().model.max_len);
  EXPECT_EQ(model.src_pos.dim(), learned.value().model.d_model);
  EXPECT_TRUE(apply_settings(s, {{"tf.positional", "rotary"}}).has_value());
}

// The window resets its trainer when a key of the run changes, and names the key; the speed and
// the Step button's count are not part of the run.
TEST(TrainConfig, ChangedTrainingKeyNamesTheFirstKeyOfTheRun) {
  const Settings a;
  Settings b = a;
  EXPECT_EQ(changed_training_key(a, b), std::nullopt);
  ASSERT_EQ(apply_settings(b, {{"tf.speed", "5"}, {"tf.step_steps", "3"}, {"tf.steps", "9"}}),
            std::nullopt);
  EXPECT_EQ(changed_training_key(a, b), std::nullopt);
  ASSERT_EQ(apply_settings(b, {{"tf.lr", "0.01"}}), std::nullopt);
  EXPECT_EQ(changed_training_key(a, b), "tf.lr");
  ASSERT_EQ(apply_settings(b, {{"tf.task", "sort"}}), std::nullopt);
  EXPECT_EQ(changed_training_key(a, b), "tf.task");
  EXPECT_EQ(name(TaskKind::Sort), "sort");
  EXPECT_EQ(find_setting("tf.task")->range, "copy|reverse|sort|phrases");
}

// Capacity 4: 1 2 3 4 fills it; 5 halves it to 1 3 and doubles the stride, so 1 3 5 7; 9 halves
// again: 1 5 9; then 13 and 17: 1 9 17. Always evenly spaced from the first point.
TEST(Trainer, HistoryThinsEvenlyWhenFull) {
  Thinned<int> t(4);
  for (int i = 1; i <= 10; ++i) t.add(i);
  EXPECT_EQ(t.points(), (std::vector<int>{1, 5, 9}));
  for (int i = 11; i <= 17; ++i) t.add(i);
  EXPECT_EQ(t.points(), (std::vector<int>{1, 9, 17}));
}

TEST(Trainer, CreateChecksTheConfigAndTheMemoryBudgetFirst) {
  TrainConfig bad = tiny_copy_config();
  bad.batch = 0;
  const auto invalid = Trainer::create(bad, {});
  ASSERT_FALSE(invalid);
  EXPECT_EQ(invalid.error(), "batch must be at least 1");
  const al::test::MemoryBudgetEnv budget("1");
  TrainConfig big = tiny_copy_config();
  big.batch = 4096;
  const auto refused = Trainer::create(big, {});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().rfind("estimated working set ", 0), 0u) << refused.error();
  EXPECT_NE(refused.error().find("lower tf.batch"), std::string::npos) << refused.error();
}

#ifdef NDEBUG
// The target: reverse 8 digits (d = 32, 2 layers, 4 heads) to ≥ 99 % held-out token
// accuracy, here with the given dropout probability while training. Returns the accuracy. Not
// timed here (the benchmark reports the time); skipped in the unoptimised sanitizer build, where it
// would take minutes.
double reverse_task_accuracy(double dropout) {
  TrainConfig c = reverse_task_config();
  c.dropout = dropout;
  TrainingRun run(c);
  double accuracy = 0;
  const auto t0 = std::chrono::steady_clock::now();
  while (run.steps() < 3000 && accuracy < 0.99) {
    for (int i = 0; i < 100; ++i) run.step();
    accuracy = run.evaluate(200).token_accuracy;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  ::testing::Test::RecordProperty("steps", run.steps());
  std::printf("reverse task, dropout %g: %.4f held-out token accuracy after %d steps, %.1f s\n",
              dropout, accuracy, run.steps(), seconds);
  return accuracy;
}

TEST(TrainingRun, ReverseTaskReaches99PercentHeldOut) {
  EXPECT_GE(reverse_task_accuracy(0.0), 0.99);
}

TEST(TrainingRun, ReverseTaskReaches99PercentHeldOutWithDropout) {
  EXPECT_GE(reverse_task_accuracy(0.1), 0.99);
}
#endif

}  // namespace
}  // namespace al::tf
