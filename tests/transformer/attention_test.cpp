// Scaled dot-product and additive attention: the old edition's deterministic toy (check value 1),
// the BMM demo (check value 2), one-query explanations, and backward passes against finite
// differences.
#include <gtest/gtest.h>

#include <cmath>

#include "engine/transformer/additive_attention.hpp"
#include "engine/transformer/dot_product_attention.hpp"
#include "engine/transformer/dropout.hpp"
#include "engine/transformer/masked_softmax.hpp"
#include "tests/transformer/gradcheck.hpp"

namespace al::tf {
namespace {

using test::MatD;

// The old edition's toy: keys = ones(10, 2), values = arange(40).reshape(10, 4), valid lengths 2
// and 6. All keys are equal, so the weights are uniform over the valid prefix: the outputs are the
// means of value rows 0–1 and 0–5, i.e. [2, 3, 4, 5] and [10, 11, 12, 13].
struct Toy {
  Mat<float> keys = Mat<float>::Ones(10, 2);
  Mat<float> values = Mat<float>(10, 4);
  int lens[2] = {2, 6};
  float expected[2][4] = {{2, 3, 4, 5}, {10, 11, 12, 13}};
  Toy() {
    for (int i = 0; i < 40; ++i) values.data()[i] = static_cast<float>(i);
  }
};

TEST(DotProductAttention, OldEditionToyGivesMeansOfValidValues) {
  Toy toy;
  Rng rng(10);
  for (int b = 0; b < 2; ++b) {
    const Mat<float> q = test::random_mat(1, 2, rng).cast<float>();
    const std::vector<int> lens = {toy.lens[b]};
    Mat<float> P;
    const Mat<float> out = dot_product_attention<float>(q, toy.keys, toy.values, lens, P);
    ASSERT_EQ(out.rows(), 1);
    ASSERT_EQ(out.cols(), 4);
    for (int c = 0; c < 4; ++c) EXPECT_NEAR(out(0, c), toy.expected[b][c], 1e-5f);
    for (int k = 0; k < 10; ++k)
      EXPECT_FLOAT_EQ(P(0, k), k < toy.lens[b] ? 1.0f / static_cast<float>(toy.lens[b]) : 0.0f);
  }
}

TEST(AdditiveAttention, OldEditionToyGivesMeansOfValidValues) {
  Toy toy;
  Rng rng(11);
  AdditiveAttention<float> attention;
  attention.init(/*query_size=*/20, /*key_size=*/2, /*hidden=*/8, rng);
  for (int b = 0; b < 2; ++b) {
    const Mat<float> q = test::random_mat(1, 20, rng).cast<float>();
    const std::vector<int> lens = {toy.lens[b]};
    AdditiveAttention<float>::Cache cache;
    const Mat<float> out = attention.forward(q, toy.keys, toy.values, lens, cache);
    for (int c = 0; c < 4; ++c) EXPECT_NEAR(out(0, c), toy.expected[b][c], 1e-5f);
  }
}

TEST(DotProductAttention, BmmDemoAveragesEachRow) {
  // Weights 0.1·ones(10) times values arange(20).reshape(2, 10): 4.5 and 14.5. Ten equal keys make
  // the attention weights exactly 0.1, so attention's output stage is the book's BMM.
  const Mat<double> keys = Mat<double>::Ones(10, 3);
  const Mat<double> query = Mat<double>::Ones(1, 3);
  const double expected[2] = {4.5, 14.5};
  for (int b = 0; b < 2; ++b) {
    Mat<double> values(10, 1);
    for (int i = 0; i < 10; ++i) values(i, 0) = 10 * b + i;
    Mat<double> P;
    const Mat<double> out = dot_product_attention<double>(query, keys, values, {}, P);
    EXPECT_NEAR(P(0, 3), 0.1, 1e-15);
    EXPECT_NEAR(out(0, 0), expected[b], 1e-12);
  }
}

TEST(DotProductAttention, ScoresAreScaledByRootOfKeySize) {
  // q = [1, 1, 1, 1], k0 = [1, 1, 1, 1], k1 = 0: scores 4/√4 = 2 and 0 → weights e²/(e² + 1), 1/(e²
  // + 1).
  MatD Q = MatD::Ones(1, 4), K = MatD::Zero(2, 4), V = MatD::Identity(2, 2);
  K.row(0).setOnes();
  MatD P;
  dot_product_attention<double>(Q, K, V, {}, P);
  const double e2 = std::exp(2.0);
  EXPECT_NEAR(P(0, 0), e2 / (e2 + 1), 1e-15);
  EXPECT_NEAR(P(0, 1), 1 / (e2 + 1), 1e-15);
}

TEST(DotProductAttention, ExplainQueryShowsEveryStep) {
  Rng rng(12);
  const MatD Q = test::random_mat(3, 4, rng), K = test::random_mat(5, 4, rng);
  const MatD V = test::random_mat(5, 2, rng);
  const std::vector<int> lens = {5, 3, 0};
  MatD P;
  dot_product_attention<double>(Q, K, V, lens, P);
  const QueryScores<double> q = explain_dot_product_query<double>(Q, K, 1, lens[1]);
  for (int j = 0; j < 5; ++j) {
    EXPECT_NEAR(q.raw(j), Q.row(1).dot(K.row(j)), 1e-14);
    EXPECT_NEAR(q.scaled(j), Q.row(1).dot(K.row(j)) / 2.0, 1e-14);
    EXPECT_EQ(q.masked(j), j < 3 ? q.scaled(j) : -1e6);
    EXPECT_NEAR(q.weights(j), P(1, j), 1e-14);
  }
  EXPECT_EQ(q.valid_len, 3);
  EXPECT_DOUBLE_EQ(q.scale, 0.5);
}

TEST(DotProductAttention, BackwardMatchesFiniteDifferences) {
  Rng rng(13);
  MatD Q = test::random_mat(3, 4, rng), K = test::random_mat(5, 4, rng);
  MatD V = test::random_mat(5, 2, rng);
  const MatD G = test::random_mat(3, 2, rng);
  const std::vector<int> lens = {5, 2, 0};
  // Without dropout, and with a fixed dropout mask on the weights (p = 0.4).
  const MatD mask = Dropout(0.4, 14).draw<double>(3, 5);
  ASSERT_GT((mask.array() == 0).count(), 0);
  for (const MatD* drop : {static_cast<const MatD*>(nullptr), &mask}) {
    const auto loss = [&] {
      MatD P;
      return test::dot_loss(dot_product_attention<double>(Q, K, V, lens, P, drop), G);
    };
    MatD P;
    dot_product_attention<double>(Q, K, V, lens, P, drop);
    const AttentionGrads<double> g =
        dot_product_attention_backward<double>(Q, K, V, P, lens, G, drop);
    EXPECT_LT(test::rel_error(g.dQ, test::numeric_grad(Q, loss)), test::kGradTolerance);
    EXPECT_LT(test::rel_error(g.dK, test::numeric_grad(K, loss)), test::kGradTolerance);
    EXPECT_LT(test::rel_error(g.dV, test::numeric_grad(V, loss)), test::kGradTolerance);
  }
}

TEST(AdditiveAttention, BackwardMatchesFiniteDifferences) {
  Rng rng(14);
  AdditiveAttention<double> attention;
  attention.init(3, 2, 5, rng);
  MatD Q = test::random_mat(2, 3, rng), K = test::random_mat(4, 2, rng);
  MatD V = test::random_mat(4, 3, rng);
  const MatD G = test::random_mat(2, 3, rng);
  const std::vector<int> lens = {4, 2};
  const auto loss = [&] {
    AdditiveAttention<double>::Cache cache;
    return test::dot_loss(attention.forward(Q, K, V, lens, cache), G);
  };
  AdditiveAttention<double>::Cache cache;
  attention.forward(Q, K, V, lens, cache);
  const AttentionGrads<double> g = attention.backward(cache, G);
  EXPECT_LT(test::rel_error(g.dQ, test::numeric_grad(Q, loss)), test::kGradTolerance);
  EXPECT_LT(test::rel_error(g.dK, test::numeric_grad(K, loss)), test::kGradTolerance);
  EXPECT_LT(test::rel_error(g.dV, test::numeric_grad(V, loss)), test::kGradTolerance);
  attention.visit("", [&](const std::string& name, Param<double>& p) {
    EXPECT_LT(test::rel_error(p.grad, test::numeric_grad(p.value, loss)), test::kGradTolerance)
        << name;
  });
  // The explanation's weights are the forward's.
  const QueryScores<double> q = attention.explain(cache, 1);
  for (int j = 0; j < 4; ++j) EXPECT_NEAR(q.weights(j), cache.weights(1, j), 1e-15);
}

}  // namespace
}  // namespace al::tf
