// Reading a model file's config JSON field by field: each reader fills `out` from config[key] or
// returns the problem as one line naming the key. Shared by every architecture's model file
// (the Transformer's model_file.hpp, the Bahdanau model's engine/bahdanau/model_file.hpp).
#pragma once

#include <initializer_list>
#include <optional>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "engine/transformer/vocab.hpp"

namespace al::tf::config_fields {

using Problem = std::optional<std::string>;

// The config must be an object whose every key is in `known`.
Problem check_keys(const nlohmann::json& config, const std::set<std::string>& known);
// An integer in [lo, hi].
Problem read_int(const nlohmann::json& config, const char* key, int lo, int hi, int& out);
// One of `names`; `out` becomes its index.
Problem read_choice(const nlohmann::json& config, const char* key,
                    std::initializer_list<const char*> names, int& out);
Problem read_bool(const nlohmann::json& config, const char* key, bool& out);
Problem read_positive(const nlohmann::json& config, const char* key, double& out);
// A list of distinct token strings.
Problem read_vocab(const nlohmann::json& config, const char* key, Vocab& out);

}  // namespace al::tf::config_fields
