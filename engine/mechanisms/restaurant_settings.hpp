// The knobs of the restaurant lab (`--lab restaurant`, the `restaurant` figures): seed 003's
// analogy of queries, keys and values. The values are restaurants (a name each), the keys their
// features (italian, cheap, ... : a number from -1 to 1 each, 0 to 1 in the presets), the query
// your preferences for the same features. Their keys, ranges and help are the table in
// restaurant_settings.cpp.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/mechanisms/scoring_settings.hpp"
#include "engine/vectors_text.hpp"

namespace al {

struct SettingInfo;

inline constexpr int kMaxRestaurants = 16;
inline constexpr int kMaxFeatures = 8;
inline constexpr std::size_t kMaxNameBytes = 40;

// One restaurant or feature name, spaces around it trimmed: 1 to kMaxNameBytes bytes of UTF-8
// without `sep` (';' between restaurants, ',' between features). The error says what is wrong
// ("is empty"), without the key.
std::optional<std::string> parse_name(std::string_view text, char sep, std::string& out);

// The default restaurants' features (out of line: GCC 12 warns, wrongly, that a braced default of
// this size may be used uninitialized wherever a Settings is assigned).
Vectors default_restaurant_keys();

struct RestaurantSettings {
  // restaurant.preset: "dot" (the defaults) or "scaled" (eight features, q·k/√8); setting it
  // also sets the names, features, keys, query and function.
  std::string restaurant_preset = "dot";
  // One name per restaurant and per feature, separated by ';' and ','.
  std::vector<std::string> restaurant_names = {"Da Luigi", "Chez Paul", "Taj Mahal", "Noodle Bar",
                                               "Corner Café"};
  std::vector<std::string> restaurant_features = {"italian", "cheap", "cosy", "near"};
  // A row per restaurant, a number per feature (-1 to 1).
  Vectors restaurant_keys = default_restaurant_keys();
  // Preferences, a number per feature (-1: rather not, 1: very much).
  std::vector<double> restaurant_query = {0.9, 0.6, 0.3, 0.5};
  ScoringFunction restaurant_function = ScoringFunction::Dot;  // dot or scaled-dot
  double restaurant_temperature = 0.2;
  int restaurant_selected = -1;  // the restaurant every view outlines (-1: none)

  bool operator==(const RestaurantSettings&) const = default;
};

std::vector<SettingInfo> restaurant_setting_table();

}  // namespace al
