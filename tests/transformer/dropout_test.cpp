// Dropout: its masks (the fraction dropped, the scale of the kept units, seeding), how AddNorm and
// attention apply them in training mode, and that inference and the recorded attention weights
// are untouched by them. Gradients through the masks are checked with each layer's own
// finite-difference test (attention, multi-head attention, AddNorm, the whole model).
#include "engine/transformer/dropout.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "engine/transformer/add_norm.hpp"
#include "engine/transformer/model.hpp"
#include "engine/transformer/trace.hpp"
#include "tests/transformer/gradcheck.hpp"
#include "tests/transformer/tiny_model.hpp"

namespace al::tf {
namespace {

using test::MatD;

// Over n units each dropped with probability p, the dropped fraction has standard deviation
// √(p(1 − p)/n), and the mean of the mask (E = 1, Var of one unit = 1/(1 − p) − 1 = p/(1 − p))
// √(p/((1 − p) n)). Five of them bound a correct mask's miss with probability ≈ 1 − 6e-7.
TEST(Dropout, DropsAboutPOfTheUnitsAndScalesTheRestByOneOverOneMinusP) {
  struct Case {
    double p, keep;  // keep = 1/(1 − p), by hand
  };
  for (const Case c : {Case{0.1, 1.0 / 0.9}, Case{0.5, 2.0}, Case{0.9, 10.0}}) {
    Dropout dropout(c.p, 60);
    const MatD M = dropout.draw<double>(300, 400);
    const double n = static_cast<double>(M.size());
    const auto dropped = (M.array() == 0.0).count();
    EXPECT_NEAR(static_cast<double>(dropped) / n, c.p, 5 * std::sqrt(c.p * (1 - c.p) / n)) << c.p;
    const auto kept = ((M.array() - c.keep).abs() <= 1e-14 * c.keep).count();
    EXPECT_EQ(dropped + kept, M.size()) << c.p;  // every unit is 0 or 1/(1 − p)
    EXPECT_NEAR(M.mean(), 1.0, 5 * std::sqrt(c.p / ((1 - c.p) * n))) << c.p;
  }
  const Mat<float> F = Dropout(0.5, 61).draw<float>(20, 30);
  EXPECT_EQ(((F.array() == 0.0f) || (F.array() == 2.0f)).count(), F.size());
}

TEST(Dropout, MasksAreSeededAndDrawnRowByRow) {
  Dropout a(0.3, 62), b(0.3, 62);
  const MatD first = a.draw<double>(3, 4);
  EXPECT_EQ(first, b.draw<double>(3, 4));
  EXPECT_NE(a.draw<double>(3, 4), first);  // the next mask is a new draw
  const MatD row = Dropout(0.3, 62).draw<double>(1, 12);
  EXPECT_EQ(Eigen::Map<const MatD>(row.data(), 3, 4), first);
  EXPECT_NE(Dropout(0.3, 63).draw<double>(3, 4), first);
}

TEST(Dropout, NullOrZeroPIsInferenceAndDrawsNothing) {
  Dropout zero(0.0, 64);
  EXPECT_FALSE(dropping(nullptr));
  EXPECT_FALSE(dropping(&zero));
  EXPECT_EQ(dropout_mask<double>(&zero, 3, 4).size(), 0);
  EXPECT_EQ(dropout_mask<double>(nullptr, 3, 4).size(), 0);
  Dropout half(0.5, 64);
  EXPECT_TRUE(dropping(&half));
  EXPECT_EQ(dropout_mask<double>(&half, 3, 4).size(), 12);
  MatD X = MatD::Constant(2, 2, 3.0);
  apply_mask(MatD(), X);  // an empty mask: X stays
  EXPECT_EQ(X, MatD::Constant(2, 2, 3.0));
  MatD M(2, 2);
  M << 0, 2, 2, 0;
  apply_mask(M, X);
  EXPECT_EQ(X, (MatD(2, 2) << 0, 6, 6, 0).finished());
}

// Pre-norm: out = X + F ⊙ M; backward: dX = dOut, dF = dOut ⊙ M. Post-norm in inference:
// out = LN(X + F), the same as with p = 0.
TEST(Dropout, AddNormDropsTheSublayerOutputAndItsGradient) {
  Rng rng(65);
  const MatD X = test::random_mat(4, 5, rng), F = test::random_mat(4, 5, rng);
  const MatD G = test::random_mat(4, 5, rng);
  AddNorm<double> pre;
  pre.init(5, 1e-5, NormPlacement::Pre);
  Dropout dropout(0.5, 66);
  AddNorm<double>::Cache cache;
  const MatD out = pre.output(X, F, cache, &dropout);
  const MatD M = Dropout(0.5, 66).draw<double>(4, 5);  // the same mask, drawn again
  ASSERT_GT((M.array() == 0.0).count(), 0);
  EXPECT_EQ(out, X + F.cwiseProduct(M));
  MatD dX, dF;
  pre.output_backward(cache, G, dX, dF);
  EXPECT_EQ(dX, G);
  EXPECT_EQ(dF, G.cwiseProduct(M));

  AddNorm<double> post;
  post.init(5, 1e-5, NormPlacement::Post);
  AddNorm<double>::Cache eval, off;
  Dropout none(0.0, 66);
  const MatD expected = post.norm.forward(X + F, eval.ln);
  EXPECT_EQ(post.output(X, F, eval), expected);
  EXPECT_EQ(post.output(X, F, off, &none), expected);
  EXPECT_EQ(off.drop.size(), 0);
}

ModelConfig small_model() {
  const Vocab letters({"<pad>", "<bos>", "<eos>", "<unk>", "a", "b", "c", "d", "e"});
  return test::tiny_config(Arch::EncoderDecoder, 12, 16, letters, letters);
}

// One source of 6 positions, 5 valid; 4 decoder positions.
const TokenBatch kBatch{1, 6, {4, 5, 6, 7, 2, 0}, {5}, 4, {1, 7, 8, 4}, {}};

TEST(Dropout, InferenceForwardIgnoresIt) {
  Transformer<double> model;
  model.init(small_model(), 67);
  Transformer<double>::Cache cache;
  const MatD inference = model.forward(kBatch, cache);
  EXPECT_EQ(cache.src_drop.size() + cache.tgt_drop.size(), 0);
  EXPECT_TRUE(cache.decoder[0].cross.drops.empty());
  Dropout zero(0.0, 68), half(0.5, 68);
  EXPECT_EQ(model.forward(kBatch, cache, &zero), inference);  // bit-identical
  const MatD training = model.forward(kBatch, cache, &half);
  EXPECT_GT((training - inference).norm(), 1e-3);
  EXPECT_EQ(model.forward(kBatch, cache), inference);  // no state left behind by training mode
}

// The weights a trace records are P = softmax, taken before dropout: every row sums to 1 and
// padding keys get 0, while each head's output is (P ⊙ M) V.
TEST(Dropout, TrainingTraceIsTheSoftmaxBeforeDropout) {
  Transformer<double> model;
  model.init(small_model(), 69);
  Dropout dropout(0.5, 70);
  Transformer<double>::Cache cache;
  model.forward(kBatch, cache, &dropout);
  const AttentionTrace trace = attention_trace(model, cache);
  ASSERT_EQ(trace.maps.size(), 3u * 2u * 2u);
  for (const AttentionMap& m : trace.maps) {
    for (Eigen::Index q = 0; q < m.weights.rows(); ++q)
      EXPECT_NEAR(m.weights.row(q).sum(), 1.0, 1e-12) << name(m.kind) << m.layer << m.head << q;
    EXPECT_GE(m.weights.minCoeff(), 0.0);
    if (m.kind != AttentionKind::DecoderSelf) {
      EXPECT_EQ(m.weights.col(5).norm(), 0.0);  // the padding key
    }
  }
  // Encoder layer 0, head 1 (columns 4–7): its output used the dropped weights.
  const auto& attn = cache.encoder[0].attn;
  const MatD& P = attn.weight(0, 1, 2);
  const MatD& M = attn.drops.at(1);
  ASSERT_GT((M.leftCols(5).array() == 0.0).count(), 0);
  EXPECT_LT((attn.heads.middleCols(4, 4) - P.cwiseProduct(M) * attn.V.middleCols(4, 4)).norm(),
            1e-12);
  EXPECT_EQ(trace.find(AttentionKind::EncoderSelf, 0, 1)->weights, P);
  // A query's step-by-step explanation recomputes the same softmax from the cached Q and K.
  const auto q = explain_query(model, cache, AttentionKind::EncoderSelf, 0, 1, 0, 2);
  EXPECT_LT((q.weights - P.row(2)).norm(), 1e-12);
  // Its output row is the forward's: of the dropped weights.
  EXPECT_LT((q.output - P.row(2).cwiseProduct(M.row(2)) * attn.V.middleCols(4, 4)).norm(), 1e-12);
}

}  // namespace
}  // namespace al::tf
