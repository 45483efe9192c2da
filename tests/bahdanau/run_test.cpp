// One sentence through a Bahdanau model: the trace's parts agree with each other and with the
// model's own forward pass, greedy decoding equals teacher forcing on its own output, and bad
// input names its key. On the shipped model (assets/models/bahdanau.safetensors): the book's four
// test sentences translate right, and the file stays under 2 MB.
#include <gtest/gtest.h>

#include <filesystem>

#include "engine/bahdanau/decode.hpp"
#include "engine/bahdanau/run.hpp"
#include "engine/bahdanau/training.hpp"
#include "engine/transformer/phrases.hpp"
#include "engine/transformer/run.hpp"

namespace al::bahdanau {
namespace {

const std::string kShipped = std::string(AL_ASSETS_DIR) + "/models/bahdanau.safetensors";

const Model& shipped() {
  static const Model m = [] {
    auto loaded = load_model(kShipped);
    EXPECT_TRUE(loaded) << loaded.error();
    return loaded ? loaded.value() : Model{};
  }();
  return m;
}

TEST(ShippedModel, TranslatesTheBooksFourTestSentences) {
  EXPECT_LT(std::filesystem::file_size(kShipped), 2u << 20);
  for (const auto& [source, reference] : tf::kBookTestSentences) {
    const auto out = translate(shipped(), source, 10);
    ASSERT_TRUE(out) << out.error();
    EXPECT_EQ(tf::join_words(out.value()), reference) << source;
  }
  for (const Translation& t : translate_test_sentences(shipped())) EXPECT_EQ(t.bleu, 1.0);
}

// Every step: weights = softmax(scores) over the source, scores = w_vᵀ tanh(W_q q + W_k k),
// context = Σ weights · keys, the query the previous step's top-layer state; the logits those of
// the teacher-forced batch pass on the same tokens.
TEST(BahdanauRun, PartsAgree) {
  const Model& m = shipped();
  const auto ran = run_bahdanau(m, "i'm home .", "", 64);
  ASSERT_TRUE(ran) << ran.error();
  const BahdanauRun& run = ran.value();
  EXPECT_EQ(tf::join_words(run.output), "je suis chez moi .");
  EXPECT_EQ(run.source, (std::vector<std::string>{"i'm", "home", ".", "<eos>"}));
  EXPECT_EQ(run.decoder_tokens,
            (std::vector<std::string>{"<bos>", "je", "suis", "chez", "moi", "."}));
  // Each step's argmax: the next decoder input, and <eos> last.
  EXPECT_EQ(run.chosen, (std::vector<std::string>{"je", "suis", "chez", "moi", ".", "<eos>"}));
  EXPECT_TRUE(run.note.empty());
  ASSERT_EQ(run.weights.rows(), 6);
  ASSERT_EQ(run.weights.cols(), 4);
  const tf::Mat<double> Wq = m.attention.W_q.weight.value.cast<double>();
  const tf::Mat<double> Wk = m.attention.W_k.weight.value.cast<double>();
  EXPECT_EQ(run.w_v, m.attention.w_v.weight.value.row(0).cast<double>());
  EXPECT_LT((run.key_projection - run.keys * Wk.transpose()).norm(), 1e-5);
  for (std::size_t t = 0; t < run.steps.size(); ++t) {
    const StepParts& p = run.steps[t];
    EXPECT_LT((p.query_projection - p.query * Wq.transpose()).norm(), 1e-5);
    EXPECT_LT((p.scores - (p.features * run.w_v.transpose()).transpose()).norm(), 1e-12) << t;
    const RowVec<double> e = (p.scores.array() - p.scores.maxCoeff()).exp();
    EXPECT_LT((p.weights - e / e.sum()).norm(), 1e-6) << t;
    EXPECT_LT((p.context - p.weights * run.keys).norm(), 1e-12) << t;
    EXPECT_NEAR(p.weights.sum(), 1.0, 1e-6);
  }

  // The same tokens teacher-forced through forward() on a batch of one.
  TokenBatch batch{1, 4, {}, {4}, 6, {}, {}};
  for (const std::string& w : run.source) batch.src.push_back(m.config.src_vocab.id(w));
  for (const std::string& w : run.decoder_tokens) batch.tgt_in.push_back(m.config.tgt_vocab.id(w));
  Model::Cache cache;
  EXPECT_LT((m.forward(batch, cache).cast<double>() - run.logits).norm(), 1e-4);
}

TEST(BahdanauRun, GreedyEqualsTeacherForcingOnItsOutput) {
  const auto greedy = run_bahdanau(shipped(), "he's calm .", "", 64);
  const auto forced = run_bahdanau(shipped(), "he's calm .", "il est calme .", 64);
  ASSERT_TRUE(greedy && forced);
  EXPECT_TRUE(forced.value().teacher_forced);
  EXPECT_TRUE(forced.value().output.empty());
  EXPECT_EQ(forced.value().weights, greedy.value().weights);
  EXPECT_EQ(forced.value().logits, greedy.value().logits);
}

TEST(BahdanauRun, StopsAtMaxStepsWithANote) {
  const auto ran = run_bahdanau(shipped(), "i'm home .", "", 2);
  ASSERT_TRUE(ran);
  EXPECT_EQ(ran.value().weights.rows(), 2);
  EXPECT_EQ(ran.value().note, "No <eos> in 2 tokens: decoding stopped at decode.max_steps.");
}

TEST(BahdanauRun, UnknownWordsAndBadInput) {
  const auto ran = run_bahdanau(shipped(), "i'm xylophone .", "", 64);
  ASSERT_TRUE(ran) << ran.error();
  EXPECT_EQ(ran.value().source[1], "<unk>");
  EXPECT_EQ(ran.value().source_unknown, (std::vector<bool>{false, true, false, false}));
  const auto empty = run_bahdanau(shipped(), "  ", "", 64);
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error(), "input.src: no words (give the source sentence, e.g. \"i'm home .\")");
  const auto steps = run_bahdanau(shipped(), "go .", "", 0);
  ASSERT_FALSE(steps);
  EXPECT_EQ(steps.error(), "decode.max_steps: 0 is less than 1");
}

TEST(BahdanauTraining, IsSeededAndLowersTheLoss) {
  TrainConfig c = phrases_config();
  c.model.embed_size = c.model.num_hiddens = 8;
  c.batch = 16;
  TrainingRun a(c), b(c);
  const double first = a.step().loss;
  b.step();
  double last = first;
  for (int i = 0; i < 30; ++i) {
    last = a.step().loss;
    b.step();
  }
  EXPECT_LT(last, first);
  EXPECT_EQ(model_to_bytes(a.model()).value(), model_to_bytes(b.model()).value());
  const EvalStats e = a.evaluate();
  EXPECT_EQ(e.test.size(), 4u);
  EXPECT_GT(e.loss, 0.0);
}

}  // namespace
}  // namespace al::bahdanau
