// Reading and writing model files: the config JSON, the checks between config and tensors, and the
// atomic write.
#include "engine/transformer/model_file.hpp"

#include <cmath>
#include <initializer_list>
#include <set>

#include "engine/atomic_file.hpp"
#include "engine/json_reader.hpp"
#include "engine/read_file.hpp"
#include "engine/transformer/safetensors.hpp"
#include "engine/transformer/state_dict.hpp"
#include "engine/user_text.hpp"

namespace al::tf {

namespace {

using nlohmann::json;

constexpr const char* kConfigKey = "config";

// Each reader fills `out` from config[key] or returns the problem.
using Problem = std::optional<std::string>;

// config[key], or null when it is missing.
const json* member(const json& config, const char* key) {
  const auto it = config.find(key);
  return it == config.end() ? nullptr : &*it;
}

Problem read_int(const json& config, const char* key, int lo, int hi, int& out) {
  const json* v = member(config, key);
  if (!v) return std::string("missing '") + key + "'";
  const auto i = json_int64(*v);
  if (!i || *i < lo || *i > hi)
    return std::string(key) + " must be an integer from " + std::to_string(lo) + " to " +
           std::to_string(hi);
  out = static_cast<int>(*i);
  return std::nullopt;
}

// config[key] must be one of `names`; `out` becomes its index.
Problem read_choice(const json& config, const char* key, std::initializer_list<const char*> names,
                    int& out) {
  const json* v = member(config, key);
  if (!v) return std::string("missing '") + key + "'";
  std::string list;
  int i = 0;
  for (const char* n : names) {
    if (v->is_string() && v->get_ref<const std::string&>() == n) {
      out = i;
      return std::nullopt;
    }
    list += (i++ > 0 ? ", " : "") + std::string("\"") + n + "\"";
  }
  return std::string(key) + " must be one of " + list;
}

Problem read_bool(const json& config, const char* key, bool& out) {
  const json* v = member(config, key);
  if (!v) return std::string("missing '") + key + "'";
  if (!v->is_boolean()) return std::string(key) + " must be true or false";
  out = v->get<bool>();
  return std::nullopt;
}

Problem read_positive(const json& config, const char* key, double& out) {
  const json* v = member(config, key);
  if (!v) return std::string("missing '") + key + "'";
  if (!v->is_number() || !(v->get<double>() > 0)) return std::string(key) + " must be positive";
  out = v->get<double>();
  return std::nullopt;
}

Problem read_vocab(const json& config, const char* key, Vocab& out) {
  const json* v = member(config, key);
  if (!v) return std::string("missing '") + key + "'";
  if (!v->is_array()) return std::string(key) + " must be a list of token strings";
  std::vector<std::string> tokens;
  std::set<std::string> seen;
  for (const json& item : *v) {
    if (!item.is_string()) return std::string(key) + " must be a list of token strings";
    const auto& token = item.get_ref<const std::string&>();
    if (!seen.insert(token).second) return std::string(key) + " lists '" + token + "' twice";
    tokens.push_back(token);
  }
  out = Vocab(std::move(tokens));
  return std::nullopt;
}

Problem read_config(const json& config, ModelConfig& c) {
  if (!config.is_object()) return "is not a JSON object";
  static const std::set<std::string> known = {"arch",
                                              "d_model",
                                              "num_heads",
                                              "ffn_hidden",
                                              "num_encoder_layers",
                                              "num_decoder_layers",
                                              "norm",
                                              "positional",
                                              "max_len",
                                              "embed_scale",
                                              "activation",
                                              "layer_norm_eps",
                                              "src_vocab",
                                              "tgt_vocab"};
  for (const auto& [key, unused] : config.items())
    if (!known.count(key)) return "unknown key " + quote_for_message(key);
  int arch = 0, norm = 0, positional = 0, activation = 0;
  Problem p;
  if ((p = read_choice(config, "arch", {"encoder-decoder", "encoder", "decoder"}, arch))) return p;
  c.arch = static_cast<Arch>(arch);
  const bool enc = c.arch != Arch::Decoder, dec = c.arch != Arch::Encoder;
  // A stack's layer count and the source vocabulary are optional where unused (and may then be
  // 0 or empty), checked if given.
  if ((p = read_int(config, "d_model", 1, kMaxModelDim, c.d_model)) ||
      (p = read_int(config, "num_heads", 1, kMaxModelDim, c.num_heads)) ||
      (p = read_int(config, "ffn_hidden", 1, kMaxModelDim, c.ffn_hidden)) ||
      ((enc || config.contains("num_encoder_layers")) &&
       (p = read_int(config, "num_encoder_layers", enc ? 1 : 0, kMaxModelLayers,
                     c.num_encoder_layers))) ||
      ((dec || config.contains("num_decoder_layers")) &&
       (p = read_int(config, "num_decoder_layers", dec ? 1 : 0, kMaxModelLayers,
                     c.num_decoder_layers))) ||
      (p = read_choice(config, "norm", {"post", "pre"}, norm)) ||
      (p = read_choice(config, "positional", {"sinusoidal", "learned", "none"}, positional)) ||
      (p = read_int(config, "max_len", 1, kMaxModelLen, c.max_len)) ||
      (p = read_bool(config, "embed_scale", c.embed_scale)) ||
      (p = read_choice(config, "activation", {"relu", "gelu"}, activation)) ||
      (p = read_positive(config, "layer_norm_eps", c.layer_norm_eps)) ||
      ((enc || config.contains("src_vocab")) &&
       (p = read_vocab(config, "src_vocab", c.src_vocab))) ||
      (p = read_vocab(config, "tgt_vocab", c.tgt_vocab)))
    return p;
  c.norm = static_cast<NormPlacement>(norm);
  c.positional = static_cast<Positional>(positional);
  c.activation = static_cast<Activation>(activation);
  const std::int64_t table = std::int64_t{c.max_len} * c.d_model;
  if (c.positional == Positional::Sinusoidal && table > kMaxPositionTable)
    return "max_len × d_model = " + std::to_string(table) + " is over the limit of " +
           std::to_string(kMaxPositionTable) + " positional-encoding entries";
  return validate(c);
}

// Checks every tensor against the configuration and copies it in. `file` has passed parse().
Expected<Transformer<float>> build_model(const safetensors::File& file, ModelConfig c) {
  // Allocation is bounded by the file: every parameter takes at least 2 bytes (F16, BF16).
  const std::int64_t count = parameter_count(c);
  if (count > static_cast<std::int64_t>(file.data.size() / 2))
    return Error{"the config describes " + std::to_string(count) +
                 " parameters, more than the file's " + std::to_string(file.data.size()) +
                 " bytes of tensor data can hold"};
  Transformer<float> model;
  model.init(c, 0);
  const std::vector<StateTensor> layout = state_dict(model);
  std::set<std::string> wanted;
  for (const StateTensor& t : layout) wanted.insert(t.name);
  for (const auto& [tensor, unused] : file.tensors)
    if (!wanted.count(tensor))
      return Error{"unexpected tensor " + quote_for_message(tensor) + ": the config's " +
                   name(c.arch) + " model has no such parameter"};
  for (const StateTensor& t : layout) {
    const safetensors::TensorInfo* info = file.find(t.name);
    if (!info) return Error{"missing tensor '" + t.name + "'"};
    if (info->shape != t.shape)
      return Error{"tensor '" + t.name + "' has shape " + safetensors::shape_text(info->shape) +
                   " but the config needs " + safetensors::shape_text(t.shape)};
    const std::vector<float> values = file.read(*info);
    for (std::size_t i = 0; i < values.size(); ++i)
      if (!std::isfinite(values[i]))
        return Error{"tensor '" + t.name + "' holds a non-finite value (" +
                     (std::isnan(values[i]) ? "nan" : "inf") + ") at element " + std::to_string(i)};
    std::size_t at = 0;
    for (Param<float>* part : t.parts) {
      std::copy_n(values.begin() + static_cast<std::ptrdiff_t>(at), part->value.size(),
                  part->value.data());
      at += static_cast<std::size_t>(part->value.size());
    }
  }
  return model;
}

}  // namespace

std::string config_to_json(const ModelConfig& c) {
  // In the order of the format's description (model_file.hpp), as scripts/export_pytorch.py
  // writes it.
  const nlohmann::ordered_json config = {
      {"arch", name(c.arch)},
      {"d_model", c.d_model},
      {"num_heads", c.num_heads},
      {"ffn_hidden", c.ffn_hidden},
      {"num_encoder_layers", c.num_encoder_layers},
      {"num_decoder_layers", c.num_decoder_layers},
      {"norm", c.norm == NormPlacement::Post ? "post" : "pre"},
      {"positional", name(c.positional)},
      {"max_len", c.max_len},
      {"embed_scale", c.embed_scale},
      {"activation", c.activation == Activation::Relu ? "relu" : "gelu"},
      {"layer_norm_eps", c.layer_norm_eps},
      {"src_vocab", c.src_vocab.tokens()},
      {"tgt_vocab", c.tgt_vocab.tokens()},
  };
  return config.dump();
}

Expected<ModelConfig> config_from_json(std::string_view text) {
  auto parsed = read_json(text, safetensors::kHeaderLimits);
  if (!parsed) return Error{parsed.error()};
  ModelConfig c;
  if (auto p = read_config(parsed.value(), c)) return Error{*p};
  return c;
}

Expected<Transformer<float>> load_model_from_bytes(std::span<const std::uint8_t> bytes) {
  auto file = safetensors::parse(bytes);
  if (!file) return Error{file.error()};
  const safetensors::File& f = file.value();
  const auto config_text = f.metadata.find(kConfigKey);
  if (config_text == f.metadata.end()) return Error{"no model config at __metadata__.config"};
  auto config = config_from_json(config_text->second);
  if (!config) return Error{"__metadata__.config: " + config.error()};
  ModelConfig c = config.value();
  for (const auto& [tensor, unused] : f.tensors)
    c.attention_bias = c.attention_bias || tensor.ends_with(".in_proj_bias");
  c.final_norm = f.find("encoder.norm.weight") || f.find("decoder.norm.weight");
  return build_model(f, c);
}

Expected<Transformer<float>> load_model(const std::string& path) {
  auto bytes = read_regular_file(path, kMaxModelFileBytes, "a model file");
  if (!bytes) return Error{bytes.error()};
  const std::string& b = bytes.value();
  auto model = load_model_from_bytes({reinterpret_cast<const std::uint8_t*>(b.data()), b.size()});
  if (!model) return Error{printable(path) + ": " + model.error()};
  return model;
}

Expected<std::string> model_to_bytes(const Transformer<float>& model) {
  Transformer<float> copy = model;  // state_dict() points into a model it may modify
  std::vector<safetensors::OutTensor> tensors;
  for (const StateTensor& t : state_dict(copy)) {
    safetensors::OutTensor out{t.name, t.shape, {}};
    for (const Param<float>* part : t.parts) {
      if (!part->value.allFinite())
        return Error{"tensor '" + t.name + "' holds a non-finite value; the model was not saved"};
      out.values.insert(out.values.end(), part->value.data(),
                        part->value.data() + part->value.size());
    }
    tensors.push_back(std::move(out));
  }
  // JSON strings are Unicode: the writer throws on a vocabulary token that is not UTF-8 (every
  // other string it writes is this program's own).
  try {
    return safetensors::serialize({{kConfigKey, config_to_json(model.config)}, {"format", "pt"}},
                                  tensors);
  } catch (const json::type_error&) {
    return Error{"a vocabulary token is not valid UTF-8"};
  }
}

std::optional<std::string> save_model(const Transformer<float>& model, const std::string& path) {
  auto bytes = model_to_bytes(model);
  if (!bytes) return printable(path) + ": " + bytes.error();
  return write_file_atomic(path, bytes.value());
}

}  // namespace al::tf
