// Training steps (forward, masked cross-entropy, backward, Adam) and greedy held-out evaluation.
#include "engine/transformer/training.hpp"

#include <algorithm>
#include <thread>
#include <vector>

#include "engine/short_number.hpp"
#include "engine/transformer/decode.hpp"
#include "engine/transformer/loss.hpp"

namespace al::tf {

namespace {

// The model both built-in tasks train (d = 32, 2 + 2 layers, 4 heads, ffn 64, positions up to
// 32), on `task` with Adam at `lr`.
TrainConfig small_model_config(TaskKind task, double lr) {
  TrainConfig c;
  c.model.d_model = 32;
  c.model.num_heads = 4;
  c.model.ffn_hidden = 64;
  c.model.num_encoder_layers = 2;
  c.model.num_decoder_layers = 2;
  c.model.max_len = 32;
  c.task.kind = task;
  c.adam.lr = lr;
  return c;
}

// The held-out examples of `c`: a stream the training batches never draw from.
Rng heldout_stream(const TrainConfig& c) {
  return Rng(c.seed * 2 + 2);
}

std::string joined(const Vocab& vocab, const std::vector<int>& ids) {
  std::string text;
  for (int id : ids) text += (text.empty() ? "" : " ") + vocab.token(id);
  return text;
}

}  // namespace

TrainConfig phrases_task_config() {
  return small_model_config(TaskKind::Phrases, 5e-3);
}

TrainConfig reverse_task_config() {
  TrainConfig c = small_model_config(TaskKind::Reverse, 3e-3);
  c.task.min_len = c.task.max_len = 8;
  return c;
}

std::optional<std::string> validate(const TrainConfig& c) {
  if (auto e = validate(c.task)) return e;
  if (c.batch < 1) return "batch must be at least 1";
  if (c.warmup < 0) return "warmup must not be negative";
  if (!(c.adam.lr > 0)) return "learning rate must be positive";
  if (!(c.dropout >= 0 && c.dropout < 1))
    return "dropout " + short_number(c.dropout) + " is not in [0, 1)";
  if (c.task.kind == TaskKind::Phrases && c.model.arch != Arch::EncoderDecoder)
    return "the phrases task needs an encoder-decoder model";
  const int longest = longest_sequence(c.task);
  if (2 * longest + 2 > c.model.max_len)  // a decoder-only model reads x + <bos> + y + <eos>
    return "model max_len " + std::to_string(c.model.max_len) + " is too short for task length " +
           std::to_string(longest);
  ModelConfig m = c.model;
  TaskVocabs v = task_vocabs(c.task.kind);
  m.src_vocab = std::move(v.src);
  m.tgt_vocab = std::move(v.tgt);
  return validate(m);
}

// The streams of one seed: model init (seed), batches (2·seed + 1), held-out examples
// (2·seed + 2) and the dropout masks of each half of a batch (seed XOR 64-bit constants: far
// from the small seeds above).
TrainingRun::TrainingRun(const TrainConfig& config)
    : config_(config),
      adam_(config.adam),
      data_(config.seed * 2 + 1),
      dropout_(config.dropout, config.seed ^ 0x9E3779B97F4A7C15u),
      dropout2_(config.dropout, config.seed ^ 0xD1B54A32D192ED03u) {
  TaskVocabs v = task_vocabs(config.task.kind);
  config_.model.src_vocab = std::move(v.src);
  config_.model.tgt_vocab = std::move(v.tgt);
  model_.init(config_.model, config.seed);
  replica_ = model_;
}

namespace {

// Every parameter of `m`, in visit order.
std::vector<Param<float>*> parameters(Transformer<float>& m) {
  std::vector<Param<float>*> out;
  m.visit([&](const std::string&, Param<float>& p) { out.push_back(&p); });
  return out;
}

// One part of a batch: forward, loss and backward on `model`, with dL/dlogits scaled from the
// part's own token count to the whole batch's `tokens`, so that the parts' gradients add up to
// the whole batch's.
LossResult forward_backward(Transformer<float>& model, const TokenBatch& batch, int tokens,
                            Dropout* dropout) {
  Transformer<float>::Cache cache;
  Mat<float> dlogits;
  const LossResult r = cross_entropy(model.forward(batch, cache, dropout), batch.labels, &dlogits);
  if (r.tokens > 0) dlogits *= static_cast<float>(r.tokens) / static_cast<float>(tokens);
  model.zero_grad();
  model.backward(cache, dlogits);
  return r;
}

}  // namespace

// The batch is split into two halves, each run forward and backward on its own copy of the
// parameters: the second on a thread of its own, so a step uses two cores. The halves are the
// same whether or not that thread runs (one core), and their gradients add in a fixed order, so
// training does not depend on the machine's core count.
StepStats TrainingRun::step() {
  std::vector<Example> examples;
  for (int i = 0; i < config_.batch; ++i) examples.push_back(sample_example(config_.task, data_));
  const auto half = examples.begin() + config_.batch / 2;
  const Arch arch = config_.model.arch;
  const Vocab& vocab = config_.model.tgt_vocab;
  const TokenBatch first = make_batch({examples.begin(), half}, arch, vocab);
  const TokenBatch second =
      half == examples.end() ? TokenBatch{} : make_batch({half, examples.end()}, arch, vocab);
  int tokens = 0;
  for (const TokenBatch* b : {&first, &second})
    tokens += static_cast<int>(
        std::count_if(b->labels.begin(), b->labels.end(), [](int label) { return label >= 0; }));
  LossResult r;
  if (second.size == 0) {
    r = forward_backward(model_, first, tokens, &dropout_);
  } else {
    const std::vector<Param<float>*> params = parameters(model_), copies = parameters(replica_);
    for (std::size_t i = 0; i < params.size(); ++i) copies[i]->value = params[i]->value;
    LossResult r2;
    {
      const auto run_second = [&] { r2 = forward_backward(replica_, second, tokens, &dropout2_); };
      std::jthread other;
      if (std::thread::hardware_concurrency() > 1) other = std::jthread(run_second);
      r = forward_backward(model_, first, tokens, &dropout_);
      if (!other.joinable()) run_second();
    }
    for (std::size_t i = 0; i < params.size(); ++i) params[i]->grad += copies[i]->grad;
    r.loss = tokens > 0 ? (r.loss * r.tokens + r2.loss * r2.tokens) / tokens : 0.0;
    r.tokens += r2.tokens;
    r.correct += r2.correct;
  }
  // Linear warm-up: lr · min(1, (t + 1) / warmup).
  const double ramp =
      config_.warmup > 0 ? std::min(1.0, (adam_.steps() + 1.0) / config_.warmup) : 1.0;
  adam_.config().lr = config_.adam.lr * ramp;
  StepStats s;
  s.grad_norm = adam_.step(model_);
  s.loss = r.loss;
  s.token_accuracy = r.tokens > 0 ? static_cast<double>(r.correct) / r.tokens : 0.0;
  return s;
}

EvalStats TrainingRun::evaluate(int examples) const {
  Rng heldout = heldout_stream(config_);
  const Vocab& vocab = config_.model.tgt_vocab;
  const Arch arch = config_.model.arch;
  long right = 0, total = 0, whole = 0;
  for (int i = 0; i < examples; ++i) {
    const Example e = sample_example(config_.task, heldout);
    const std::vector<int> want = expected_output(e, arch, vocab);
    const auto got =
        greedy_decode(model_, model_input(e, arch, vocab), static_cast<int>(want.size()));
    int ok = 0;
    for (std::size_t t = 0; t < want.size(); ++t)
      ok += got.ok() && t < got.value().ids.size() && got.value().ids[t] == want[t] ? 1 : 0;
    right += ok;
    total += static_cast<long>(want.size());
    whole += ok == static_cast<int>(want.size()) ? 1 : 0;
  }
  EvalStats s;
  s.token_accuracy = total > 0 ? static_cast<double>(right) / static_cast<double>(total) : 0.0;
  s.sequence_accuracy = examples > 0 ? static_cast<double>(whole) / examples : 0.0;
  return s;
}

TaskProbe task_probe(const TrainConfig& c) {
  Rng heldout = heldout_stream(c);
  const Example e = sample_example(c.task, heldout);
  const TaskVocabs v = task_vocabs(c.task.kind);
  return {joined(v.src, e.src), joined(v.tgt, e.tgt)};
}

}  // namespace al::tf
