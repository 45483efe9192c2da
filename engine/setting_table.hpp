// What every lab's settings table is made of. A lab declares its knobs in one table (its keys, each
// with type, range, default and help), built with the helpers below; settings.cpp lists the
// tables, and the GUI widgets, `--set`, session files and `figure --list` all read them from there.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "short_number.hpp"

namespace al {

struct Settings;

struct SettingInfo {
  std::string key;
  std::string help;   // one line
  std::string range;  // "0.001 to 1000", "gaussian|boxcar|...", "any text"
  std::string default_value;
  // Parses and stores `value`; returns the error message (without the key) if it is invalid.
  std::function<std::optional<std::string>(Settings&, std::string_view value)> set;
  std::function<std::string(const Settings&)> get;
};

// One lab's keys under the title `figure --list` groups them by.
struct SettingTable {
  std::string_view title;
  std::vector<SettingInfo> keys;
};

// An enumeration's one name table: the name used in settings and files, and a title for people.
template <class E>
struct NameEntry {
  E value;
  std::string_view name;
  std::string_view title;
};
template <class E, std::size_t N>
using NameTable = std::array<NameEntry<E>, N>;

template <class E, std::size_t N>
std::string_view lookup_name(const NameTable<E, N>& table, E v) {
  for (const auto& e : table)
    if (e.value == v) return e.name;
  return "?";
}
template <class E, std::size_t N>
std::string_view lookup_title(const NameTable<E, N>& table, E v) {
  for (const auto& e : table)
    if (e.value == v) return e.title;
  return "?";
}
template <class E, std::size_t N>
std::string choices(const NameTable<E, N>& table) {
  std::string out;
  for (const auto& e : table) {
    if (!out.empty()) out += '|';
    out += e.name;
  }
  return out;
}

// Value checks: strict, whole-string, finite. Each returns the error (without the key) or stores.
std::optional<std::string> check_real(std::string_view text, double lo, double hi, double& out);
std::optional<std::string> check_integer(std::string_view text, long long lo, long long hi,
                                         long long& out);
std::optional<std::string> check_bool(std::string_view text, bool& out);
// Text settings are saved in session files, which are JSON and so UTF-8; `max_bytes` bounds what
// reading the text costs (a sentence is tokenised, a path opened).
std::optional<std::string> check_text(std::string_view text, std::size_t max_bytes);
std::string not_one_of(std::string_view text, const std::string& choices);

template <class E, std::size_t N>
std::optional<std::string> check_choice(const NameTable<E, N>& table, std::string_view text,
                                        E& out) {
  for (const auto& e : table)
    if (e.name == text) {
      out = e.value;
      return {};
    }
  return not_one_of(text, choices(table));
}

// The largest seed a setting takes: 2^53, so that it reads back exactly from a JSON number.
inline constexpr long long kMaxSeed = 9007199254740992LL;

// Table entries by type. `field` is a member of the lab's settings struct (a base of Settings);
// the range text is made from the bounds. The lambdas take `auto&` so that they are compiled where
// a table is built, with Settings complete.
std::string range_text(double lo, double hi);

template <class S>
SettingInfo real_setting(std::string key, std::string help, double S::*field, double lo,
                         double hi) {
  return {std::move(key),
          std::move(help),
          range_text(lo, hi),
          {},
          [=](auto& s, std::string_view v) { return check_real(v, lo, hi, s.*field); },
          [=](const auto& s) { return shortest_number(s.*field); }};
}

template <class S, class I>
SettingInfo integer_setting(std::string key, std::string help, I S::*field, long long lo,
                            long long hi) {
  std::string range = hi == kMaxSeed ? std::to_string(lo) + " to 2^53"
                                     : std::to_string(lo) + " to " + std::to_string(hi);
  return {std::move(key),
          std::move(help),
          std::move(range),
          {},
          [=](auto& s, std::string_view v) -> std::optional<std::string> {
            long long x = 0;
            if (auto e = check_integer(v, lo, hi, x)) return e;
            s.*field = static_cast<I>(x);
            return {};
          },
          [=](const auto& s) { return std::to_string(s.*field); }};
}

template <class S>
SettingInfo bool_setting(std::string key, std::string help, bool S::*field) {
  return {std::move(key),
          std::move(help),
          "true|false",
          {},
          [=](auto& s, std::string_view v) { return check_bool(v, s.*field); },
          [=](const auto& s) { return std::string(s.*field ? "true" : "false"); }};
}

// Free text (a path, a sentence) of at most `max_bytes`.
template <class S>
SettingInfo text_setting(std::string key, std::string help, std::string range,
                         std::string S::*field, std::size_t max_bytes) {
  return {std::move(key),
          std::move(help),
          std::move(range),
          {},
          [=](auto& s, std::string_view v) -> std::optional<std::string> {
            if (auto e = check_text(v, max_bytes)) return e;
            s.*field = std::string(v);
            return {};
          },
          [=](const auto& s) { return s.*field; }};
}

template <class S, class E, std::size_t N>
SettingInfo choice_setting(std::string key, std::string help, E S::*field,
                           const NameTable<E, N>& table) {
  return {std::move(key),
          std::move(help),
          choices(table),
          {},
          [=, &table](auto& s, std::string_view v) { return check_choice(table, v, s.*field); },
          [=, &table](const auto& s) { return std::string(lookup_name(table, s.*field)); }};
}

// Fills each entry's default_value from default-constructed Settings.
void fill_defaults(std::vector<SettingInfo>& keys);

}  // namespace al
