// The Seq2Seq model with Bahdanau attention: the book's shape check, the decoder's input order and
// query, masking of padded source positions, and every gradient of the whole model (through the
// masked cross-entropy) against central finite differences in double.
#include <gtest/gtest.h>

#include "../transformer/gradcheck.hpp"
#include "engine/bahdanau/model.hpp"
#include "engine/transformer/loss.hpp"

namespace al::bahdanau {
namespace {

using tf::test::kGradTolerance;
using tf::test::MatD;
using tf::test::numeric_grad;
using tf::test::rel_error;

Vocab numbered_vocab(int n) {
  std::vector<std::string> tokens = {"<pad>", "<bos>", "<eos>", "<unk>"};
  for (int i = static_cast<int>(tokens.size()); i < n; ++i) {
    std::string word = "w";
    word += std::to_string(i);
    tokens.push_back(std::move(word));
  }
  return Vocab(std::move(tokens));
}

Config small_config(int E, int H, int L, int src, int tgt) {
  Config c;
  c.embed_size = E;
  c.num_hiddens = H;
  c.num_layers = L;
  c.src_vocab = numbered_vocab(src);
  c.tgt_vocab = numbered_vocab(tgt);
  return c;
}

// The book's check: V = 10, E = 8, H = 16, L = 2, B = 4, T = 7, X = zeros(4, 7) for both the
// encoder and the decoder: logits (4, 7, 10), encoder outputs (4, 7, 16), final state (4, 16).
TEST(Seq2SeqAttention, BookShapes) {
  Seq2SeqAttention<float> model;
  model.init(small_config(8, 16, 2, 10, 10), 1);
  TokenBatch batch;
  batch.size = 4;
  batch.src_len = batch.tgt_len = 7;
  batch.src.assign(28, 0);
  batch.tgt_in.assign(28, 0);
  batch.src_valid.assign(4, 7);
  Seq2SeqAttention<float>::Cache cache;
  const tf::Mat<float> logits = model.forward(batch, cache);
  EXPECT_EQ(logits.rows(), 4 * 7);
  EXPECT_EQ(logits.cols(), 10);
  ASSERT_EQ(cache.encoder.keys.size(), 4u);
  for (const auto& k : cache.encoder.keys) {
    EXPECT_EQ(k.rows(), 7);
    EXPECT_EQ(k.cols(), 16);
  }
  ASSERT_EQ(cache.encoder.final.size(), 2u);
  EXPECT_EQ(cache.encoder.final[0].rows(), 4);
  EXPECT_EQ(cache.encoder.final[0].cols(), 16);
  EXPECT_EQ(model.parameter_count(), parameter_count(model.config));
  // The decoder's GRU reads [context ; embedding]: H + E inputs.
  EXPECT_EQ(model.decoder_rnn.layers[0].input_size(), 16 + 8);
}

TEST(Seq2SeqAttention, NamesAreTheBooksModules) {
  Seq2SeqAttention<float> model;
  model.init(small_config(3, 4, 1, 6, 7), 1);
  std::vector<std::string> names;
  model.visit([&](const std::string& name, tf::Param<float>&) { names.push_back(name); });
  const std::vector<std::string> want = {"encoder.embedding.weight",
                                         "encoder.rnn.weight_ih_l0",
                                         "encoder.rnn.weight_hh_l0",
                                         "encoder.rnn.bias_ih_l0",
                                         "encoder.rnn.bias_hh_l0",
                                         "decoder.attention.W_q.weight",
                                         "decoder.attention.W_k.weight",
                                         "decoder.attention.w_v.weight",
                                         "decoder.embedding.weight",
                                         "decoder.rnn.weight_ih_l0",
                                         "decoder.rnn.weight_hh_l0",
                                         "decoder.rnn.bias_ih_l0",
                                         "decoder.rnn.bias_hh_l0",
                                         "decoder.dense.weight",
                                         "decoder.dense.bias"};
  EXPECT_EQ(names, want);
}

// Step 0's query is the encoder's final top-layer state, step 1's the decoder's state after step
// 0; the context is the attention-weighted sum of the encoder outputs and comes first in x.
TEST(Seq2SeqAttention, StepQueryContextAndInputOrder) {
  Seq2SeqAttention<double> model;
  model.init(small_config(3, 4, 2, 6, 7), 5);
  TokenBatch batch{1, 3, {4, 5, 2}, {3}, 2, {1, 4}, {4, 2}};
  Seq2SeqAttention<double>::Cache cache;
  model.forward(batch, cache);
  const auto& enc = cache.encoder;
  ASSERT_EQ(cache.steps.size(), 2u);
  EXPECT_EQ(cache.steps[0].attention[0].Q, enc.final[1]);
  EXPECT_EQ(cache.steps[1].attention[0].Q, cache.out.row(0));
  for (int t = 0; t < 2; ++t) {
    const auto& step = cache.steps[t];
    const MatD context = step.attention[0].weights * enc.keys[0];
    EXPECT_LT((step.x.leftCols(4) - context).norm(), 1e-14);
    const MatD embedding = model.decoder_embedding.weight.value.row(batch.tgt_in[t]);
    EXPECT_EQ(step.x.rightCols(3), embedding);
  }
}

// A padded source position gets weight exactly 0, and padding changes nothing else: the encoder's
// state is carried through it, so the sentence's logits are those of the sentence run alone.
TEST(Seq2SeqAttention, PaddingChangesNothing) {
  Seq2SeqAttention<double> model;
  model.init(small_config(3, 4, 2, 6, 7), 6);
  const TokenBatch alone{1, 3, {4, 5, 2}, {3}, 2, {1, 4}, {4, 2}};
  const TokenBatch padded{1, 5, {4, 5, 2, 0, 0}, {3}, 2, {1, 4}, {4, 2}};
  Seq2SeqAttention<double>::Cache a, p;
  const MatD logits = model.forward(alone, a);
  EXPECT_EQ(model.forward(padded, p), logits);
  for (const auto& step : p.steps) {
    EXPECT_EQ(step.attention[0].weights(0, 3), 0.0);
    EXPECT_EQ(step.attention[0].weights(0, 4), 0.0);
  }
  EXPECT_EQ(p.encoder.final[0], a.encoder.final[0]);
  EXPECT_EQ(p.encoder.final[1], a.encoder.final[1]);
}

// The whole model's gradients through the masked cross-entropy, on a padded batch of two.
TEST(Seq2SeqAttention, GradientsMatchFiniteDifferences) {
  Seq2SeqAttention<double> model;
  model.init(small_config(3, 4, 2, 6, 7), 7);
  // src rows: "4 5 2" and "5 2 <pad>"; decoder input "<bos> 4 5" and "<bos> 6 <pad>".
  const TokenBatch batch{
      2, 3, {4, 5, 2, 5, 2, 0}, {3, 2}, 3, {1, 4, 5, 1, 6, 0}, {4, 5, 2, 6, 2, -1}};
  const auto loss = [&] {
    Seq2SeqAttention<double>::Cache cache;
    return tf::cross_entropy<double>(model.forward(batch, cache), batch.labels, nullptr).loss;
  };
  Seq2SeqAttention<double>::Cache cache;
  MatD dlogits;
  tf::cross_entropy(model.forward(batch, cache), batch.labels, &dlogits);
  model.zero_grad();
  model.backward(cache, dlogits);
  // h = 1e-5 rather than the default 1e-6: W_q's gradient is small (norm ~5e-5), and at 1e-6 the
  // rounding of the loss (~1e-16 / h per entry) is already 1e-5 of it, so the check would depend
  // on the last bits of the forward pass (which differ between instruction sets). At 1e-5 both
  // that and the truncation (~h²) stay ten times below the tolerance for every parameter.
  model.visit([&](const std::string& name, tf::Param<double>& p) {
    EXPECT_LT(rel_error(p.grad, numeric_grad(p.value, loss, 1e-5)), kGradTolerance) << name;
  });
}

}  // namespace
}  // namespace al::bahdanau
