// The tensors of a model file (safetensors.hpp) against a model's parameters (StateTensor lists,
// state_dict.hpp), for every architecture's model file: the config JSON at
// __metadata__ → config, each parameter under its PyTorch name, F32 when written and F32, F16 or
// BF16 when read. Every failure is one line naming the tensor.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/expected.hpp"
#include "engine/transformer/safetensors.hpp"
#include "engine/transformer/state_dict.hpp"

namespace al::tf {

// The config JSON text of a parsed file.
Expected<std::string> config_text(const safetensors::File& file);
// Checked before a model of `count` parameters is allocated, so that allocation is bounded by the
// file: every parameter takes at least 2 bytes (F16, BF16).
std::optional<std::string> check_parameter_room(std::int64_t count, const safetensors::File& file);
// Copies every tensor of `layout` from `file`. Fails for a tensor of the file that `layout` lacks
// (no weight is silently ignored; `model` describes the model in that message, e.g. "the
// config's encoder model"), a missing tensor, another shape, or a non-finite value.
std::optional<std::string> read_state(const safetensors::File& file,
                                      const std::vector<StateTensor>& layout,
                                      const std::string& model);
// A whole file of `layout`'s tensors in its order, with `config` as JSON text. Fails for a
// non-finite weight or a string that is not valid UTF-8 (a vocabulary token).
Expected<std::string> state_to_bytes(const std::vector<StateTensor>& layout,
                                     const nlohmann::ordered_json& config);

}  // namespace al::tf
