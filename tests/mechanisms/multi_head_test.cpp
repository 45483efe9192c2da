// The multi-head attention lab's numerics: a layer computed by hand, each head's weights equal to
// masked_softmax(Q_j K_jᵀ/√(d/h)) from its own rows of the projections, the head-by-head layer
// equal to the Transformer engine's batched MultiHeadAttention (the book's transpose_qkv form),
// masking (exact zeros, uniform weights at valid length 0), the book's toy (spec §6, §10.6: output
// shape (2, 4, 100), scale 1/√20), and the settings' one-line refusals.
#include "engine/mechanisms/multi_head.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "engine/settings.hpp"
#include "engine/transformer/masked_softmax.hpp"
#include "engine/transformer/multi_head_attention.hpp"

namespace al::mh {
namespace {

Settings with(std::initializer_list<std::pair<std::string, std::string>> kv) {
  Settings s;
  for (const auto& [k, v] : kv) EXPECT_FALSE(apply_setting(s, k, v)) << k;
  return s;
}

Problem problem(std::initializer_list<std::pair<std::string, std::string>> kv) {
  auto p = problem_of(with(kv));
  EXPECT_TRUE(p) << (p ? "" : p.error());
  return std::move(p).value();
}

TEST(MultiHead, ATwoHeadLayerByHand) {
  // d = 2, h = 2 (each head one number, scale 1/√1), identity projections, W_o swapping the two
  // halves. One query (1, 2); keys (1, 0) and (0, 1) are also the values.
  Problem p = problem({{"mh.hiddens", "2"},
                       {"mh.heads", "2"},
                       {"mh.batch", "1"},
                       {"mh.queries", "1,2"},
                       {"mh.keys", "1,0;0,1"}});
  p.W_q = p.W_k = p.W_v = Mat::Identity(2, 2);
  p.W_o << 0, 1, 1, 0;
  const Sequence seq = attend(p).at(0);
  // Head 0 sees the first numbers: q = 1, keys 1 and 0: weights softmax(1, 0); values 1 and 0.
  const double e = std::exp(1.0);
  EXPECT_NEAR(seq.heads[0].weights(0, 0), e / (e + 1), 1e-15);
  EXPECT_NEAR(seq.heads[0].output(0, 0), e / (e + 1), 1e-15);
  // Head 1 the second: q = 2, keys 0 and 1: weights softmax(0, 2); values 0 and 1.
  const double e2 = std::exp(2.0);
  EXPECT_NEAR(seq.heads[1].weights(0, 1), e2 / (e2 + 1), 1e-15);
  EXPECT_NEAR(seq.concat(0, 1), e2 / (e2 + 1), 1e-15);
  // W_o swaps them.
  EXPECT_NEAR(seq.output(0, 0), e2 / (e2 + 1), 1e-15);
  EXPECT_NEAR(seq.output(0, 1), e / (e + 1), 1e-15);
}

TEST(MultiHead, EachHeadIsMaskedSoftmaxOfItsOwnRows) {
  const Problem p = problem({{"mh.hiddens", "12"},
                             {"mh.heads", "3"},
                             {"mh.dim", "5"},
                             {"mh.valid_lens", "4,2"},
                             {"mh.seed", "7"}});
  ASSERT_EQ(p.head_dim(), 4);
  EXPECT_DOUBLE_EQ(p.scale(), 0.5);
  const auto seqs = attend(p);
  for (int b = 0; b < 2; ++b)
    for (int j = 0; j < 3; ++j) {
      // From the head's rows of W_q and W_k alone, not from the full projections.
      const Mat Qj = p.queries[b] * head_rows(p.W_q, j, 4).transpose();
      const Mat Kj = p.keys[b] * head_rows(p.W_k, j, 4).transpose();
      const std::vector<int> lens(static_cast<std::size_t>(Qj.rows()), b == 0 ? 4 : 2);
      const Mat expected = tf::masked_softmax<double>(Mat(Qj * Kj.transpose() / 2.0), lens);
      const Head& head = seqs[b].heads[j];
      EXPECT_LT((head.weights - expected).cwiseAbs().maxCoeff(), 1e-15) << b << " " << j;
      const Mat Vj = p.values[b] * head_rows(p.W_v, j, 4).transpose();
      EXPECT_LT((head.output - expected * Vj).cwiseAbs().maxCoeff(), 1e-14);
    }
}

TEST(MultiHead, HeadByHeadEqualsTheTransformerEnginesBatchedLayer) {
  // Inputs of d numbers (the engine's layer maps d to d), values = keys as its Xkv.
  const Problem p = problem({{"mh.hiddens", "8"},
                             {"mh.heads", "4"},
                             {"mh.dim", "8"},
                             {"mh.batch", "3"},
                             {"mh.n_queries", "3"},
                             {"mh.n_kv", "5"},
                             {"mh.valid_lens", "5,1,3"},
                             {"mh.seed", "3"}});
  tf::MultiHeadAttention<double> layer;
  Rng rng(0);
  layer.init(8, 4, false, rng);
  layer.W_q.weight.value = p.W_q;
  layer.W_k.weight.value = p.W_k;
  layer.W_v.weight.value = p.W_v;
  layer.W_o.weight.value = p.W_o;
  Mat Xq(9, 8), Xkv(15, 8);
  for (int b = 0; b < 3; ++b) {
    Xq.middleRows(b * 3, 3) = p.queries[b];
    Xkv.middleRows(b * 5, 5) = p.keys[b];
  }
  const std::vector<int> lens = tf::row_lens_1d(std::vector<int>{5, 1, 3}, 3);
  tf::MultiHeadAttention<double>::Cache cache;
  const Mat Y = layer.forward(Xq, Xkv, 3, lens, cache);
  const auto seqs = attend(p);
  for (int b = 0; b < 3; ++b) {
    EXPECT_LT((seqs[b].output - Y.middleRows(b * 3, 3)).cwiseAbs().maxCoeff(), 1e-14);
    for (int j = 0; j < 4; ++j)
      EXPECT_LT((seqs[b].heads[j].weights - cache.weight(b, j, 4)).cwiseAbs().maxCoeff(), 1e-15);
  }
}

TEST(MultiHead, MaskedWeightsAreExactlyZeroAndLengthZeroIsUniform) {
  const Problem p = problem({{"mh.valid_lens", "2,0"}, {"mh.n_kv", "5"}});
  const auto seqs = attend(p);
  for (const Head& head : seqs[0].heads)
    for (int q = 0; q < head.weights.rows(); ++q) {
      for (int k = 2; k < 5; ++k) EXPECT_EQ(head.weights(q, k), 0.0);
      EXPECT_NEAR(head.weights(q, 0) + head.weights(q, 1), 1.0, 1e-15);
    }
  for (const Head& head : seqs[1].heads)
    for (int k = 0; k < 5; ++k) EXPECT_DOUBLE_EQ(head.weights(0, k), 0.2);
  // One length for every sequence.
  const Problem one = problem({{"mh.valid_lens", "1"}});
  for (const Sequence& seq : attend(one)) EXPECT_EQ(seq.heads[1].weights(2, 1), 0.0);
}

TEST(MultiHead, BookToyShapesAndUniformWeights) {
  // Spec §6: num_hiddens 100, 5 heads, batch 2, 4 queries, 6 key-value pairs, valid lengths
  // [3, 2], X = ones(2, 4, 100), Y = ones(2, 6, 100): output (2, 4, 100), scale 1/√20. Every key
  // is the same, so each head's weights are uniform over the valid keys: 1/3 and 1/2.
  const Problem p = problem({{"mh.preset", "book"}});
  EXPECT_EQ(p.batch(), 2);
  EXPECT_EQ(p.head_dim(), 20);
  EXPECT_DOUBLE_EQ(p.scale(), 1.0 / std::sqrt(20.0));
  const auto seqs = attend(p);
  ASSERT_EQ(seqs.size(), 2u);
  for (int b = 0; b < 2; ++b) {
    EXPECT_EQ(seqs[b].output.rows(), 4);
    EXPECT_EQ(seqs[b].output.cols(), 100);
    EXPECT_EQ(seqs[b].heads.size(), 5u);
    const double w = b == 0 ? 1.0 / 3 : 0.5;
    for (const Head& head : seqs[b].heads) {
      EXPECT_EQ(head.weights.cols(), 6);
      for (int k = 0; k < 6; ++k)
        EXPECT_NEAR(head.weights(3, k), k < (b == 0 ? 3 : 2) ? w : 0, 1e-15);
    }
  }
}

TEST(MultiHead, SeedGivesTheWeightsWhateverTheInputSizes) {
  const Problem a = problem({{"mh.seed", "4"}, {"mh.n_kv", "3"}});
  const Problem b = problem({{"mh.seed", "4"}, {"mh.n_kv", "9"}, {"mh.batch", "5"}});
  EXPECT_EQ(a.W_q, b.W_q);
  EXPECT_EQ(a.W_o, b.W_o);
  // Xavier-uniform: within ±√(6 / (in + out)).
  EXPECT_LE(a.W_q.cwiseAbs().maxCoeff(), std::sqrt(6.0 / (4 + 8)));
  EXPECT_NE(a.W_q, problem({{"mh.seed", "5"}}).W_q);
}

TEST(MultiHead, RefusalsNameTheKey) {
  auto p = problem_of(with({{"mh.hiddens", "10"}, {"mh.heads", "3"}}));
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error(),
            "mh.heads: num_hiddens mh.hiddens = 10 is not divisible by mh.heads = 3 (each head "
            "takes d/h of it)");
  p = problem_of(with({{"mh.keys", "1,0;0,1"}, {"mh.values", "1;2;3"}}));
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error(), "mh.values: 3 values for 2 keys");
  p = problem_of(with({{"mh.valid_lens", "1,2,3"}}));
  ASSERT_FALSE(p);
  EXPECT_EQ(p.error().rfind("mh.valid_lens: 3 lengths for mh.batch = 2", 0), 0u);
  Settings s;
  EXPECT_EQ(apply_setting(s, "mh.valid_lens", "1.5"),
            "mh.valid_lens: valid lengths are whole numbers 0 to 16");
  EXPECT_TRUE(apply_setting(s, "mh.preset", "huge"));
}

}  // namespace
}  // namespace al::mh
