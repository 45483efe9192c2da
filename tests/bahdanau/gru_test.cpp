// GRU layers and stacks: PyTorch's gate equations checked by hand on one unit, shapes, and every
// gradient against central finite differences in double.
#include <gtest/gtest.h>

#include <cmath>

#include "../transformer/gradcheck.hpp"
#include "engine/bahdanau/gru.hpp"

namespace al::bahdanau {
namespace {

using tf::test::dot_loss;
using tf::test::kGradTolerance;
using tf::test::MatD;
using tf::test::numeric_grad;
using tf::test::random_mat;
using tf::test::rel_error;

// One unit, one input: W_in = W_hn = 1, every other weight 0, so r = z = σ(b) = ½ with zero biases.
GruLayer<double> unit_layer(double b_hn) {
  GruLayer<double> layer;
  layer.weight_ih.resize(3, 1);
  layer.weight_hh.resize(3, 1);
  layer.bias_ih.resize(1, 3);
  layer.bias_hh.resize(1, 3);
  layer.weight_ih.value(2, 0) = 1.0;
  layer.weight_hh.value(2, 0) = 1.0;
  layer.bias_hh.value(0, 2) = b_hn;
  return layer;
}

TEST(GruLayer, OneStepByHand) {
  // x = h = 1:  n = tanh(W_in x + b_in + r (W_hn h + b_hn)) = tanh(1 + ½ · 1) = tanh(1.5);
  // h' = (1 − z) n + z h = ½ tanh(1.5) + ½.
  const MatD x = MatD::Constant(1, 1, 1.0), h = MatD::Constant(1, 1, 1.0);
  GruLayer<double>::StepCache cache;
  const GruLayer<double> plain = unit_layer(0.0);
  EXPECT_NEAR(plain.step(plain.input_gates(x), h, cache)(0, 0), 0.5 * std::tanh(1.5) + 0.5, 1e-15);
  EXPECT_DOUBLE_EQ(cache.r(0, 0), 0.5);
  EXPECT_DOUBLE_EQ(cache.z(0, 0), 0.5);
  // b_hn = 1 sits inside the reset gate, as PyTorch: tanh(1 + ½ (1 + 1)) = tanh(2), not the
  // tanh(2.5) of a bias outside it.
  const GruLayer<double> biased = unit_layer(1.0);
  EXPECT_NEAR(biased.step(biased.input_gates(x), h, cache)(0, 0), 0.5 * std::tanh(2.0) + 0.5,
              1e-15);
}

TEST(GruLayer, ParameterLayoutIsPyTorchs) {
  Rng rng(1);
  Gru<float> gru;
  gru.init(5, 4, 2, rng);
  std::vector<std::string> names;
  std::vector<std::pair<long, long>> shapes;
  gru.visit("rnn.", [&](const std::string& name, tf::Param<float>& p) {
    names.push_back(name);
    shapes.emplace_back(p.value.rows(), p.value.cols());
  });
  const std::vector<std::string> want = {"rnn.weight_ih_l0", "rnn.weight_hh_l0", "rnn.bias_ih_l0",
                                         "rnn.bias_hh_l0",   "rnn.weight_ih_l1", "rnn.weight_hh_l1",
                                         "rnn.bias_ih_l1",   "rnn.bias_hh_l1"};
  EXPECT_EQ(names, want);
  const std::vector<std::pair<long, long>> want_shapes = {{12, 5}, {12, 4}, {1, 12}, {1, 12},
                                                          {12, 4}, {12, 4}, {1, 12}, {1, 12}};
  EXPECT_EQ(shapes, want_shapes);
}

TEST(Gru, ShapesOfAStack) {
  Rng rng(2);
  Gru<double> gru;
  gru.init(3, 5, 3, rng);
  const int B = 2, T = 4;
  std::vector<MatD> h0(3, MatD::Zero(B, 5)), final;
  Gru<double>::Cache cache;
  const MatD Y = gru.forward(random_mat(T * B, 3, rng), B, h0, final, cache);
  EXPECT_EQ(Y.rows(), T * B);
  EXPECT_EQ(Y.cols(), 5);
  ASSERT_EQ(final.size(), 3u);
  for (const MatD& f : final) EXPECT_EQ(f.rows(), B);
  // The top layer's final state is its output at the last step.
  EXPECT_EQ(final[2], Y.bottomRows(B));
}

// A padded step leaves the state as it was, in every layer.
TEST(Gru, PaddingCarriesTheState) {
  Rng rng(4);
  Gru<double> gru;
  gru.init(3, 4, 2, rng);
  const int B = 2, T = 3;
  const MatD X = random_mat(T * B, 3, rng);
  const std::vector<MatD> h0(2, MatD::Zero(B, 4));
  std::vector<MatD> final_padded, final_alone;
  Gru<double>::Cache cache;
  const int valid[] = {3, 1};
  gru.forward(X, B, h0, final_padded, cache, valid);
  // Sequence 1 alone, one step.
  const MatD first = X.row(1);
  gru.forward(first, 1, {MatD::Zero(1, 4), MatD::Zero(1, 4)}, final_alone, cache);
  for (int k = 0; k < 2; ++k) EXPECT_LT((final_padded[k].row(1) - final_alone[k]).norm(), 1e-14);
}

// L = Σ Y ⊙ G + Σ_k final_k ⊙ F_k over a 2-layer stack, with random initial states and the
// second sequence padded after 2 steps: the gradients of every parameter, of X and of h0 against
// central differences.
TEST(Gru, GradientsMatchFiniteDifferences) {
  Rng rng(3);
  const int B = 2, T = 3, In = 3, H = 4, L = 2;
  Gru<double> gru;
  gru.init(In, H, L, rng);
  // Biases away from zero, so that their gradients are not trivially symmetric.
  gru.visit("", [&](const std::string&, tf::Param<double>& p) {
    p.value = random_mat(p.value.rows(), p.value.cols(), rng, 0.5);
  });
  MatD X = random_mat(T * B, In, rng);
  std::vector<MatD> h0 = {random_mat(B, H, rng), random_mat(B, H, rng)};
  const MatD G = random_mat(T * B, H, rng);
  const std::vector<MatD> F = {random_mat(B, H, rng), random_mat(B, H, rng)};
  const int valid[] = {3, 2};
  const auto loss = [&] {
    std::vector<MatD> final;
    Gru<double>::Cache cache;
    const MatD Y = gru.forward(X, B, h0, final, cache, valid);
    double l = dot_loss(Y, G);
    for (int k = 0; k < L; ++k) l += dot_loss(final[k], F[k]);
    return l;
  };
  std::vector<MatD> final, dh0;
  Gru<double>::Cache cache;
  gru.forward(X, B, h0, final, cache, valid);
  gru.visit("", [](const std::string&, tf::Param<double>& p) { p.zero_grad(); });
  const MatD dX = gru.backward(cache, G, F, dh0);

  EXPECT_LT(rel_error(dX, numeric_grad(X, loss)), kGradTolerance);
  for (int k = 0; k < L; ++k)
    EXPECT_LT(rel_error(dh0[k], numeric_grad(h0[k], loss)), kGradTolerance);
  gru.visit("", [&](const std::string& name, tf::Param<double>& p) {
    EXPECT_LT(rel_error(p.grad, numeric_grad(p.value, loss)), kGradTolerance) << name;
  });
}

}  // namespace
}  // namespace al::bahdanau
