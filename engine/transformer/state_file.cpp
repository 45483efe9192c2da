// Reading and writing a model's tensors in safetensors, whatever the architecture.
#include "engine/transformer/state_file.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "engine/user_text.hpp"

namespace al::tf {
namespace {

constexpr const char* kConfigKey = "config";

}  // namespace

Expected<std::string> config_text(const safetensors::File& file) {
  const auto it = file.metadata.find(kConfigKey);
  if (it == file.metadata.end()) return Error{"no model config at __metadata__.config"};
  return it->second;
}

std::optional<std::string> check_parameter_room(std::int64_t count, const safetensors::File& file) {
  if (count <= static_cast<std::int64_t>(file.data.size() / 2)) return std::nullopt;
  return "the config describes " + std::to_string(count) + " parameters, more than the file's " +
         std::to_string(file.data.size()) + " bytes of tensor data can hold";
}

std::optional<std::string> read_state(const safetensors::File& file,
                                      const std::vector<StateTensor>& layout,
                                      const std::string& model) {
  std::set<std::string> wanted;
  for (const StateTensor& t : layout) wanted.insert(t.name);
  for (const auto& [tensor, unused] : file.tensors)
    if (!wanted.count(tensor))
      return "unexpected tensor " + quote_for_message(tensor) + ": " + model +
             " has no such parameter";
  for (const StateTensor& t : layout) {
    const safetensors::TensorInfo* info = file.find(t.name);
    if (!info) return "missing tensor '" + t.name + "'";
    if (info->shape != t.shape)
      return "tensor '" + t.name + "' has shape " + safetensors::shape_text(info->shape) +
             " but the config needs " + safetensors::shape_text(t.shape);
    const std::vector<float> values = file.read(*info);
    for (std::size_t i = 0; i < values.size(); ++i)
      if (!std::isfinite(values[i]))
        return "tensor '" + t.name + "' holds a non-finite value (" +
               (std::isnan(values[i]) ? "nan" : "inf") + ") at element " + std::to_string(i);
    std::size_t at = 0;
    for (Param<float>* part : t.parts) {
      std::copy_n(values.begin() + static_cast<std::ptrdiff_t>(at), part->value.size(),
                  part->value.data());
      at += static_cast<std::size_t>(part->value.size());
    }
  }
  return std::nullopt;
}

Expected<std::string> state_to_bytes(const std::vector<StateTensor>& layout,
                                     const nlohmann::ordered_json& config) {
  std::vector<safetensors::OutTensor> tensors;
  for (const StateTensor& t : layout) {
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
    return safetensors::serialize({{kConfigKey, config.dump()}, {"format", "pt"}}, tensors);
  } catch (const nlohmann::json::type_error&) {
    return Error{"a vocabulary token is not valid UTF-8"};
  }
}

}  // namespace al::tf
