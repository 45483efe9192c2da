// Position-wise layers: LayerNorm (check value 5), the FFN and AddNorm demos, the sinusoidal table
// (check value 4), and every backward pass against finite differences.
#include <gtest/gtest.h>

#include <cmath>

#include "engine/transformer/add_norm.hpp"
#include "engine/transformer/embedding.hpp"
#include "engine/transformer/ffn.hpp"
#include "engine/transformer/layer_norm.hpp"
#include "engine/transformer/linear.hpp"
#include "tests/transformer/gradcheck.hpp"

namespace al::tf {
namespace {

using test::MatD;

TEST(LayerNorm, BookDemoGivesPlusMinusPoint99998) {
  LayerNorm<float> ln;
  ln.init(2);
  Mat<float> X(2, 2);
  X << 1, 2, 2, 3;
  LayerNorm<float>::Cache cache;
  const Mat<float> Y = ln.forward(X, cache);
  const float m = static_cast<float>(0.5 / std::sqrt(0.25 + 1e-5));  // 0.99998
  EXPECT_NEAR(m, 0.99998f, 1e-6f);
  EXPECT_FLOAT_EQ(Y(0, 0), -m);
  EXPECT_FLOAT_EQ(Y(0, 1), m);
  EXPECT_FLOAT_EQ(Y(1, 0), -m);
  EXPECT_FLOAT_EQ(Y(1, 1), m);
  // Batch norm normalises each column over the batch instead: LayerNorm of the transpose.
  const Mat<float> B = ln.forward(X.transpose(), cache).transpose();
  EXPECT_FLOAT_EQ(B(0, 0), -m);
  EXPECT_FLOAT_EQ(B(0, 1), -m);
  EXPECT_FLOAT_EQ(B(1, 0), m);
  EXPECT_FLOAT_EQ(B(1, 1), m);
}

TEST(PositionWiseFFN, BookDemoGivesIdenticalRows) {
  Rng rng(30);
  PositionWiseFFN<float> ffn;
  ffn.init(4, 4, 8, Activation::Relu, rng);  // the book's PositionWiseFFN(4, 8) on 4 features
  PositionWiseFFN<float>::Cache cache;
  const Mat<float> Y = ffn.forward(Mat<float>::Ones(2 * 3, 4), cache);
  ASSERT_EQ(Y.rows(), 6);
  ASSERT_EQ(Y.cols(), 8);
  for (int r = 1; r < 3; ++r) EXPECT_EQ(Y.row(r), Y.row(0));
}

TEST(Activation, GeluMatchesItsDefinition) {
  // gelu(1) = ½(1 + erf(1/√2)) = Φ(1) = 0.8413447460685429
  EXPECT_NEAR(activate(Activation::Gelu, 1.0), 0.8413447460685429, 1e-15);
  EXPECT_EQ(activate(Activation::Relu, -2.0), 0.0);
  EXPECT_EQ(activate(Activation::Relu, 2.5), 2.5);
}

TEST(AddNorm, BookDemoShape) {
  AddNorm<float> add_norm;
  add_norm.init(4, 1e-5, NormPlacement::Post);
  AddNorm<float>::Cache cache;
  const Mat<float> ones = Mat<float>::Ones(2 * 3, 4);
  const Mat<float> Y = add_norm.output(ones, ones, cache);
  EXPECT_EQ(Y.rows(), 6);
  EXPECT_EQ(Y.cols(), 4);
  EXPECT_EQ(Y.norm(), 0.0f);  // a constant row normalises to 0, then β = 0
}

TEST(PositionalEncoding, BookTableForD32) {
  const Mat<double> P = sinusoidal_positions<double>(60, 32);
  struct Entry {
    int row, col;
    double value;
  };
  const Entry table[] = {{0, 0, 0},          {0, 1, 1},          {1, 0, 0.841471},
                         {1, 1, 0.540302},   {1, 6, 0.176892},   {1, 7, 0.984230},
                         {10, 6, 0.978552},  {10, 7, -0.205998}, {10, 8, 0.841471},
                         {10, 9, 0.540302},  {59, 6, -0.875790}, {59, 8, -0.373877},
                         {30, 30, 0.005335}, {30, 31, 0.999986}};
  for (const Entry& e : table) EXPECT_NEAR(P(e.row, e.col), e.value, 5e-7) << e.row << "," << e.col;
  EXPECT_NEAR(positional_frequency(6, 32), 0.1778279, 5e-8);
  EXPECT_NEAR(positional_frequency(7, 32), 0.1778279, 5e-8);
  EXPECT_NEAR(positional_frequency(8, 32), 0.1, 1e-15);
  EXPECT_NEAR(positional_frequency(9, 32), 0.1, 1e-15);
}

// Checks every parameter gradient of `layer` and the input gradient `dX` against finite differences
// of `loss`, which runs the layer's forward on `X`.
template <class Layer>
void expect_gradients(Layer& layer, MatD& X, const MatD& dX, const std::function<double()>& loss) {
  EXPECT_LT(test::rel_error(dX, test::numeric_grad(X, loss)), test::kGradTolerance) << "input";
  layer.visit("", [&](const std::string& name, Param<double>& p) {
    EXPECT_LT(test::rel_error(p.grad, test::numeric_grad(p.value, loss)), test::kGradTolerance)
        << name;
  });
}

TEST(Linear, BackwardMatchesFiniteDifferences) {
  for (bool bias : {false, true}) {
    Rng rng(31);
    Linear<double> linear;
    linear.init(4, 3, bias, rng);
    MatD X = test::random_mat(5, 4, rng);
    const MatD G = test::random_mat(5, 3, rng);
    const MatD dX = linear.backward(X, G);
    expect_gradients(linear, X, dX, [&] { return test::dot_loss(linear.forward(X), G); });
  }
}

TEST(LayerNorm, BackwardMatchesFiniteDifferences) {
  Rng rng(32);
  LayerNorm<double> ln;
  ln.init(5);
  ln.gamma.value = test::random_mat(1, 5, rng);
  ln.beta.value = test::random_mat(1, 5, rng);
  MatD X = test::random_mat(4, 5, rng, 3.0);
  const MatD G = test::random_mat(4, 5, rng);
  LayerNorm<double>::Cache cache;
  ln.forward(X, cache);
  const MatD dX = ln.backward(cache, G);
  expect_gradients(ln, X, dX, [&] { return test::dot_loss(ln.forward(X, cache), G); });
}

TEST(PositionWiseFFN, BackwardMatchesFiniteDifferences) {
  for (Activation a : {Activation::Relu, Activation::Gelu}) {
    Rng rng(33);
    PositionWiseFFN<double> ffn;
    ffn.init(4, 7, 4, a, rng);
    MatD X = test::random_mat(5, 4, rng);
    const MatD G = test::random_mat(5, 4, rng);
    typename PositionWiseFFN<double>::Cache cache;
    ffn.forward(X, cache);
    const MatD dX = ffn.backward(cache, G);
    expect_gradients(ffn, X, dX, [&] {
      typename PositionWiseFFN<double>::Cache c;
      return test::dot_loss(ffn.forward(X, c), G);
    });
  }
}

// AddNorm around a linear sublayer: out = LN(X + Dropout(F(X))) or X + Dropout(F(LN(X))).
struct Residual {
  AddNorm<double> add_norm;
  Linear<double> sublayer;
  MatD in;  // what the sublayer read in the last forward

  MatD forward(const MatD& X, AddNorm<double>::Cache& cache, Dropout* dropout) {
    in = add_norm.sublayer_input(X, cache);
    return add_norm.output(X, sublayer.forward(in), cache, dropout);
  }
  MatD backward(const AddNorm<double>::Cache& cache, const MatD& G) {
    MatD dX, dF;
    add_norm.output_backward(cache, G, dX, dF);
    add_norm.sublayer_input_backward(cache, sublayer.backward(in, dF), dX);
    return dX;
  }
  template <class F>
  void visit(const std::string& prefix, F&& f) {
    add_norm.visit(prefix + "norm.", f);
    sublayer.visit(prefix + "sublayer.", f);
  }
};

// Post- and pre-norm, each without dropout and with dropout (p = 0.5) on the sublayer's output,
// its mask held fixed: every pass draws it again from the same seed.
TEST(AddNorm, BackwardMatchesFiniteDifferencesPostAndPre) {
  for (NormPlacement placement : {NormPlacement::Post, NormPlacement::Pre})
    for (double p : {0.0, 0.5}) {
      Rng rng(34);
      Residual r;
      r.add_norm.init(4, 1e-5, placement);
      r.add_norm.norm.gamma.value = test::random_mat(1, 4, rng);
      r.sublayer.init(4, 4, true, rng);
      MatD X = test::random_mat(3, 4, rng);
      const MatD G = test::random_mat(3, 4, rng);
      const auto forward = [&](AddNorm<double>::Cache& cache) {
        Dropout dropout(p, 36);
        return r.forward(X, cache, &dropout);
      };
      AddNorm<double>::Cache cache;
      forward(cache);
      EXPECT_EQ(cache.drop.size(), p > 0 ? 3 * 4 : 0);
      const MatD dX = r.backward(cache, G);
      expect_gradients(r, X, dX, [&] {
        AddNorm<double>::Cache c;
        return test::dot_loss(forward(c), G);
      });
    }
}

TEST(Embedding, BackwardScattersIntoTheLookedUpRows) {
  Rng rng(35);
  Embedding<double> embedding;
  embedding.init(6, 3, rng);
  const std::vector<int> ids = {4, 1, 4};
  const MatD G = test::random_mat(3, 3, rng);
  embedding.backward(ids, G, 2.0);
  MatD dummy = MatD::Zero(1, 1);
  expect_gradients(embedding, dummy, MatD::Zero(1, 1),
                   [&] { return test::dot_loss(embedding.forward(ids, 2.0), G); });
  EXPECT_EQ(embedding.weight.grad.row(0).norm(), 0.0);
}

}  // namespace
}  // namespace al::tf
