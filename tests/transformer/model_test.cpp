// Transformer models: the book's block and model shapes (check value 6), masks in the attention
// trace, cached greedy decoding against the teacher-forced forward pass, and a whole-model gradient
// check with the masked cross-entropy.
#include <gtest/gtest.h>

#include "engine/transformer/decode.hpp"
#include "engine/transformer/loss.hpp"
#include "engine/transformer/masked_softmax.hpp"
#include "engine/transformer/model.hpp"
#include "engine/transformer/trace.hpp"
#include "tests/transformer/gradcheck.hpp"
#include "tests/transformer/tiny_model.hpp"

namespace al::tf {
namespace {

using test::MatD;

Vocab letters() {
  return Vocab({"<pad>", "<bos>", "<eos>", "<unk>", "a", "b", "c", "d", "e"});
}

ModelConfig small_config(Arch arch) {
  return test::tiny_config(arch, 12, 32, letters(), letters());
}

TEST(TransformerBlocks, BookShapes) {
  ModelConfig c = test::layer_config(24, 8, 48);
  Rng rng(40);
  EncoderLayer<float> enc;
  enc.init(c, rng);
  const std::vector<int> valid = {3, 2};
  const Mat<float> X = Mat<float>::Ones(2 * 100, 24);
  EncoderLayer<float>::Cache enc_cache;
  const Mat<float> M = enc.forward(X, 2, row_lens_1d(valid, 100), enc_cache);
  EXPECT_EQ(M.rows(), 200);  // (2, 100, 24)
  EXPECT_EQ(M.cols(), 24);
  DecoderLayer<float> dec;
  dec.init(c, rng);
  DecoderLayer<float>::Cache dec_cache;
  const Mat<float> Y =
      dec.forward(X, M, 2, row_lens_causal(2, 100), row_lens_1d(valid, 100), dec_cache);
  EXPECT_EQ(Y.rows(), 200);
  EXPECT_EQ(Y.cols(), 24);
  // TransformerEncoder(200, 24, 48, 8, 2) on ones(2, 100) token ids with valid_lens [3, 2].
  std::vector<std::string> words;
  for (int i = 0; i < 200; ++i) words.push_back(std::to_string(i));
  c.src_vocab = Vocab(words);
  c.tgt_vocab = Vocab({"<bos>", "x"});
  Transformer<float> model;
  model.init(c, 1);
  Transformer<float>::Cache cache;
  const std::vector<int> ids(200, 1);
  const Mat<float> out = model.encode(ids, 2, 100, valid, cache);
  EXPECT_EQ(out.rows(), 200);
  EXPECT_EQ(out.cols(), 24);
}

TEST(Transformer, TraceShapesMasksAndTokens) {
  // The old edition's attention tensors: encoder (2, 4, 10, 10), decoder self and cross (2, 4, 6,
  // 10) (2 layers, 4 heads); here with 10 source and 6 target positions, 4 source tokens valid.
  ModelConfig c = small_config(Arch::EncoderDecoder);
  c.num_heads = 4;
  Transformer<float> model;
  model.init(c, 2);
  TokenBatch batch{1, 10, {4, 5, 6, 2, 0, 0, 0, 0, 0, 0}, {4}, 6, {1, 7, 8, 4, 5, 6}, {}};
  Transformer<float>::Cache cache;
  const Mat<float> logits = model.forward(batch, cache);
  EXPECT_EQ(logits.rows(), 6);
  EXPECT_EQ(logits.cols(), 9);
  const AttentionTrace trace = attention_trace(model, cache);
  ASSERT_EQ(trace.maps.size(), 3u * 2u * 4u);
  for (int layer = 0; layer < 2; ++layer)
    for (int head = 0; head < 4; ++head) {
      const AttentionMap* enc = trace.find(AttentionKind::EncoderSelf, layer, head);
      const AttentionMap* self = trace.find(AttentionKind::DecoderSelf, layer, head);
      const AttentionMap* cross = trace.find(AttentionKind::Cross, layer, head);
      ASSERT_TRUE(enc && self && cross);
      EXPECT_EQ(enc->weights.rows(), 10);
      EXPECT_EQ(enc->weights.cols(), 10);
      EXPECT_EQ(self->weights.rows(), 6);
      EXPECT_EQ(self->weights.cols(), 6);
      EXPECT_EQ(cross->weights.rows(), 6);
      EXPECT_EQ(cross->weights.cols(), 10);
      // Padding keys (source positions 4–9) get weight exactly 0, from every query.
      EXPECT_EQ(enc->weights.rightCols(6).norm(), 0.0);
      EXPECT_EQ(cross->weights.rightCols(6).norm(), 0.0);
      // Causal: the upper triangle is exactly 0, and every row sums to 1.
      for (int q = 0; q < 6; ++q) {
        EXPECT_EQ(self->weights.row(q).tail(5 - q).norm(), 0.0);
        EXPECT_NEAR(self->weights.row(q).sum(), 1.0, 1e-6);
      }
    }
  const AttentionMap* cross = trace.find(AttentionKind::Cross, 1, 3);
  EXPECT_EQ(cross->query_tokens, (std::vector<std::string>{"<bos>", "d", "e", "a", "b", "c"}));
  EXPECT_EQ(cross->key_tokens[0], "a");
  EXPECT_EQ(cross->key_tokens[3], "<eos>");
  EXPECT_EQ(cross->key_tokens[9], "<pad>");
  // One query's explanation reproduces its row of the trace.
  const auto q = explain_query(model, cache, AttentionKind::Cross, 1, 3, 0, 2);
  for (int k = 0; k < 10; ++k) EXPECT_NEAR(q.weights(k), cross->weights(2, k), 1e-6);
  EXPECT_EQ(q.valid_len, 4);
  EXPECT_EQ(q.masked(7), -1e6f);
}

// Greedy decoding with caches must reproduce the teacher-forced forward pass on what it decoded:
// the same logits at every step and the same attention matrices.
void expect_cached_decode_matches_forward(const ModelConfig& c) {
  Transformer<double> model;
  model.init(c, 3);
  const std::vector<int> src = {4, 6, 5, 7, 2};
  const auto decoded = greedy_decode(model, src, 6);
  ASSERT_TRUE(decoded.ok()) << decoded.error();
  const Decoded<double>& d = decoded.value();
  ASSERT_GE(d.ids.size(), 1u);
  // The fed tokens: (prompt), <bos>, then every output but the last.
  std::vector<int> fed = c.arch == Arch::Decoder ? src : std::vector<int>{};
  fed.push_back(c.tgt_vocab.bos());
  fed.insert(fed.end(), d.ids.begin(), d.ids.end() - 1);
  const int n = static_cast<int>(fed.size());
  TokenBatch batch{1, 5, src, {5}, n, fed, {}};
  Transformer<double>::Cache cache;
  const MatD logits = model.forward(batch, cache);
  const int first = n - static_cast<int>(d.ids.size());
  EXPECT_LT((logits.bottomRows(d.ids.size()) - d.logits).norm(), 1e-10);
  for (std::size_t t = 0; t < d.ids.size(); ++t) {
    Eigen::Index best;
    logits.row(first + static_cast<int>(t)).maxCoeff(&best);
    EXPECT_EQ(best, d.ids[t]);
  }
  const AttentionTrace full = attention_trace(model, cache);
  ASSERT_EQ(full.maps.size(), d.trace.maps.size());
  for (const AttentionMap& m : full.maps) {
    const AttentionMap* step = d.trace.find(m.kind, m.layer, m.head);
    ASSERT_NE(step, nullptr);
    EXPECT_LT((step->weights - m.weights).norm(), 1e-12) << name(m.kind) << m.layer << m.head;
    EXPECT_EQ(step->query_tokens, m.query_tokens);
    EXPECT_EQ(step->key_tokens, m.key_tokens);
  }
}

TEST(Transformer, CachedDecodeEqualsTeacherForcedForward) {
  expect_cached_decode_matches_forward(small_config(Arch::EncoderDecoder));
  ModelConfig pre = small_config(Arch::EncoderDecoder);
  pre.norm = NormPlacement::Pre;
  pre.final_norm = true;
  pre.positional = Positional::Learned;
  pre.attention_bias = true;
  pre.activation = Activation::Gelu;
  expect_cached_decode_matches_forward(pre);
  expect_cached_decode_matches_forward(small_config(Arch::Decoder));
}

TEST(Transformer, EncoderOnlyPredictsEveryPosition) {
  Transformer<float> model;
  model.init(small_config(Arch::Encoder), 4);
  const std::vector<int> src = {4, 5, 6};
  const auto decoded = greedy_decode(model, src, 10);
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded.value().ids.size(), 3u);
  EXPECT_EQ(decoded.value().trace.maps.size(), 2u * 2u);
}

TEST(Transformer, DecodeRejectsBadInput) {
  Transformer<float> model;
  model.init(small_config(Arch::EncoderDecoder), 5);
  const std::vector<int> bad = {4, 99};
  const auto r = greedy_decode(model, bad, 5);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().find("99"), std::string::npos);
  const std::vector<int> long_input(40, 4);
  EXPECT_FALSE(greedy_decode(model, long_input, 5).ok());
  EXPECT_FALSE(source_ids(Vocab({"a"}), {"zzz"}).ok());
  EXPECT_EQ(source_ids(letters(), {"a", "zzz"}).value(), (std::vector<int>{4, 3, 2}));
}

// dL/dθ of the masked cross-entropy for every parameter against finite differences, in training
// mode with dropout probability `rate`: every pass draws the same masks again from the same seed.
void expect_model_gradients(const ModelConfig& c, const TokenBatch& batch, double rate) {
  Transformer<double> model;
  model.init(c, 6);
  const auto forward = [&](Transformer<double>::Cache& cache) {
    Dropout dropout(rate, 7);
    return model.forward(batch, cache, &dropout);
  };
  const auto loss = [&] {
    Transformer<double>::Cache cache;
    return cross_entropy<double>(forward(cache), batch.labels, nullptr).loss;
  };
  Transformer<double>::Cache cache;
  MatD dlogits;
  cross_entropy(forward(cache), batch.labels, &dlogits);
  // When dropping, masks reach the embeddings of every side the model has.
  EXPECT_EQ(cache.tgt_drop.size() != 0, rate > 0 && c.arch != Arch::Encoder);
  EXPECT_EQ(cache.src_drop.size() != 0, rate > 0 && c.arch != Arch::Decoder);
  model.zero_grad();
  model.backward(cache, dlogits);
  int checked = 0;
  model.visit([&](const std::string& name, Param<double>& p) {
    const MatD numeric = test::numeric_grad(p.value, loss);
    ++checked;
    if (name.find("W_k.bias") != std::string::npos) {  // shifts each score row: no gradient
      EXPECT_LT(numeric.norm(), 1e-8) << name;
      return;
    }
    EXPECT_LT(test::rel_error(p.grad, numeric), test::kGradTolerance) << name;
  });
  EXPECT_GT(checked, 10);
}

// Every architecture, post- and pre-norm, with dropout probability `rate`.
void expect_all_model_gradients(double rate) {
  // Two sequences, padded source (valid 3 and 2) and padded targets (label −1).
  const TokenBatch batch{
      2, 3, {4, 5, 2, 6, 2, 0}, {3, 2}, 3, {1, 6, 5, 1, 4, 0}, {6, 5, 2, 4, 2, -1}};
  ModelConfig c = small_config(Arch::EncoderDecoder);
  c.num_encoder_layers = c.num_decoder_layers = 1;
  c.d_model = 4;
  c.ffn_hidden = 5;
  expect_model_gradients(c, batch, rate);
  c.norm = NormPlacement::Pre;
  c.final_norm = true;
  c.attention_bias = true;
  c.positional = Positional::Learned;
  c.activation = Activation::Gelu;
  expect_model_gradients(c, batch, rate);
  ModelConfig dec = c;
  dec.arch = Arch::Decoder;
  expect_model_gradients(dec, batch, rate);
  ModelConfig enc = small_config(Arch::Encoder);
  enc.num_encoder_layers = 1;
  enc.d_model = 4;
  TokenBatch tagging = batch;
  tagging.labels = {6, 5, 2, 4, 2, -1};
  expect_model_gradients(enc, tagging, rate);
}

TEST(Transformer, WholeModelGradientsMatchFiniteDifferences) {
  expect_all_model_gradients(0.0);
}

// Dropout on the embeddings, on every attention's weights and on every sublayer output: each
// backward multiplies by the mask its forward drew.
TEST(Transformer, WholeModelGradientsWithDropoutMatchFiniteDifferences) {
  expect_all_model_gradients(0.3);
}

TEST(CrossEntropy, MatchesHandComputedValues) {
  // Row 0: logits [0, ln 3] → p = [1/4, 3/4], label 1: −ln(3/4). Row 1 ignored.
  MatD logits(2, 2);
  logits << 0, std::log(3.0), 5, -5;
  const std::vector<int> labels = {1, -1};
  MatD d;
  const LossResult r = cross_entropy(logits, labels, &d);
  EXPECT_NEAR(r.loss, -std::log(0.75), 1e-15);
  EXPECT_EQ(r.tokens, 1);
  EXPECT_EQ(r.correct, 1);
  EXPECT_NEAR(d(0, 0), 0.25, 1e-15);
  EXPECT_NEAR(d(0, 1), -0.25, 1e-15);
  EXPECT_EQ(d.row(1).norm(), 0.0);
}

}  // namespace
}  // namespace al::tf
