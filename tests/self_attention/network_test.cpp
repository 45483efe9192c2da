// The self-attention network: its forward pass by hand on a tiny case, and its backward pass
// against central finite differences of the loss, for every parameter, in double.
#include "engine/self_attention/network.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "engine/transformer/loss.hpp"

namespace al::sa {
namespace {

// One key, one value: "a 0 ? a", vocabulary a, 0, ?, <s>.
const TaskConfig kTiny{1, 1, 1};

// Every weight set by hand in d = 2: E and C one-hot-ish, Q = K = V = identity without bias, the
// output the identity onto the first two tokens.
Network hand_network() {
  Network net;
  Rng rng(0);
  net.init(4, 3, 2, rng);
  net.token.weight.value << 1, 0, 0, 1, 0, 0, 0, 0;  // a → (1,0), 0 → (0,1), ? → 0, <s> → 0
  net.context.weight.value << 0, 1, 0, 0, 1, 1, 0, 0;  // after a: (0,1), after ?: (1,1)
  for (tf::Linear<double>* l : {&net.query, &net.key, &net.value}) {
    l->weight.value.setIdentity();
    l->bias.value.setZero();
  }
  net.output.weight.value << 1, 0, 0, 1, 0, 0;
  net.output.bias.value.setZero();
  return net;
}

TEST(SelfAttentionNetwork, ForwardByHand) {
  const Vocab vocab(kTiny);
  const Network net = hand_network();
  const Example e{{vocab.key(0), vocab.value(0), vocab.question(), vocab.key(0)}, vocab.value(0)};
  const Pass p = forward(net, std::span<const Example>(&e, 1), vocab);
  // x = E[tok] + C[previous]:  a (start) → (1,0); 0 (after a) → (0,2); ? (after 0) → (0,0);
  // a (after ?) → (2,1)
  Mat X(4, 2);
  X << 1, 0, 0, 2, 0, 0, 2, 1;
  EXPECT_LT((p.X - X).norm(), 1e-15);
  // Last row of P: scores x_3 · x_j / √2 = (2, 2, 0, 5) / √2, softmax over them.
  const double s[4] = {2 / std::sqrt(2.0), 2 / std::sqrt(2.0), 0.0, 5 / std::sqrt(2.0)};
  double sum = 0;
  for (double v : s) sum += std::exp(v);
  for (int j = 0; j < 4; ++j) EXPECT_NEAR(p.weights[0](3, j), std::exp(s[j]) / sum, 1e-15);
  // y_3 = Σ_j P_3j x_j, and the logits read it through the output map: z = (y_3, 0)
  Eigen::RowVector2d y = Eigen::RowVector2d::Zero();
  for (int j = 0; j < 4; ++j) y += p.weights[0](3, j) * X.row(j);
  EXPECT_NEAR(p.logits(0, 0), y[0], 1e-15);
  EXPECT_NEAR(p.logits(0, 1), y[1], 1e-15);
  EXPECT_EQ(p.logits(0, 2), 0.0);
}

// The loss of a batch, as training takes it.
double loss_of(const Network& net, const std::vector<Example>& batch, const Vocab& vocab) {
  const Pass p = forward(net, batch, vocab);
  std::vector<int> labels;
  for (const Example& e : batch) labels.push_back(e.answer);
  return tf::cross_entropy<double>(p.logits, labels, nullptr).loss;
}

TEST(SelfAttentionNetwork, BackwardMatchesFiniteDifferences) {
  const TaskConfig task{3, 5, 4};
  const Vocab vocab(task);
  Rng rng(7);
  Network net;
  net.init(vocab.size(), vocab.outputs(), 6, rng);
  // Non-zero biases, so their gradients are checked away from a special point.
  for (tf::Linear<double>* l : {&net.query, &net.key, &net.value, &net.output})
    for (Eigen::Index i = 0; i < l->bias.value.size(); ++i) l->bias.value.data()[i] = rng.normal();
  std::vector<Example> batch;
  for (int i = 0; i < 3; ++i) batch.push_back(random_example(task, rng));

  const Pass p = forward(net, batch, vocab);
  std::vector<int> labels;
  for (const Example& e : batch) labels.push_back(e.answer);
  Mat dlogits;
  tf::cross_entropy<double>(p.logits, labels, &dlogits);
  net.visit([](const std::string&, tf::Param<double>& param) { param.zero_grad(); });
  backward(net, p, dlogits);

  int checked = 0;
  net.visit([&](const std::string& name, tf::Param<double>& param) {
    constexpr double h = 1e-6;
    double worst = 0, scale = 0;
    for (Eigen::Index i = 0; i < param.value.size(); ++i) {
      const double keep = param.value.data()[i];
      param.value.data()[i] = keep + h;
      const double up = loss_of(net, batch, vocab);
      param.value.data()[i] = keep - h;
      const double down = loss_of(net, batch, vocab);
      param.value.data()[i] = keep;
      const double numeric = (up - down) / (2 * h);
      worst = std::max(worst, std::abs(numeric - param.grad.data()[i]));
      scale = std::max(scale, std::abs(numeric));
    }
    // b_k adds q·b_k to every score of a query's row, which the softmax ignores: no gradient.
    if (name == "key.bias")
      EXPECT_LT(scale, 1e-9) << name;
    else
      EXPECT_GT(scale, 1e-4) << name << ": the loss should depend on it";
    EXPECT_LT(worst, 1e-7 + 1e-6 * scale) << name;
    ++checked;
  });
  EXPECT_EQ(checked, 10);  // E, C, and weight and bias of query, key, value, output
}

}  // namespace
}  // namespace al::sa
