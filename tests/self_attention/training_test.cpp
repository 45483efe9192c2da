// Training the self-attention network: it learns associative recall (held-out accuracy far above
// chance) in a bounded number of steps, the same way from the same seed, and the background
// trainer records exactly what the same steps on this thread do.
#include "engine/self_attention/training.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "engine/self_attention/trainer.hpp"

namespace al::sa {
namespace {

TEST(SelfAttentionTraining, LearnsAssociativeRecall) {
  const TrainConfig c;  // the lab's defaults: 4 pairs of 8 keys and 8 values, d = 16
  const Record r = train_for(c, 200);
  ASSERT_TRUE(r.message.empty()) << r.message;
  ASSERT_EQ(r.curve.size(), 21u);
  // Chance is 1/8 (the values); at the start the network is at about chance.
  EXPECT_LT(r.curve.front().accuracy, 0.3);
  EXPECT_GT(r.curve.back().accuracy, 0.9);
  EXPECT_LT(r.curve.back().loss, 0.5 * r.curve.front().loss);
}

TEST(SelfAttentionTraining, AttendsToTheAskedValue) {
  const TrainConfig c;
  const Record r = train_for(c, 200);
  const Vocab vocab(c.task);
  const auto e = parse_example("b 5 e 2 a 7 g 0 ? a", c.task);
  ASSERT_TRUE(e);
  const Answer a = answer(*r.network, e.value(), vocab);
  EXPECT_EQ(vocab.token(a.predicted), "7");
  // The last query puts most of its weight on position 5, the 7 after the asked key a.
  Eigen::Index most = 0;
  a.weights.row(9).maxCoeff(&most);
  EXPECT_EQ(most, 5);
  EXPECT_GT(a.weights(9, 5), 0.5);
  EXPECT_NEAR(a.weights.row(9).sum(), 1.0, 1e-12);
  double total = 0;
  for (double p : a.probabilities) total += p;
  EXPECT_NEAR(total, 1.0, 1e-12);
  EXPECT_EQ(static_cast<int>(a.probabilities.size()), vocab.outputs());
}

TEST(SelfAttentionTraining, SameSeedSameRunOtherSeedOtherRun) {
  TrainConfig c;
  const Record a = train_for(c, 30), b = train_for(c, 30);
  ASSERT_EQ(a.curve.size(), b.curve.size());
  for (std::size_t i = 0; i < a.curve.size(); ++i) EXPECT_EQ(a.curve[i].loss, b.curve[i].loss);
  c.seed = 2;
  EXPECT_NE(train_for(c, 30).curve.back().loss, a.curve.back().loss);
}

TEST(SelfAttentionTraining, DivergenceNamesTheKey) {
  EXPECT_EQ(divergence_message(12, 0.5),
            "sa.lr: the loss diverged at step 12 with sa.lr 0.5; use a smaller one");
}

// Waits (up to 20 s) until `done` holds.
template <class F>
bool eventually(F done) {
  for (int i = 0; i < 2000; ++i) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return done();
}

TEST(SelfAttentionTrainer, StepsAsTheSameRunOnThisThread) {
  const TrainConfig c;
  Trainer t(c);
  EXPECT_EQ(t.curve().size(), 1u);  // step 0 is measured before any step
  ASSERT_NE(t.snapshot().network, nullptr);
  t.run(40);
  ASSERT_TRUE(eventually([&] { return t.progress().step == 40 && !t.progress().running; }));
  const Record r = train_for(c, 40);
  const std::vector<CurvePoint> curve = t.curve();
  ASSERT_EQ(curve.size(), r.curve.size());
  for (std::size_t i = 0; i < curve.size(); ++i) {
    EXPECT_EQ(curve[i].step, r.curve[i].step);
    EXPECT_EQ(curve[i].loss, r.curve[i].loss);
    EXPECT_EQ(curve[i].accuracy, r.curve[i].accuracy);
  }
  EXPECT_EQ(t.snapshot().step, 40);
  EXPECT_EQ(t.snapshot().network->output.weight.value, r.network->output.weight.value);

  // Steps that end between two points publish the network they end at.
  t.run(5);
  ASSERT_TRUE(eventually([&] { return t.snapshot().step == 45; }));
  EXPECT_EQ(t.curve().size(), r.curve.size());

  t.reset();
  ASSERT_TRUE(eventually([&] { return t.progress().step == 0 && t.curve().size() == 1; }));
  EXPECT_EQ(t.snapshot().step, 0);
}

TEST(SelfAttentionTrainer, PausesAndHonoursTheSpeedLimit) {
  Trainer t(TrainConfig{});
  t.set_speed(50);
  const auto start = std::chrono::steady_clock::now();
  t.start();
  ASSERT_TRUE(eventually([&] { return t.progress().step >= 10; }));
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_GT(seconds, 0.15);  // ten steps at 50 a second take 0.2 s
  t.pause();
  ASSERT_TRUE(eventually([&] { return !t.progress().running; }));
  const int stopped_at = t.progress().step;
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_EQ(t.progress().step, stopped_at);
}

}  // namespace
}  // namespace al::sa
