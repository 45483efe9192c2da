// The background trainer: its epochs are exactly steps_per_epoch() steps of a TrainingRun with the
// same config (same weights, the epoch's mean batch loss, the evaluation after it), run_epochs
// pauses after n, a new learning rate reaches the next epoch, and reset goes back to the
// initial weights and the configured rate.
#include "engine/bahdanau/trainer.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "engine/transformer/phrases.hpp"

namespace al::bahdanau {
namespace {

TrainConfig small_config() {
  TrainConfig c = phrases_config();
  c.model.embed_size = c.model.num_hiddens = 8;
  c.model.num_layers = 1;
  c.batch = 64;
  c.seed = 7;
  return c;
}

// Waits (at most 60 s) until the trainer has stopped at `epoch`.
TrainerProgress wait_for(const Trainer& t, int epoch) {
  const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  TrainerProgress p = t.progress();
  while ((p.epoch != epoch || p.running) && std::chrono::steady_clock::now() < end) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    p = t.progress();
  }
  return p;
}

// Every parameter of two models, equal to the bit.
void expect_same_weights(Model ma, Model mb) {  // copies: visit() is not const
  std::vector<Mat<float>> wa, wb;
  ma.visit([&](const std::string&, tf::Param<float>& p) { wa.push_back(p.value); });
  mb.visit([&](const std::string&, tf::Param<float>& p) { wb.push_back(p.value); });
  ASSERT_EQ(wa.size(), wb.size());
  for (std::size_t i = 0; i < wa.size(); ++i) EXPECT_TRUE(wa[i] == wb[i]) << "parameter " << i;
}

TEST(StepsPerEpoch, CoverThePhraseSetOnce) {
  TrainConfig c = small_config();
  const auto pairs = static_cast<int>(tf::builtin_phrases().pairs.size());
  c.batch = pairs;
  EXPECT_EQ(steps_per_epoch(c), 1);
  c.batch = pairs - 1;
  EXPECT_EQ(steps_per_epoch(c), 2);
  c.batch = 1;
  EXPECT_EQ(steps_per_epoch(c), pairs);
}

TEST(Trainer, AnEpochIsStepsPerEpochStepsOfTheSameRun) {
  const TrainConfig c = small_config();
  const int steps = steps_per_epoch(c);
  TrainingRun reference(c);
  std::vector<double> means;
  for (int e = 0; e < 2; ++e) {
    double sum = 0.0;
    for (int i = 0; i < steps; ++i) sum += reference.step().loss / steps;
    means.push_back(sum);
  }
  const EvalStats eval = reference.evaluate();

  auto made = Trainer::create(c);
  ASSERT_TRUE(made) << made.error();
  Trainer& t = *made.value();
  t.run(2);
  const TrainerProgress p = wait_for(t, 2);
  ASSERT_EQ(p.epoch, 2);
  EXPECT_EQ(p.step, 2 * steps);
  EXPECT_FALSE(p.running);
  const std::vector<EpochPoint> h = t.history();
  ASSERT_EQ(h.size(), 2u);
  EXPECT_EQ(h[0].epoch, 1);
  EXPECT_DOUBLE_EQ(h[0].train_loss, means[0]);
  EXPECT_DOUBLE_EQ(h[1].train_loss, means[1]);
  EXPECT_DOUBLE_EQ(h[1].set_loss, eval.loss);
  EXPECT_DOUBLE_EQ(h[1].bleu, eval.mean_bleu());
  EXPECT_EQ(h[1].exact, eval.exact());
  ASSERT_EQ(p.test.size(), 4u);
  expect_same_weights(*t.snapshot(), reference.model());
}

TEST(Trainer, ANewLearningRateReachesTheNextEpochAndResetRestoresTheConfigured) {
  const TrainConfig c = small_config();
  const int steps = steps_per_epoch(c);
  TrainingRun reference(c);
  for (int i = 0; i < steps; ++i) reference.step();
  reference.set_lr(0.05);
  for (int i = 0; i < steps; ++i) reference.step();

  Trainer t(c);
  t.run(1);
  wait_for(t, 1);
  t.set_lr(0.05);
  t.run(1);
  ASSERT_EQ(wait_for(t, 2).epoch, 2);
  expect_same_weights(*t.snapshot(), reference.model());

  t.reset();
  TrainerProgress p = wait_for(t, 0);
  EXPECT_EQ(p.step, 0);
  EXPECT_TRUE(t.history().empty());
  expect_same_weights(*t.snapshot(), TrainingRun(c).model());
  // After the reset the configured rate again: one epoch equals the reference's first.
  TrainingRun again(c);
  for (int i = 0; i < steps; ++i) again.step();
  t.run(1);
  ASSERT_EQ(wait_for(t, 1).epoch, 1);
  expect_same_weights(*t.snapshot(), again.model());
}

TEST(Trainer, PlaysUntilPausedAndCallsBack) {
  std::atomic<int> calls = 0;
  Trainer t(small_config(), [&] { ++calls; });
  t.start();
  const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (t.progress().epoch < 3 && std::chrono::steady_clock::now() < end)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  t.pause();
  const int at = t.progress().epoch;
  ASSERT_GE(at, 3);
  // The epoch in flight when paused may still land; "not running" then means none will.
  while (t.progress().running && std::chrono::steady_clock::now() < end)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  const TrainerProgress p = t.progress();
  EXPECT_FALSE(p.running);
  EXPECT_LE(p.epoch, at + 1);
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_EQ(t.progress().epoch, p.epoch);
  EXPECT_GT(calls.load(), 0);
}

TEST(Trainer, CreateRefusesABadConfigNamingWhatIsWrong) {
  TrainConfig c = small_config();
  c.batch = 0;
  const auto made = Trainer::create(c);
  ASSERT_FALSE(made);
  EXPECT_NE(made.error().find("batch"), std::string::npos) << made.error();
}

TEST(Trainer, DivergenceMessageNamesTheKey) {
  EXPECT_EQ(divergence_message(3, 0.5),
            "bahdanau.lr: the loss diverged in epoch 3 with bahdanau.lr 0.5; use a smaller one");
}

}  // namespace
}  // namespace al::bahdanau
