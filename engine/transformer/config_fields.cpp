// The config field readers of model files.
#include "engine/transformer/config_fields.hpp"

#include "engine/json_reader.hpp"
#include "engine/user_text.hpp"

namespace al::tf::config_fields {
namespace {

using nlohmann::json;

// config[key], or null when it is missing.
const json* member(const json& config, const char* key) {
  const auto it = config.find(key);
  return it == config.end() ? nullptr : &*it;
}

}  // namespace

Problem check_keys(const json& config, const std::set<std::string>& known) {
  if (!config.is_object()) return "is not a JSON object";
  for (const auto& [key, unused] : config.items())
    if (!known.count(key)) return "unknown key " + quote_for_message(key);
  return std::nullopt;
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

Problem read_choice(const json& config, const char* key, std::span<const std::string_view> names,
                    int& out) {
  const json* v = member(config, key);
  if (!v) return std::string("missing '") + key + "'";
  std::string list;
  int i = 0;
  for (std::string_view n : names) {
    if (v->is_string() && v->get_ref<const std::string&>() == n) {
      out = i;
      return std::nullopt;
    }
    list += i++ > 0 ? ", \"" : "\"";
    list += n;
    list += "\"";
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

}  // namespace al::tf::config_fields
