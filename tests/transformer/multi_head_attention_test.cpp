// Multi-head attention: the book's shape checks (check value 6), the head layout and 1/√(d/h)
// scaling computed by hand, the KV cache, and the backward pass against finite differences.
#include "engine/transformer/multi_head_attention.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "engine/transformer/masked_softmax.hpp"
#include "tests/transformer/gradcheck.hpp"

namespace al::tf {
namespace {

using test::MatD;
using MHA = MultiHeadAttention<double>;

TEST(MultiHeadAttention, BookShapes) {
  Rng rng(20);
  MultiHeadAttention<float> attention;
  attention.init(/*d=*/100, /*heads=*/5, /*bias=*/false, rng);
  EXPECT_EQ(attention.head_dim(), 20);
  const std::vector<int> valid = {3, 2};
  // Cross: X = ones(2, 4, 100), Y = ones(2, 6, 100) → (2, 4, 100).
  const Mat<float> X = Mat<float>::Ones(2 * 4, 100), Y = Mat<float>::Ones(2 * 6, 100);
  MultiHeadAttention<float>::Cache cache;
  const Mat<float> out = attention.forward(X, Y, 2, row_lens_1d(valid, 4), cache);
  EXPECT_EQ(out.rows(), 2 * 4);
  EXPECT_EQ(out.cols(), 100);
  ASSERT_EQ(cache.weights.size(), 2u * 5u);
  EXPECT_EQ(cache.weights[0].rows(), 4);
  EXPECT_EQ(cache.weights[0].cols(), 6);
  // Self-attention: attention(X, X, X) → (2, 4, 100).
  const Mat<float> self = attention.forward(X, X, 2, row_lens_1d(valid, 4), cache);
  EXPECT_EQ(self.rows(), 2 * 4);
  EXPECT_EQ(self.cols(), 100);
  // Batch 1 (valid length 2) never looks past key 1, in any head.
  for (int j = 0; j < 5; ++j) EXPECT_EQ(cache.weight(1, j, 5).col(2).norm(), 0.0f);
}

TEST(MultiHeadAttention, HeadsTakeContiguousFeatureBlocks) {
  // d = 4, h = 2, every projection the identity. Tokens x0 = [1, 0, 0, 0] and x1 = [0, 1, 0, 2].
  // Head 0 sees features 0–1: q0 = [1, 0], k0 = [1, 0], k1 = [0, 1] → scores 1/√2 and 0,
  //   weights σ = 1/(1 + e^(−1/√2)) and 1 − σ, output σ·[1, 0] + (1 − σ)·[0, 1].
  // Head 1 sees features 2–3: q0 = [0, 0] → uniform weights, output ½·[0, 0] + ½·[0, 2] = [0, 1].
  Rng rng(21);
  MHA attention;
  attention.init(4, 2, false, rng);
  for (Linear<double>* l : {&attention.W_q, &attention.W_k, &attention.W_v, &attention.W_o})
    l->weight.value.setIdentity();
  MatD X(2, 4);
  X << 1, 0, 0, 0, 0, 1, 0, 2;
  MHA::Cache cache;
  const MatD Y = attention.forward(X, X, 1, {}, cache);
  const double sigma = 1.0 / (1.0 + std::exp(-1.0 / std::sqrt(2.0)));
  EXPECT_NEAR(Y(0, 0), sigma, 1e-15);
  EXPECT_NEAR(Y(0, 1), 1 - sigma, 1e-15);
  EXPECT_NEAR(Y(0, 2), 0.0, 1e-15);
  EXPECT_NEAR(Y(0, 3), 1.0, 1e-15);
  EXPECT_NEAR(cache.weight(0, 1, 2)(0, 0), 0.5, 1e-15);
  // The explanation of head 0, query 0 shows raw 1 and 0, scaled by 1/√2.
  const QueryScores<double> q = attention.explain(cache, 0, 0, 0);
  EXPECT_NEAR(q.raw(0), 1.0, 1e-15);
  EXPECT_NEAR(q.raw(1), 0.0, 1e-15);
  EXPECT_NEAR(q.scaled(0), 1 / std::sqrt(2.0), 1e-15);
  EXPECT_NEAR(q.weights(0), sigma, 1e-15);
}

TEST(MultiHeadAttention, BackwardMatchesFiniteDifferences) {
  // Without dropout, and with dropout on the weights (p = 0.5), its masks held fixed: every pass
  // draws them again from the same seed.
  for (double p : {0.0, 0.5}) {
    Rng rng(22);
    MHA attention;
    attention.init(6, 3, /*bias=*/true, rng);
    // Two sequences: 3 queries each over 4 keys each, masked with 2-D lengths (one row fully
    // masked).
    MatD Xq = test::random_mat(2 * 3, 6, rng), Xkv = test::random_mat(2 * 4, 6, rng);
    const MatD G = test::random_mat(2 * 3, 6, rng);
    const std::vector<int> lens = row_lens_2d({{4, 2, 1}, {3, 0, 4}});
    const auto forward = [&](MHA::Cache& cache) {
      Dropout dropout(p, 23);
      return attention.forward(Xq, Xkv, 2, lens, cache, &dropout);
    };
    const auto loss = [&] {
      MHA::Cache cache;
      return test::dot_loss(forward(cache), G);
    };
    MHA::Cache cache;
    forward(cache);
    EXPECT_EQ(cache.drops.size(), p > 0 ? 2u * 3u : 0u);
    MatD dXq, dXkv;
    attention.backward(cache, G, dXq, dXkv);
    EXPECT_LT(test::rel_error(dXq, test::numeric_grad(Xq, loss)), test::kGradTolerance) << p;
    EXPECT_LT(test::rel_error(dXkv, test::numeric_grad(Xkv, loss)), test::kGradTolerance) << p;
    int params = 0;
    attention.visit("", [&](const std::string& name, Param<double>& param) {
      ++params;
      const MatD numeric = test::numeric_grad(param.value, loss);
      if (name == "W_k.bias") {
        // q·(k_j + b) = q·k_j + q·b shifts every score of a row equally and the softmax ignores
        // it.
        EXPECT_LT(param.grad.norm(), 1e-12);
        EXPECT_LT(numeric.norm(), 1e-8);
        return;
      }
      EXPECT_LT(test::rel_error(param.grad, numeric), test::kGradTolerance) << name << " " << p;
    });
    EXPECT_EQ(params, 8);  // four weights and four biases
  }
}

TEST(MultiHeadAttention, KvCacheStepsEqualTheCausalForward) {
  Rng rng(23);
  MHA attention;
  attention.init(8, 2, true, rng);
  const MatD X = test::random_mat(5, 8, rng);
  MHA::Cache cache;
  const MatD full = attention.forward(X, X, 1, row_lens_causal(1, 5), cache);
  MHA::KvCache kv;
  for (int t = 0; t < 5; ++t) {
    attention.append_kv(kv, X.row(t));
    std::vector<MatD> weights;
    const MatD step = attention.forward_cached(X.row(t), kv, {}, weights);
    EXPECT_LT((step - full.row(t)).norm(), 1e-12) << "step " << t;
    for (int j = 0; j < 2; ++j)
      EXPECT_LT((weights[j].row(0) - cache.weight(0, j, 2).row(t).head(t + 1)).norm(), 1e-12);
  }
  // The upper triangle of the causal weights is exactly zero.
  for (int j = 0; j < 2; ++j)
    for (int t = 0; t < 5; ++t)
      for (int k = t + 1; k < 5; ++k) EXPECT_EQ(cache.weight(0, j, 2)(t, k), 0.0);
}

}  // namespace
}  // namespace al::tf
