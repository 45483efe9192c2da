// The knobs of the scoring lab (`--lab scoring`, the `scoring` figures): queries and keys as
// vectors, a number per key as its value, the scoring function and its parameters, temperature and
// valid length. Their keys, ranges and help are the table in scoring_settings.cpp.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/vectors_text.hpp"

namespace al {

struct SettingInfo;

// How a query scores a key (D2L §11.3, spec §4).
enum class ScoringFunction {
  Dot,        // q·k
  ScaledDot,  // q·k / √d
  Additive,   // w_vᵀ tanh(W_q q + W_k k)
  General,    // qᵀ W k
};
std::string_view name(ScoringFunction f);
std::string_view title(ScoringFunction f);

// The largest scene the lab takes: a heatmap cell per query and key must stay readable.
inline constexpr int kMaxScoringVectors = 32;
inline constexpr int kMaxScoringDim = 64;
inline constexpr int kMaxScoringHidden = 64;

struct ScoringSettings {
  // scoring.preset: "plane" (the lab's default points) or "book" (the old edition's toy, F7/F8);
  // setting it also sets queries, keys, values, valid_len and function.
  std::string scoring_preset = "plane";
  Vectors scoring_queries{2, {1.5, 0.5, -1.0, 1.0}};
  Vectors scoring_keys{2, {1.0, 0.0, 0.0, 1.5, -1.5, 0.0, 1.0, -1.0}};
  // One number per key; empty: 1, 2, 3, … (the key's number from 1).
  std::vector<double> scoring_values;
  ScoringFunction scoring_function = ScoringFunction::ScaledDot;
  double scoring_temperature = 1.0;  // weights = softmax(score / temperature)
  // Keys at index ≥ valid_len are masked for every query (the book's 1-D valid lengths); a
  // valid_len of at least the number of keys masks none.
  int scoring_valid_len = kMaxScoringVectors;
  // Additive and general scoring: typed parameters, or (empty) random from the seed.
  int scoring_hidden = 8;            // h, the additive MLP's hidden units
  std::uint64_t scoring_seed = 0;    // seeds W_q, W_k, w_v and W when they are not typed
  Vectors scoring_w_q, scoring_w_k;  // (h, d_q), (h, d_k)
  std::vector<double> scoring_w_v;   // (h)
  Vectors scoring_w;                 // (d_q, d_k)
  // The query and key every view follows (-1: none): selected by a click.
  int scoring_query = 0;
  int scoring_key = -1;

  bool operator==(const ScoringSettings&) const = default;
};

std::vector<SettingInfo> scoring_setting_table();

}  // namespace al
