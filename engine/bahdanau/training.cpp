// Training steps on the phrase set, and the evaluation of a model on it.
#include "engine/bahdanau/training.hpp"
#include "engine/transformer/run.hpp"

#include <algorithm>

#include "engine/bahdanau/bleu.hpp"
#include "engine/bahdanau/run.hpp"
#include "engine/transformer/loss.hpp"
#include "engine/transformer/phrases.hpp"
#include "engine/transformer/tasks.hpp"

namespace al::bahdanau {
namespace {

constexpr tf::TaskConfig kPhrases{.kind = tf::TaskKind::Phrases};
// The old edition's num_steps: the longest translation its predictions may produce.
constexpr int kTestSteps = 10;

tf::TokenBatch batch_of(const std::vector<tf::Example>& examples, const Vocab& tgt_vocab) {
  return tf::make_batch(examples, tf::Arch::EncoderDecoder, tgt_vocab);
}

}  // namespace

TrainConfig phrases_config() {
  TrainConfig c;
  c.model.embed_size = c.model.num_hiddens = 32;
  c.model.num_layers = 2;
  c.adam.lr = 5e-3;
  c.adam.clip = 1.0;
  return c;
}

std::optional<std::string> validate(const TrainConfig& c) {
  if (c.batch < 1) return "batch must be at least 1";
  if (!(c.adam.lr > 0)) return "learning rate must be positive";
  Config m = c.model;
  m.src_vocab = tf::builtin_phrases().src_vocab;
  m.tgt_vocab = tf::builtin_phrases().tgt_vocab;
  return validate(m);
}

int steps_per_epoch(const TrainConfig& c) {
  const auto pairs = static_cast<int>(tf::builtin_phrases().pairs.size());
  return (pairs + c.batch - 1) / c.batch;
}

double training_working_set(const TrainConfig& c) {
  Config m = c.model;
  m.src_vocab = tf::builtin_phrases().src_vocab;
  m.tgt_vocab = tf::builtin_phrases().tgt_vocab;
  const int longest = tf::longest_sequence(kPhrases) + 1;  // + <eos>, or <bos> +
  // Parameters, gradients and Adam's two moments (4 floats each), and per sequence about what
  // one sentence's run of the longest length keeps (its records, logits and their gradients).
  return 4.0 * 4.0 * static_cast<double>(parameter_count(m)) +
         c.batch * run_working_set(m, longest, longest);
}

double EvalStats::mean_bleu() const {
  double sum = 0.0;
  for (const Translation& t : test) sum += t.bleu;
  return test.empty() ? 0.0 : sum / static_cast<double>(test.size());
}

int EvalStats::exact() const {
  return static_cast<int>(std::count_if(test.begin(), test.end(), [](const Translation& t) {
    return tf::join_words(t.output) == t.reference;
  }));
}

std::vector<Translation> translate_test_sentences(const Model& model) {
  std::vector<Translation> out;
  for (const auto& [source, reference] : tf::kBookTestSentences) {
    Translation t{std::string(source), std::string(reference), {}, 0.0};
    auto words = translate(model, source, kTestSteps);
    if (words) t.output = std::move(words.value());
    t.bleu = bleu(t.output, tf::tokenize(reference));
    out.push_back(std::move(t));
  }
  return out;
}

TrainingRun::TrainingRun(const TrainConfig& config)
    : config_(config), adam_(config.adam), data_(config.seed * 2 + 1) {
  config_.model.src_vocab = tf::builtin_phrases().src_vocab;
  config_.model.tgt_vocab = tf::builtin_phrases().tgt_vocab;
  model_.init(config_.model, config.seed);
}

StepStats TrainingRun::step() {
  std::vector<tf::Example> examples;
  for (int i = 0; i < config_.batch; ++i) examples.push_back(tf::sample_example(kPhrases, data_));
  const tf::TokenBatch batch = batch_of(examples, config_.model.tgt_vocab);
  Model::Cache cache;
  Mat<float> dlogits;
  const tf::LossResult r = tf::cross_entropy(model_.forward(batch, cache), batch.labels, &dlogits);
  model_.zero_grad();
  model_.backward(cache, dlogits);
  StepStats s;
  s.grad_norm = adam_.step(model_);
  s.loss = r.loss;
  s.token_accuracy = r.tokens > 0 ? static_cast<double>(r.correct) / r.tokens : 0.0;
  return s;
}

EvalStats TrainingRun::evaluate() const {
  const tf::PhraseSet& set = tf::builtin_phrases();
  std::vector<tf::Example> examples;
  for (const tf::PhrasePair& p : set.pairs)
    examples.push_back({set.src_vocab.encode(p.src), set.tgt_vocab.encode(p.tgt)});
  const tf::TokenBatch batch = batch_of(examples, config_.model.tgt_vocab);
  Model::Cache cache;
  const tf::LossResult r =
      tf::cross_entropy<float>(model_.forward(batch, cache), batch.labels, nullptr);
  EvalStats e;
  e.loss = r.loss;
  e.token_accuracy = r.tokens > 0 ? static_cast<double>(r.correct) / r.tokens : 0.0;
  e.test = translate_test_sentences(model_);
  return e;
}

}  // namespace al::bahdanau
