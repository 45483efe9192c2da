// Fuzz target: model files, both loaders on every input (a Transformer's,
// engine/transformer/model_file.hpp, and a Bahdanau model's, engine/bahdanau/model_file.hpp), and
// the JSON reader of their headers (engine/json_reader.hpp).
#include <algorithm>
#include <vector>

#include "engine/bahdanau/decode.hpp"
#include "engine/bahdanau/model_file.hpp"
#include "engine/json_reader.hpp"
#include "engine/transformer/decode.hpp"
#include "engine/transformer/model_file.hpp"
#include "engine/transformer/safetensors.hpp"
#include "engine/transformer/trace.hpp"
#include "targets.hpp"

namespace al::fuzz {
namespace {

using Model = tf::Transformer<float>;

// Work per input stays small: a loaded model sees three tokens per side and decodes four steps.
constexpr int kTokens = 3;
constexpr int kDecodeSteps = 4;

// Ids 0, 1, 2 (wrapping in a small vocabulary), at most `len` of them.
std::vector<int> short_input(int vocab, int len) {
  std::vector<int> ids;
  for (int i = 0; i < std::min(kTokens, len); ++i) ids.push_back(i % vocab);
  return ids;
}

std::string shape(Eigen::Index rows, Eigen::Index cols) {
  return std::to_string(rows) + " x " + std::to_string(cols);
}

// A teacher-forced forward pass: logits of one row per output position over the output
// vocabulary, and an attention trace whose every matrix matches its two token axes.
Problem check_forward(const Model& m) {
  const tf::ModelConfig& c = m.config;
  tf::TokenBatch batch;
  batch.size = 1;
  if (c.arch != tf::Arch::Decoder) {
    batch.src = short_input(c.src_vocab.size(), c.max_len);
    batch.src_len = static_cast<int>(batch.src.size());
    batch.src_valid = {batch.src_len};
  }
  if (c.arch != tf::Arch::Encoder) {
    batch.tgt_in = short_input(c.tgt_vocab.size(), c.max_len);
    batch.tgt_len = static_cast<int>(batch.tgt_in.size());
  }
  const int rows = c.arch == tf::Arch::Encoder ? batch.src_len : batch.tgt_len;
  batch.labels.assign(static_cast<std::size_t>(rows), -1);
  Model::Cache cache;
  const tf::Mat<float> logits = m.forward(batch, cache);
  if (logits.rows() != rows || logits.cols() != c.tgt_vocab.size())
    return "forward logits are " + shape(logits.rows(), logits.cols()) + " for " +
           std::to_string(rows) + " positions and " + std::to_string(c.tgt_vocab.size()) +
           " tokens";
  for (const tf::AttentionMap& map : tf::attention_trace(m, cache).maps)
    if (map.weights.rows() != static_cast<Eigen::Index>(map.query_tokens.size()) ||
        map.weights.cols() != static_cast<Eigen::Index>(map.key_tokens.size()))
      return "a traced attention matrix is " + shape(map.weights.rows(), map.weights.cols()) +
             " for " + std::to_string(map.query_tokens.size()) + " query and " +
             std::to_string(map.key_tokens.size()) + " key tokens";
  return {};
}

// Greedy decoding of a short valid input succeeds with ids of the output vocabulary, one logits
// row per id, and stops at kDecodeSteps (encoder-only: one id per source position).
Problem check_decode(const Model& m) {
  const tf::ModelConfig& c = m.config;
  const bool decoder_only = c.arch == tf::Arch::Decoder;
  // A decoder-only model's prompt is followed by <bos>, which needs one position of max_len.
  const auto src = short_input(m.input_vocab().size(), c.max_len - (decoder_only ? 1 : 0));
  if (src.empty()) return {};
  const auto decoded = tf::greedy_decode(m, src, kDecodeSteps);
  if (!decoded) return "greedy decoding of a valid input failed: " + decoded.error();
  const auto& d = decoded.value();
  const std::size_t most = c.arch == tf::Arch::Encoder ? src.size() : kDecodeSteps;
  if (d.ids.empty() || d.ids.size() > most)
    return "greedy decoding gave " + std::to_string(d.ids.size()) + " ids";
  if (d.logits.rows() != static_cast<Eigen::Index>(d.ids.size()) ||
      d.logits.cols() != c.tgt_vocab.size())
    return "decoding logits are " + shape(d.logits.rows(), d.logits.cols()) + " for " +
           std::to_string(d.ids.size()) + " ids";
  for (const int id : d.ids)
    if (id < 0 || id >= c.tgt_vocab.size())
      return "decoding gave id " + std::to_string(id) + " outside the vocabulary";
  return {};
}

// Whatever loads can be saved, and the saved file loads back to the same bytes.
Problem check_round_trip(const Model& m) {
  const auto bytes = tf::model_to_bytes(m);
  if (!bytes) return "a loaded model cannot be saved: " + bytes.error();
  const std::string& b = bytes.value();
  const auto again =
      tf::load_model_from_bytes({reinterpret_cast<const std::uint8_t*>(b.data()), b.size()});
  if (!again) return "a saved model does not load: " + again.error();
  const auto twice = tf::model_to_bytes(again.value());
  if (!twice || twice.value() != b) return "a saved model loads as a different model";
  return {};
}

// A JSON text that parses writes back to text that parses to the same writing.
Problem check_json(std::string_view text) {
  const auto value = read_json(text, tf::safetensors::kHeaderLimits);
  if (!value) return check_message("JSON", value.error());
  const std::string once = value.value().dump();
  const auto again = read_json(once, tf::safetensors::kHeaderLimits);
  if (!again || again.value().dump() != once)
    return "JSON written back does not read back the same: " + once;
  return {};
}

Problem check_transformer(Bytes bytes) {
  const auto model = tf::load_model_from_bytes(bytes);
  if (!model) return check_message("model file", model.error());
  if (auto p = check_forward(model.value())) return p;
  if (auto p = check_decode(model.value())) return p;
  return check_round_trip(model.value());
}

// A loaded Bahdanau model: a teacher-forced pass of three tokens per side gives one logits row
// per decoder input, greedy decoding stops within kDecodeSteps with ids of the target vocabulary,
// and saving and loading gives the same bytes.
Problem check_bahdanau(Bytes bytes) {
  const auto loaded = bahdanau::load_model_from_bytes(bytes);
  if (!loaded) return check_message("Bahdanau model file", loaded.error());
  const bahdanau::Model& m = loaded.value();
  const bahdanau::Config& c = m.config;
  tf::TokenBatch batch;
  batch.size = 1;
  batch.src = short_input(c.src_vocab.size(), kTokens);
  batch.src_len = static_cast<int>(batch.src.size());
  batch.src_valid = {batch.src_len};
  batch.tgt_in = short_input(c.tgt_vocab.size(), kTokens);
  batch.tgt_len = static_cast<int>(batch.tgt_in.size());
  bahdanau::Model::Cache cache;
  const tf::Mat<float> logits = m.forward(batch, cache);
  if (logits.rows() != batch.tgt_len || logits.cols() != c.tgt_vocab.size())
    return "Bahdanau logits are " + shape(logits.rows(), logits.cols()) + " for " +
           std::to_string(batch.tgt_len) + " positions";
  const auto decoded = bahdanau::greedy_decode(m, batch.src, kDecodeSteps);
  if (!decoded) return "Bahdanau greedy decoding of a valid input failed: " + decoded.error();
  const auto& ids = decoded.value().ids;
  if (ids.empty() || ids.size() > kDecodeSteps)
    return "Bahdanau greedy decoding gave " + std::to_string(ids.size()) + " ids";
  for (const int id : ids)
    if (id < 0 || id >= c.tgt_vocab.size())
      return "Bahdanau decoding gave id " + std::to_string(id) + " outside the vocabulary";
  const auto saved = bahdanau::model_to_bytes(m);
  if (!saved) return "a loaded Bahdanau model cannot be saved: " + saved.error();
  const std::string& b = saved.value();
  const auto again =
      bahdanau::load_model_from_bytes({reinterpret_cast<const std::uint8_t*>(b.data()), b.size()});
  if (!again) return "a saved Bahdanau model does not load: " + again.error();
  const auto twice = bahdanau::model_to_bytes(again.value());
  if (!twice || twice.value() != b) return "a saved Bahdanau model loads as a different model";
  return {};
}

}  // namespace

Problem model_file(Bytes bytes) {
  if (auto p = check_json(as_text(bytes))) return p;
  if (auto p = check_transformer(bytes)) return p;
  return check_bahdanau(bytes);
}

}  // namespace al::fuzz
