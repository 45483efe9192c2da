// A sentence through a Bahdanau model: ids from the words, greedy decoding or teacher forcing, and
// the trace of every step.
#include "engine/bahdanau/run.hpp"

#include <cmath>

#include "engine/bahdanau/decode.hpp"
#include "engine/memory_budget.hpp"
#include "engine/transformer/decode.hpp"
#include "engine/transformer/run.hpp"

namespace al::bahdanau {
namespace {

// The trace of a decoding: weights, logits and each step's score parts, in double.
BahdanauRun trace(const Model& model, const Decoded<float>& d) {
  const Config& c = model.config;
  BahdanauRun run;
  run.keys = d.encoder.keys[0].cast<double>();
  run.key_projection = d.steps[0].attention[0].Kp.cast<double>();
  run.logits = d.logits.cast<double>();
  run.decoder_tokens = c.tgt_vocab.decode(d.inputs);
  run.chosen = c.tgt_vocab.decode(d.ids);
  const Eigen::Index T = run.keys.rows();
  run.weights.resize(static_cast<Eigen::Index>(d.steps.size()), T);
  run.w_v = model.attention.w_v.weight.value.row(0).cast<double>();
  const RowVec<double>& w_v = run.w_v;
  for (std::size_t t = 0; t < d.steps.size(); ++t) {
    const auto& a = d.steps[t].attention[0];
    StepParts p;
    p.query = a.Q.row(0).cast<double>();
    p.query_projection = a.Qp.row(0).cast<double>();
    p.features = (run.key_projection.rowwise() + p.query_projection).array().tanh().matrix();
    p.scores = (p.features * w_v.transpose()).transpose();
    p.weights = a.weights.row(0).cast<double>();
    p.context = p.weights * run.keys;
    run.weights.row(static_cast<Eigen::Index>(t)) = p.weights;
    run.steps.push_back(std::move(p));
  }
  return run;
}

std::optional<std::string> check_run_memory(const Config& c, std::size_t src_len,
                                            std::size_t steps) {
  return check_memory(
      run_working_set(c, static_cast<int>(src_len), static_cast<int>(steps)),
      "shorten input.src or input.tgt, lower decode.max_steps, or use a smaller model.path");
}

}  // namespace

double run_working_set(const Config& c, int src_len, int steps) {
  const double H = c.num_hiddens, T = src_len, n = steps, V = c.tgt_vocab.size();
  const double model = 4.0 * static_cast<double>(parameter_count(c));
  // Per step, in float: the attention's copies of the keys and values and the key projection
  // (3 T H), the GRU records (about 10 H per layer) and the logits; in double, the step's
  // features (T H), its weights, scores and vectors, and the logits.
  const double step =
      4.0 * (3 * T * H + 10 * H * c.num_layers + V) + 8.0 * (T * H + 2 * T + 4 * H + V);
  return model + 4.0 * T * H * (2 + 10 * c.num_layers) + n * step;
}

Expected<BahdanauRun> run_bahdanau(const Model& model, std::string_view source,
                                   std::string_view target, int max_steps) {
  const Config& c = model.config;
  if (max_steps < 1)
    return Error{"decode.max_steps: " + std::to_string(max_steps) + " is less than 1"};
  const std::vector<std::string> words = tf::split_words(source);
  if (words.empty())
    return Error{"input.src: no words (give the source sentence, e.g. \"i'm home .\")"};
  auto word_ids = tf::word_ids(c.src_vocab, words, "input.src", "source");
  if (!word_ids) return Error{word_ids.error()};
  std::vector<int> src = word_ids.value();
  std::vector<bool> unknown;
  for (const std::string& w : words) unknown.push_back(!c.src_vocab.contains(w));
  if (c.src_vocab.eos() >= 0) {
    src.push_back(c.src_vocab.eos());
    unknown.push_back(false);
  }
  auto target_ids = tf::word_ids(c.tgt_vocab, tf::split_words(target), "input.tgt", "target");
  if (!target_ids) return Error{target_ids.error()};
  const std::vector<int>& forced = target_ids.value();
  const std::size_t steps =
      forced.empty() ? static_cast<std::size_t>(max_steps) : forced.size() + 1;
  if (auto e = check_run_memory(c, src.size(), steps)) return Error{*e};
  auto decoded =
      forced.empty() ? greedy_decode(model, src, max_steps) : teacher_force(model, src, forced);
  if (!decoded) return Error{"input.src: " + decoded.error()};
  BahdanauRun run = trace(model, decoded.value());
  run.source = c.src_vocab.decode(src);
  run.source_unknown = std::move(unknown);
  run.teacher_forced = !forced.empty();
  if (!run.teacher_forced) {
    const std::vector<int>& ids = decoded.value().ids;
    for (int id : ids) {
      if (id == c.tgt_vocab.eos()) break;
      run.output.push_back(c.tgt_vocab.token(id));
    }
    if (ids.back() != c.tgt_vocab.eos())
      run.note = "No <eos> in " + std::to_string(max_steps) +
                 (max_steps == 1 ? " token" : " tokens") +
                 ": decoding stopped at decode.max_steps.";
  }
  return run;
}

Expected<std::vector<std::string>> translate(const Model& model, std::string_view sentence,
                                             int max_steps) {
  auto src = tf::source_ids(model.config.src_vocab, tf::tokenize(sentence));
  if (!src) return Error{src.error()};
  auto decoded = greedy_decode(model, src.value(), max_steps);
  if (!decoded) return Error{decoded.error()};
  std::vector<int> ids = decoded.value().ids;
  if (ids.back() == model.config.tgt_vocab.eos()) ids.pop_back();
  return model.config.tgt_vocab.decode(ids);
}

}  // namespace al::bahdanau
