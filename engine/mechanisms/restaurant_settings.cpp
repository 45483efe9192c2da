#include "restaurant_settings.hpp"

#include "engine/setting_table.hpp"
#include "engine/settings.hpp"
#include "engine/user_text.hpp"

namespace al {
namespace {

using S = RestaurantSettings;

// Names separated by `sep` (see parse_name), at most `max_count`.
std::optional<std::string> parse_names(std::string_view text, char sep, int max_count,
                                       std::vector<std::string>& out) {
  if (auto e = check_text(text, 64 * static_cast<std::size_t>(max_count))) return e;
  std::vector<std::string> names;
  std::size_t start = 0;
  for (;;) {
    const std::size_t at = text.find(sep, start);
    std::string name;
    if (auto e = parse_name(text.substr(start, at == std::string_view::npos ? at : at - start), sep,
                            name))
      return "name " + std::to_string(names.size() + 1) + " " + *e;
    names.push_back(std::move(name));
    if (at == std::string_view::npos) break;
    start = at + 1;
  }
  if (static_cast<int>(names.size()) > max_count)
    return std::to_string(names.size()) + " names: at most " + std::to_string(max_count);
  out = std::move(names);
  return {};
}

std::string join(const std::vector<std::string>& names, char sep) {
  std::string out;
  for (const std::string& n : names) {
    if (!out.empty()) out += sep;
    out += n;
  }
  return out;
}

SettingInfo names_setting(std::string key, std::string help, std::vector<std::string> S::*field,
                          char sep, int max_count) {
  std::string range = "names separated by '";
  range += sep;
  range += "', 1 to ";
  range += std::to_string(max_count);
  return {std::move(key),
          std::move(help),
          std::move(range),
          {},
          [=](Settings& s, std::string_view v) { return parse_names(v, sep, max_count, s.*field); },
          [=](const Settings& s) { return join(s.*field, sep); }};
}

constexpr VectorLimits kFeatures{kMaxRestaurants, kMaxFeatures, 1.0};

// The scenes of restaurant.preset: both keep the temperature, so switching between them shows
// what the function and the number of features do to the same softmax.
std::optional<std::string> set_preset(Settings& s, std::string_view v) {
  const RestaurantSettings defaults;
  if (v == "dot") {
    s.restaurant_names = defaults.restaurant_names;
    s.restaurant_features = defaults.restaurant_features;
    s.restaurant_keys = defaults.restaurant_keys;
    s.restaurant_query = defaults.restaurant_query;
    s.restaurant_function = ScoringFunction::Dot;
  } else if (v == "scaled") {
    // Twice the features: plain dot scores grow with d and the softmax saturates; divided by
    // sqrt(8) they spread as the four features' did.
    s.restaurant_names = defaults.restaurant_names;
    s.restaurant_features = {"italian", "cheap", "cosy", "near",
                             "quiet",   "vegan", "late", "terrace"};
    s.restaurant_keys = {8, {1.0, 0.4, 0.8, 0.2, 0.6, 0.3, 0.2, 1.0,    // Da Luigi
                             0.1, 0.1, 0.9, 0.6, 0.9, 0.2, 0.1, 0.4,    // Chez Paul
                             0.0, 0.7, 0.5, 0.4, 0.3, 1.0, 0.6, 0.0,    // Taj Mahal
                             0.2, 1.0, 0.2, 0.9, 0.1, 0.6, 1.0, 0.2,    // Noodle Bar
                             0.4, 0.6, 0.6, 1.0, 0.5, 0.5, 0.4, 0.8}};  // Corner Café
    s.restaurant_query = {0.9, 0.6, 0.3, 0.5, 0.4, 0.2, 0.1, 0.7};
    s.restaurant_function = ScoringFunction::ScaledDot;
  } else {
    return not_one_of(v, "dot|scaled");
  }
  s.restaurant_preset = std::string(v);
  s.restaurant_selected = -1;
  return {};
}

}  // namespace

std::optional<std::string> parse_name(std::string_view text, char sep, std::string& out) {
  if (auto e = check_text(text, 4 * kMaxNameBytes)) return e;
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  if (text.empty()) return std::string("is empty");
  if (text.size() > kMaxNameBytes)
    return "is longer than " + std::to_string(kMaxNameBytes) + " bytes";
  if (text.find(sep) != std::string_view::npos)
    return std::string("holds '") + sep + "', which separates the names";
  out = std::string(text);
  return {};
}

Vectors default_restaurant_keys() {
  return {4, {1.0, 0.4, 0.8, 0.2,    // Da Luigi
              0.1, 0.1, 0.9, 0.6,    // Chez Paul
              0.0, 0.7, 0.5, 0.4,    // Taj Mahal
              0.2, 1.0, 0.2, 0.9,    // Noodle Bar
              0.4, 0.6, 0.6, 1.0}};  // Corner Café
}

std::vector<SettingInfo> restaurant_setting_table() {
  return {
      {"restaurant.preset",
       "restaurant scene: dot (five restaurants, four features, dot product q·k) or scaled (the "
       "same restaurants with eight features, scaled q·k/√8); also sets restaurant.names, "
       ".features, .keys, .query and .function",
       "dot|scaled", "", set_preset, [](const Settings& s) { return s.restaurant_preset; }},
      names_setting("restaurant.names", "the restaurants (the values), one name each",
                    &S::restaurant_names, ';', kMaxRestaurants),
      names_setting("restaurant.features", "the features every restaurant is described by",
                    &S::restaurant_features, ',', kMaxFeatures),
      {"restaurant.keys",
       "each restaurant's features (the keys): a row per restaurant, a number per feature",
       "rows 'a,b;c,d' of numbers -1 to 1, up to 16 x 8", "",
       [](Settings& s, std::string_view v) -> std::optional<std::string> {
         auto parsed = parse_vectors(v, kFeatures);
         if (!parsed) return parsed.error();
         if (parsed.value().empty()) return std::string("needs at least one row");
         s.restaurant_keys = std::move(parsed).value();
         return {};
       },
       [](const Settings& s) { return format_vectors(s.restaurant_keys); }},
      {"restaurant.query", "your preferences (the query): a number per feature",
       "numbers 'a,b,c' -1 to 1, up to 8", "",
       [](Settings& s, std::string_view v) -> std::optional<std::string> {
         auto parsed = parse_vectors(v, {1, kMaxFeatures, 1.0});
         if (!parsed) return parsed.error();
         if (parsed.value().empty()) return std::string("needs a number per feature");
         s.restaurant_query = std::move(parsed).value().values;
         return {};
       },
       [](const Settings& s) {
         return format_vectors({static_cast<int>(s.restaurant_query.size()), s.restaurant_query});
       }},
      {"restaurant.function", "how preferences score a restaurant: dot q·k or scaled-dot q·k/√d",
       "dot|scaled-dot", "",
       [](Settings& s, std::string_view v) -> std::optional<std::string> {
         if (v == "dot") {
           s.restaurant_function = ScoringFunction::Dot;
         } else if (v == "scaled-dot") {
           s.restaurant_function = ScoringFunction::ScaledDot;
         } else {
           return not_one_of(v, "dot|scaled-dot");
         }
         return {};
       },
       [](const Settings& s) { return std::string(name(s.restaurant_function)); }},
      real_setting("restaurant.temperature", "weights = softmax(score / temperature)",
                   &S::restaurant_temperature, 0.01, 100.0),
      integer_setting("restaurant.selected", "the restaurant every view outlines (-1: none)",
                      &S::restaurant_selected, -1, kMaxRestaurants - 1),
  };
}

}  // namespace al
