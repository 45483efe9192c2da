// Reading and writing model files: the config JSON, the checks between config and tensors, and the
// atomic write.
#include "engine/transformer/model_file.hpp"

#include <set>

#include "engine/atomic_file.hpp"
#include "engine/json_reader.hpp"
#include "engine/read_file.hpp"
#include "engine/transformer/config_fields.hpp"
#include "engine/transformer/safetensors.hpp"
#include "engine/transformer/state_file.hpp"
#include "engine/user_text.hpp"

namespace al::tf {

namespace {

using nlohmann::json;
using namespace config_fields;

Problem read_config(const json& config, ModelConfig& c) {
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
  // A Bahdanau model's file (engine/bahdanau/model_file.hpp) has the same container.
  if (config.is_object() && config.contains("arch") && config["arch"] == "bahdanau")
    return "arch \"bahdanau\" is a GRU encoder-decoder with Bahdanau attention, not a Transformer "
           "(the bahdanau-* figures read it)";
  if (auto p = check_keys(config, known)) return p;
  Problem p;
  if ((p = read_choice(config, "arch", kArchNames, c.arch))) return p;
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
      (p = read_choice(config, "norm", kNormNames, c.norm)) ||
      (p = read_choice(config, "positional", kPositionalNames, c.positional)) ||
      (p = read_int(config, "max_len", 1, kMaxModelLen, c.max_len)) ||
      (p = read_bool(config, "embed_scale", c.embed_scale)) ||
      (p = read_choice(config, "activation", kActivationNames, c.activation)) ||
      (p = read_positive(config, "layer_norm_eps", c.layer_norm_eps)) ||
      ((enc || config.contains("src_vocab")) &&
       (p = read_vocab(config, "src_vocab", c.src_vocab))) ||
      (p = read_vocab(config, "tgt_vocab", c.tgt_vocab)))
    return p;
  const std::int64_t table = std::int64_t{c.max_len} * c.d_model;
  if (c.positional == Positional::Sinusoidal && table > kMaxPositionTable)
    return "max_len × d_model = " + std::to_string(table) + " is over the limit of " +
           std::to_string(kMaxPositionTable) + " positional-encoding entries";
  return validate(c);
}

// Checks every tensor against the configuration and copies it in. `file` has passed parse().
Expected<Transformer<float>> build_model(const safetensors::File& file, ModelConfig c) {
  if (auto p = check_parameter_room(parameter_count(c), file)) return Error{*p};
  Transformer<float> model;
  model.init(c, 0);
  if (auto p = read_state(file, state_dict(model),
                          std::string("the config's ") + name(c.arch) + " model"))
    return Error{*p};
  return model;
}

// The config object of a model file, without the two properties read from tensor names, in the
// order of the format's description (model_file.hpp), as scripts/export_pytorch.py writes it.
nlohmann::ordered_json config_object(const ModelConfig& c) {
  return {
      {"arch", name(c.arch)},
      {"d_model", c.d_model},
      {"num_heads", c.num_heads},
      {"ffn_hidden", c.ffn_hidden},
      {"num_encoder_layers", c.num_encoder_layers},
      {"num_decoder_layers", c.num_decoder_layers},
      {"norm", lookup_name(kNormNames, c.norm)},
      {"positional", name(c.positional)},
      {"max_len", c.max_len},
      {"embed_scale", c.embed_scale},
      {"activation", lookup_name(kActivationNames, c.activation)},
      {"layer_norm_eps", c.layer_norm_eps},
      {"src_vocab", c.src_vocab.tokens()},
      {"tgt_vocab", c.tgt_vocab.tokens()},
  };
}

}  // namespace

std::string config_to_json(const ModelConfig& c) {
  return config_object(c).dump();
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
  auto text = config_text(f);
  if (!text) return Error{text.error()};
  auto config = config_from_json(text.value());
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
  return state_to_bytes(state_dict(copy), config_object(model.config));
}

std::optional<std::string> save_model(const Transformer<float>& model, const std::string& path) {
  auto bytes = model_to_bytes(model);
  if (!bytes) return printable(path) + ": " + bytes.error();
  return write_file_atomic(path, bytes.value());
}

}  // namespace al::tf
