// A Transformer run on one input (run.hpp), as the window, the figures and the tests use it: the
// tokens of both sides, unknown words, the run cut to its first steps against decoding that many
// tokens, one query's path from q·k to the head's output row (against the trace, its own softmax
// and a computation by hand from the parameters), the errors naming their keys, and the most
// probable next tokens under a temperature.
#include "engine/transformer/run.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "engine/transformer/decode.hpp"
#include "tests/engine/memory_budget_env.hpp"
#include "tests/transformer/tiny_model.hpp"

namespace al::tf {
namespace {

using Tokens = std::vector<std::string>;

// <pad> <bos> [<eos>] <unk>, then `words`.
Vocab vocab_of(const Tokens& words, bool with_eos = true) {
  Tokens tokens = {"<pad>", "<bos>"};
  if (with_eos) tokens.push_back("<eos>");
  tokens.push_back("<unk>");
  tokens.insert(tokens.end(), words.begin(), words.end());
  return Vocab(tokens);
}

// The tiny model (width 8, 2 heads of 4, 2 + 2 layers) on a few English and French words; without
// <eos> on the output side it never stops before max_steps. A decoder-only model reads the
// English words too (its one vocabulary is the output side's).
Transformer<float> tiny(Arch arch, bool output_eos = true, int max_len = 16) {
  Transformer<float> model;
  model.init(
      test::tiny_config(arch, 16, max_len, vocab_of({"i'm", "home", ".", "go"}),
                        vocab_of({"je", "suis", "chez", "moi", ".", "i'm", "home"}, output_eos)),
      7);
  return model;
}

TransformerRun run_of(const Transformer<float>& model, std::string_view source,
                      std::string_view target, int max_steps = 64) {
  auto ran = run_transformer(model, source, target, max_steps);
  EXPECT_TRUE(ran) << ran.error();
  return ran ? ran.value() : TransformerRun{};
}

TEST(Run, TokensOfBothSidesAndTheWordsReadAsUnknown) {
  const auto model = tiny(Arch::EncoderDecoder);
  const TransformerRun forced = run_of(model, " i'm\taway . ", "je suis");
  EXPECT_EQ(forced.source, (Tokens{"i'm", "<unk>", ".", "<eos>"}));
  EXPECT_EQ(forced.source_unknown, (std::vector<bool>{false, true, false, false}));
  EXPECT_EQ(forced.decoder_tokens, (Tokens{"<bos>", "je", "suis"}));
  EXPECT_EQ(forced.position_tokens, forced.decoder_tokens);
  EXPECT_TRUE(forced.teacher_forced);
  EXPECT_EQ(forced.steps(), 3);
  EXPECT_EQ(forced.logits.rows(), 3);
  ASSERT_NE(forced.cache, nullptr);
  EXPECT_EQ(forced.trace.maps.size(), 3u * 2u * 2u);

  // Decoder-only: the prompt, then <bos>; greedy logits start at <bos>, after the prompt.
  const auto decoder = tiny(Arch::Decoder, false);
  const TransformerRun greedy = run_of(decoder, "i'm home", "", 3);
  EXPECT_EQ(greedy.first_position, 2);
  EXPECT_EQ(greedy.steps(), 3);
  ASSERT_EQ(greedy.decoder_tokens.size(), 5u);
  EXPECT_EQ(Tokens(greedy.decoder_tokens.begin(), greedy.decoder_tokens.begin() + 3),
            (Tokens{"i'm", "home", "<bos>"}));
  EXPECT_EQ(greedy.position_tokens,
            Tokens(greedy.decoder_tokens.begin() + 2, greedy.decoder_tokens.end()));
  EXPECT_EQ(greedy.output.size(), 3u);
  EXPECT_EQ(greedy.note, "No <eos> in 3 tokens: decoding stopped at decode.max_steps.");
  // Forced, every decoder position has logits.
  const TransformerRun prompt = run_of(decoder, "i'm home", "je");
  EXPECT_EQ(prompt.first_position, 0);
  EXPECT_EQ(prompt.position_tokens, (Tokens{"i'm", "home", "<bos>", "je"}));

  // Encoder-only: one output per source position, no decoder.
  const auto encoder = tiny(Arch::Encoder);
  const TransformerRun tagged = run_of(encoder, "go home", "");
  EXPECT_EQ(tagged.steps(), 0);
  EXPECT_EQ(tagged.output.size(), 2u);
  EXPECT_TRUE(tagged.decoder_tokens.empty());
  EXPECT_EQ(tagged.position_tokens, (Tokens{"go", "home"}));
}

TEST(Run, ErrorsNameTheKey) {
  const auto model = tiny(Arch::EncoderDecoder);
  EXPECT_EQ(run_transformer(model, "go .", "", 0).error(), "decode.max_steps: 0 is less than 1");
  EXPECT_EQ(run_transformer(model, " \t", "", 8).error().rfind("input.src: no words", 0), 0u);
  EXPECT_EQ(run_transformer(tiny(Arch::Encoder), "go", "je", 8).error().rfind("input.tgt: ", 0),
            0u);
  // 1000 positions of 2 layers x 2 heads of self- and cross-attention, kept in the forward pass
  // and the trace, are tens of megabytes: refused before decoding.
  const al::test::MemoryBudgetEnv budget("1");
  const auto long_model = tiny(Arch::EncoderDecoder, false, 1000);
  const auto refused = run_transformer(long_model, "go .", "", 1000);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().rfind("estimated working set ", 0), 0u) << refused.error();
  EXPECT_NE(refused.error().find("lower decode.max_steps"), std::string::npos) << refused.error();
}

void expect_same_maps(const AttentionTrace& a, const AttentionTrace& b, double tolerance) {
  ASSERT_EQ(a.maps.size(), b.maps.size());
  for (const AttentionMap& m : a.maps) {
    const AttentionMap* other = b.find(m.kind, m.layer, m.head);
    ASSERT_NE(other, nullptr);
    ASSERT_EQ(m.weights.rows(), other->weights.rows()) << name(m.kind);
    ASSERT_EQ(m.weights.cols(), other->weights.cols()) << name(m.kind);
    EXPECT_LT((m.weights - other->weights).cwiseAbs().maxCoeff(), tolerance) << name(m.kind);
    EXPECT_EQ(m.query_tokens, other->query_tokens);
    EXPECT_EQ(m.key_tokens, other->key_tokens);
  }
}

// at_step(t) against run_transformer with max_steps t (a forward pass over the t positions) and
// against greedy_decode's own t steps with the key/value cache.
TEST(Run, AtStepIsTheRunOfDecodingThatManyTokens) {
  for (Arch arch : {Arch::EncoderDecoder, Arch::Decoder}) {
    const auto model = tiny(arch, false);
    const std::string source = arch == Arch::Decoder ? "i'm home" : "i'm home .";
    std::vector<int> src = model.input_vocab().encode(split_words(source));
    if (arch == Arch::EncoderDecoder) src.push_back(model.input_vocab().eos());
    const TransformerRun full = run_of(model, source, "", 6);
    ASSERT_EQ(full.steps(), 6);
    for (int t = 1; t <= 6; ++t) {
      SCOPED_TRACE(std::string(name(arch)) + ", step " + std::to_string(t));
      auto cut = full.at_step(t);
      ASSERT_TRUE(cut) << cut.error();
      const TransformerRun& a = cut.value();
      const TransformerRun b = run_of(model, source, "", t);
      expect_same_maps(a.trace, b.trace, 1e-6);
      ASSERT_EQ(a.logits.rows(), t);
      EXPECT_LT((a.logits - b.logits).cwiseAbs().maxCoeff(), 1e-5);
      EXPECT_EQ(a.output, b.output);
      EXPECT_EQ(a.position_tokens, b.position_tokens);
      EXPECT_EQ(a.decoder_tokens, b.decoder_tokens);
      EXPECT_EQ(a.first_position, b.first_position);
      EXPECT_EQ(a.source, b.source);
      EXPECT_EQ(a.note.empty(), t < 6);

      const auto decoded = greedy_decode(model, src, t);
      ASSERT_TRUE(decoded) << decoded.error();
      expect_same_maps(a.trace, decoded.value().trace, 1e-5);
      EXPECT_LT((a.logits - decoded.value().logits.cast<double>()).cwiseAbs().maxCoeff(), 1e-5);
      EXPECT_EQ(a.output, model.output_vocab().decode(decoded.value().ids));

      // The query steps of the cut run see only its positions.
      const auto q = query_steps(model, a, AttentionKind::DecoderSelf, 1, 0, a.first_position);
      ASSERT_TRUE(q) << q.error();
      EXPECT_EQ(q.value().keys.size(), static_cast<std::size_t>(a.first_position + t));
    }
    EXPECT_EQ(full.at_step(0).error(), "step 0 is out of range (1 to 6)");
    EXPECT_EQ(full.at_step(7).error(), "step 7 is out of range (1 to 6)");
  }
  EXPECT_EQ(run_of(tiny(Arch::Encoder), "go", "").at_step(1).error(),
            "an encoder-only model has no decoding steps");
}

TEST(Run, JoinWordsUndoesSplitWords) {
  EXPECT_EQ(join_words(split_words("  i'm\thome  . ")), "i'm home .");
  EXPECT_EQ(join_words({}), "");
}

// The means of a kind's maps over heads and over layers, against sums by hand; each row of a mean
// is still a distribution over the keys.
TEST(Trace, MeansOverHeadsAndOverLayers) {
  const auto model = tiny(Arch::EncoderDecoder);
  const TransformerRun run = run_of(model, "i'm home .", "je suis");
  for (AttentionKind kind :
       {AttentionKind::EncoderSelf, AttentionKind::DecoderSelf, AttentionKind::Cross}) {
    SCOPED_TRACE(name(kind));
    const auto heads = mean_over_heads(run.trace, kind);
    const auto layers = mean_over_layers(run.trace, kind);
    ASSERT_EQ(heads.size(), 2u);   // two layers
    ASSERT_EQ(layers.size(), 2u);  // two heads
    for (int layer = 0; layer < 2; ++layer) {
      const AttentionMap& m = heads[static_cast<std::size_t>(layer)];
      EXPECT_EQ(m.layer, layer);
      EXPECT_EQ(m.head, -1);
      const Mat<double> by_hand =
          (run.trace.find(kind, layer, 0)->weights + run.trace.find(kind, layer, 1)->weights) / 2;
      EXPECT_LT((m.weights - by_hand).cwiseAbs().maxCoeff(), 1e-15);
      EXPECT_EQ(m.query_tokens, run.trace.find(kind, layer, 0)->query_tokens);
      for (Eigen::Index q = 0; q < m.weights.rows(); ++q)
        EXPECT_NEAR(m.weights.row(q).sum(), 1.0, 1e-6);
    }
    for (int head = 0; head < 2; ++head) {
      const AttentionMap& m = layers[static_cast<std::size_t>(head)];
      EXPECT_EQ(m.layer, -1);
      EXPECT_EQ(m.head, head);
      const Mat<double> by_hand =
          (run.trace.find(kind, 0, head)->weights + run.trace.find(kind, 1, head)->weights) / 2;
      EXPECT_LT((m.weights - by_hand).cwiseAbs().maxCoeff(), 1e-15);
    }
  }
  const TransformerRun encoder = run_of(tiny(Arch::Encoder), "go", "");
  EXPECT_TRUE(mean_over_heads(encoder.trace, AttentionKind::Cross).empty());
}

// Every query of every map of a teacher-forced run: its weights are the trace's row and the
// softmax of its masked scores, masked keys are −1e6 with weight exactly 0 (causal ones in
// decoder self-attention), and its output row is the weighted sum of its value rows.
TEST(QuerySteps, EveryQueryMatchesTheTraceItsSoftmaxAndItsOutputRow) {
  const auto model = tiny(Arch::EncoderDecoder);
  const TransformerRun run = run_of(model, "i'm home .", "je suis chez");
  int masked_keys = 0;
  for (const AttentionMap& m : run.trace.maps)
    for (int query = 0; query < m.weights.rows(); ++query) {
      SCOPED_TRACE(std::string(name(m.kind)) + " layer " + std::to_string(m.layer) + " head " +
                   std::to_string(m.head) + " query " + std::to_string(query));
      const auto got = query_steps(model, run, m.kind, m.layer, m.head, query);
      ASSERT_TRUE(got) << got.error();
      const QuerySteps& q = got.value();
      EXPECT_EQ(q.query_token, m.query_tokens[static_cast<std::size_t>(query)]);
      EXPECT_EQ(q.scale, 1.0 / std::sqrt(4.0));  // d/h = 8/2
      EXPECT_EQ(q.valid_len, m.kind == AttentionKind::DecoderSelf ? query + 1 : 4);
      ASSERT_EQ(q.keys.size(), static_cast<std::size_t>(m.weights.cols()));
      ASSERT_EQ(q.values.rows(), m.weights.cols());
      ASSERT_EQ(q.values.cols(), 4);
      double top = -1e300, total = 0.0;
      for (const KeyScore& k : q.keys) top = std::max(top, k.masked);
      for (const KeyScore& k : q.keys) total += std::exp(k.masked - top);
      RowVec<double> sum = RowVec<double>::Zero(4);
      for (const KeyScore& k : q.keys) {
        EXPECT_EQ(k.token, m.key_tokens[static_cast<std::size_t>(k.key)]);
        EXPECT_NEAR(k.scaled, k.score * q.scale, 1e-6 * (1.0 + std::abs(k.score)));
        EXPECT_EQ(k.weight, m.weights(query, k.key));
        EXPECT_NEAR(k.weight, std::exp(k.masked - top) / total, 1e-6);
        if (k.key >= q.valid_len) {
          EXPECT_EQ(k.masked, -1e6);
          EXPECT_EQ(k.weight, 0.0);
          ++masked_keys;
        } else {
          EXPECT_EQ(k.masked, k.scaled);
        }
        sum += k.weight * q.values.row(k.key);
      }
      EXPECT_LT((sum - q.output).cwiseAbs().maxCoeff(), 1e-6);
    }
  // The decoder's 4 positions hide 0 + 1 + 2 + 3 later keys, in 2 layers x 2 heads.
  EXPECT_EQ(masked_keys, 2 * 2 * 6);
}

// Encoder self-attention of layer 0, head 1, query 2, from the parameters: post-norm, so the layer
// reads the embeddings X = E[id]·√d + P; Q = X W_qᵀ, K = X W_kᵀ, V = X W_vᵀ (no biases, as the
// book); head 1 owns columns 4–7; score_k = q·k_k, scaled = score / √4, weights = softmax,
// output = Σ_k weight_k v_k.
TEST(QuerySteps, EncoderLayerZeroByHand) {
  const auto model = tiny(Arch::EncoderDecoder);
  const TransformerRun run = run_of(model, "i'm home .", "je");
  const Vocab& v = model.config.src_vocab;
  const std::vector<int> ids = {v.id("i'm"), v.id("home"), v.id("."), v.eos()};
  Mat<double> X(4, 8);
  for (int t = 0; t < 4; ++t)
    X.row(t) = model.src_embed.weight.value.row(ids[static_cast<std::size_t>(t)]).cast<double>() *
                   std::sqrt(8.0) +
               model.sinusoid.row(t).cast<double>();
  const auto& mha = model.encoder[0].self_attn;
  ASSERT_TRUE(mha.W_q.bias.empty());
  const Mat<double> Q = X * mha.W_q.weight.value.cast<double>().transpose();
  const Mat<double> K = X * mha.W_k.weight.value.cast<double>().transpose();
  const Mat<double> V = X * mha.W_v.weight.value.cast<double>().transpose();
  std::vector<double> scores, weights;
  double total = 0.0;
  for (int k = 0; k < 4; ++k) scores.push_back(Q.row(2).segment(4, 4).dot(K.row(k).segment(4, 4)));
  const double top = *std::max_element(scores.begin(), scores.end()) / 2.0;
  for (double s : scores) total += std::exp(s / 2.0 - top);
  RowVec<double> output = RowVec<double>::Zero(4);
  for (int k = 0; k < 4; ++k) {
    weights.push_back(std::exp(scores[static_cast<std::size_t>(k)] / 2.0 - top) / total);
    output += weights.back() * V.row(k).segment(4, 4);
  }

  const auto got = query_steps(model, run, AttentionKind::EncoderSelf, 0, 1, 2);
  ASSERT_TRUE(got) << got.error();
  const QuerySteps& q = got.value();
  EXPECT_EQ(q.query_token, ".");
  ASSERT_EQ(q.keys.size(), 4u);
  for (int k = 0; k < 4; ++k) {
    const KeyScore& key = q.keys[static_cast<std::size_t>(k)];
    EXPECT_NEAR(key.score, scores[static_cast<std::size_t>(k)], 1e-4);
    EXPECT_NEAR(key.scaled, scores[static_cast<std::size_t>(k)] / 2.0, 1e-4);
    EXPECT_EQ(key.masked, key.scaled);
    EXPECT_NEAR(key.weight, weights[static_cast<std::size_t>(k)], 1e-5);
    EXPECT_LT((q.values.row(k) - V.row(k).segment(4, 4)).cwiseAbs().maxCoeff(), 1e-5);
  }
  EXPECT_LT((q.output - output).cwiseAbs().maxCoeff(), 1e-5);
}

TEST(QuerySteps, ErrorsNameTheKey) {
  const auto model = tiny(Arch::EncoderDecoder);
  const TransformerRun run = run_of(model, "go .", "je suis");
  const auto message = [&](const TransformerRun& r, AttentionKind kind, int layer, int head,
                           int query) {
    const auto q = query_steps(model, r, kind, layer, head, query);
    return q ? std::string() : q.error();
  };
  const auto self = AttentionKind::DecoderSelf;
  EXPECT_EQ(message(run, self, 1, 1, 2), "");
  EXPECT_EQ(message(run, self, 2, 0, 0),
            "attention.layer: 2 is out of range (this model has 2 decoder-self layers: 0 to 1)");
  EXPECT_EQ(message(run, self, -1, 0, 0),
            "attention.layer: -1 is out of range (this model has 2 decoder-self layers: 0 to 1)");
  EXPECT_EQ(message(run, self, 0, 2, 0),
            "attention.head: 2 is out of range (this model has 2 heads: 0 to 1)");
  EXPECT_EQ(message(run, self, 0, 0, 3),
            "attention.query: 3 is out of range (decoder-self has 3 queries: 0 to 2)");
  EXPECT_EQ(message(run, AttentionKind::EncoderSelf, 0, 0, 2), "");  // go . <eos>: 3 queries
  EXPECT_EQ(message(run.at_step(2).value(), self, 0, 0, 2),
            "attention.query: 2 is out of range (decoder-self has 2 queries: 0 to 1)");

  const auto encoder = tiny(Arch::Encoder);
  const TransformerRun tagged = run_of(encoder, "go", "");
  const auto q = query_steps(encoder, tagged, AttentionKind::Cross, 0, 0, 0);
  ASSERT_FALSE(q);
  EXPECT_EQ(q.error(),
            "attention.kind: this encoder model has no cross attention (use encoder-self)");
}

// softmax(z / T) over z = (1, 3, 2, 3) at T = 2: exp((z − 3) / 2) = (e^−1, 1, e^−½, 1), over
// their sum 2 + e^−1 + e^−½. The tie between b and d goes to the lower id.
TEST(TopK, SoftmaxOfTheLogitsOverTheTemperatureByHand) {
  const Vocab vocab({"a", "b", "c", "d"});
  RowVec<double> z(4);
  z << 1.0, 3.0, 2.0, 3.0;
  const double total = 2.0 + std::exp(-1.0) + std::exp(-0.5);
  const auto top = top_k_tokens(z, vocab, 3, 2.0);
  ASSERT_TRUE(top) << top.error();
  ASSERT_EQ(top.value().size(), 3u);
  const std::vector<std::pair<std::string, double>> want = {
      {"b", 1.0 / total}, {"d", 1.0 / total}, {"c", std::exp(-0.5) / total}};
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(top.value()[i].token, want[i].first);
    EXPECT_EQ(top.value()[i].id, vocab.id(want[i].first));
    EXPECT_NEAR(top.value()[i].probability, want[i].second, 1e-15);
  }
  // All four sum to 1; a cold temperature is nearly the argmax, a hot one nearly uniform.
  const auto all = top_k_tokens(z, vocab, 10, 1.0).value();
  ASSERT_EQ(all.size(), 4u);
  double sum = 0.0;
  for (const TokenChance& t : all) sum += t.probability;
  EXPECT_NEAR(sum, 1.0, 1e-15);
  EXPECT_NEAR(top_k_tokens(z, vocab, 1, kMinTemperature).value()[0].probability, 0.5, 1e-8);
  EXPECT_NEAR(top_k_tokens(z, vocab, 4, kMaxTemperature).value()[3].probability,
              std::exp(-0.2) / (2.0 + std::exp(-0.1) + std::exp(-0.2)), 1e-15);

  EXPECT_EQ(top_k_tokens(z, vocab, 0, 1.0).error(), "k 0 is less than 1");
  EXPECT_EQ(top_k_tokens(z, vocab, 1, 0.0).error(), "temperature 0 is out of range (0.05 to 10)");
  EXPECT_EQ(top_k_tokens(z, vocab, 1, 10.5).error(),
            "temperature 10.5 is out of range (0.05 to 10)");
  EXPECT_FALSE(top_k_tokens(z, vocab, 1, std::nan("")));
}

}  // namespace
}  // namespace al::tf
