// Reading a model file's config JSON field by field: each reader fills `out` from config[key] or
// returns the problem as one line naming the key. Shared by every architecture's model file
// (the Transformer's model_file.hpp, the Bahdanau model's engine/bahdanau/model_file.hpp).
#pragma once

#include <array>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "engine/setting_table.hpp"
#include "engine/transformer/vocab.hpp"

namespace al::tf::config_fields {

using Problem = std::optional<std::string>;

// The config must be an object whose every key is in `known`.
Problem check_keys(const nlohmann::json& config, const std::set<std::string>& known);
// An integer in [lo, hi].
Problem read_int(const nlohmann::json& config, const char* key, int lo, int hi, int& out);
// One of `names`; `out` becomes its index.
Problem read_choice(const nlohmann::json& config, const char* key,
                    std::span<const std::string_view> names, int& out);
// One of an enumeration's names (its one name table); `out` becomes its value.
template <class E, std::size_t N>
Problem read_choice(const nlohmann::json& config, const char* key, const NameTable<E, N>& table,
                    E& out) {
  std::array<std::string_view, N> names;
  for (std::size_t i = 0; i < N; ++i) names[i] = table[i].name;
  int index = 0;
  if (auto p = read_choice(config, key, names, index)) return p;
  out = table[static_cast<std::size_t>(index)].value;
  return std::nullopt;
}
Problem read_bool(const nlohmann::json& config, const char* key, bool& out);
Problem read_positive(const nlohmann::json& config, const char* key, double& out);
// A list of distinct token strings.
Problem read_vocab(const nlohmann::json& config, const char* key, Vocab& out);

}  // namespace al::tf::config_fields
