// Reading and writing Bahdanau model files: the config, the PyTorch names and shapes of the
// parameters, and the checks shared with the Transformer's files (engine/transformer/state_file).
#include "engine/bahdanau/model_file.hpp"

#include <array>
#include <set>
#include <string_view>

#include "engine/atomic_file.hpp"
#include "engine/json_reader.hpp"
#include "engine/read_file.hpp"
#include "engine/transformer/config_fields.hpp"
#include "engine/transformer/model_file.hpp"
#include "engine/transformer/safetensors.hpp"
#include "engine/transformer/state_file.hpp"
#include "engine/user_text.hpp"

namespace al::bahdanau {
namespace {

using nlohmann::json;
using namespace tf::config_fields;

Problem read_config(const json& config, Config& c) {
  static const std::set<std::string> known = {"arch",       "embed_size", "num_hiddens",
                                              "num_layers", "src_vocab",  "tgt_vocab"};
  // A Transformer's file has the same container (engine/transformer/model_file.hpp).
  tf::Arch transformer = tf::Arch::EncoderDecoder;
  if (config.is_object() && config.contains("arch") &&
      !read_choice(config, "arch", tf::kArchNames, transformer))
    return "arch " + config["arch"].dump() +
           " is a Transformer, not a Bahdanau model (the transformer-* figures read it)";
  if (auto p = check_keys(config, known)) return p;
  static constexpr std::array<std::string_view, 1> kArch{"bahdanau"};
  int arch = 0;
  Problem p;
  if ((p = read_choice(config, "arch", kArch, arch)) ||
      (p = read_int(config, "embed_size", 1, tf::kMaxModelDim, c.embed_size)) ||
      (p = read_int(config, "num_hiddens", 1, tf::kMaxModelDim, c.num_hiddens)) ||
      (p = read_int(config, "num_layers", 1, tf::kMaxModelLayers, c.num_layers)) ||
      (p = read_vocab(config, "src_vocab", c.src_vocab)) ||
      (p = read_vocab(config, "tgt_vocab", c.tgt_vocab)))
    return p;
  return validate(c);
}

nlohmann::ordered_json config_object(const Config& c) {
  return {{"arch", "bahdanau"},
          {"embed_size", c.embed_size},
          {"num_hiddens", c.num_hiddens},
          {"num_layers", c.num_layers},
          {"src_vocab", c.src_vocab.tokens()},
          {"tgt_vocab", c.tgt_vocab.tokens()}};
}

// One tensor per parameter, in visit order; biases are vectors in PyTorch (rows of 1 here).
std::vector<tf::StateTensor> state_dict(Model& model) {
  std::vector<tf::StateTensor> tensors;
  model.visit([&](const std::string& name, tf::Param<float>& p) {
    const bool bias = name.substr(name.rfind('.') + 1).starts_with("bias");
    tensors.push_back({name,
                       bias ? std::vector<std::int64_t>{p.value.size()}
                            : std::vector<std::int64_t>{p.value.rows(), p.value.cols()},
                       {&p}});
  });
  return tensors;
}

}  // namespace

std::string config_to_json(const Config& c) {
  return config_object(c).dump();
}

Expected<Config> config_from_json(std::string_view text) {
  auto parsed = read_json(text, tf::safetensors::kHeaderLimits);
  if (!parsed) return Error{parsed.error()};
  Config c;
  if (auto p = read_config(parsed.value(), c)) return Error{*p};
  return c;
}

Expected<Model> load_model_from_bytes(std::span<const std::uint8_t> bytes) {
  auto file = tf::safetensors::parse(bytes);
  if (!file) return Error{file.error()};
  const tf::safetensors::File& f = file.value();
  auto text = tf::config_text(f);
  if (!text) return Error{text.error()};
  auto config = config_from_json(text.value());
  if (!config) return Error{"__metadata__.config: " + config.error()};
  if (auto p = tf::check_parameter_room(parameter_count(config.value()), f)) return Error{*p};
  Model model;
  model.init(config.value(), 0);
  if (auto p = tf::read_state(f, state_dict(model), "the config's bahdanau model"))
    return Error{*p};
  return model;
}

Expected<Model> load_model(const std::string& path) {
  auto bytes = read_regular_file(path, tf::kMaxModelFileBytes, "a model file");
  if (!bytes) return Error{bytes.error()};
  const std::string& b = bytes.value();
  auto model = load_model_from_bytes({reinterpret_cast<const std::uint8_t*>(b.data()), b.size()});
  if (!model) return Error{printable(path) + ": " + model.error()};
  return model;
}

Expected<std::string> model_to_bytes(const Model& model) {
  Model copy = model;  // state_dict() points into the model it is given
  return tf::state_to_bytes(state_dict(copy), config_object(model.config));
}

std::optional<std::string> save_model(const Model& model, const std::string& path) {
  auto bytes = model_to_bytes(model);
  if (!bytes) return printable(path) + ": " + bytes.error();
  return write_file_atomic(path, bytes.value());
}

}  // namespace al::bahdanau
