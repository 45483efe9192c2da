#include "scoring_settings.hpp"

#include "engine/setting_table.hpp"
#include "engine/settings.hpp"

namespace al {
namespace {

constexpr NameTable<ScoringFunction, 4> kFunctions{{
    {ScoringFunction::Dot, "dot", "Dot product q·k"},
    {ScoringFunction::ScaledDot, "scaled-dot", "Scaled dot product q·k/√d"},
    {ScoringFunction::Additive, "additive", "Additive w_v^T tanh(W_q q + W_k k)"},
    {ScoringFunction::General, "general", "General q^T W k"},
}};

using S = ScoringSettings;

constexpr VectorLimits kPoints{kMaxScoringVectors, kMaxScoringDim, 1e6};
constexpr VectorLimits kParameters{kMaxScoringHidden, kMaxScoringDim, 1e6};

// A list of vectors typed as "1,0;0,1"; `required`: at least one.
SettingInfo vectors_setting(std::string key, std::string help, Vectors S::*field,
                            VectorLimits limits, bool required) {
  std::string range = "rows 'a,b;c,d', up to " + std::to_string(limits.max_count) + " x " +
                      std::to_string(limits.max_dim);
  if (!required) range += ", or empty";
  return {std::move(key),
          std::move(help),
          std::move(range),
          {},
          [=](Settings& s, std::string_view v) -> std::optional<std::string> {
            auto parsed = parse_vectors(v, limits);
            if (!parsed) return parsed.error();
            if (required && parsed.value().empty()) return std::string("needs at least one row");
            s.*field = std::move(parsed).value();
            return {};
          },
          [=](const Settings& s) { return format_vectors(s.*field); }};
}

// One row of numbers "1,2,3", or empty.
SettingInfo numbers_setting(std::string key, std::string help, std::vector<double> S::*field,
                            int max_count) {
  return {std::move(key),
          std::move(help),
          "numbers 'a,b,c', up to " + std::to_string(max_count) + ", or empty",
          {},
          [=](Settings& s, std::string_view v) -> std::optional<std::string> {
            auto parsed = parse_vectors(v, {1, max_count, 1e6});
            if (!parsed) return parsed.error();
            s.*field = std::move(parsed).value().values;
            return {};
          },
          [=](const Settings& s) {
            return format_vectors({static_cast<int>((s.*field).size()), s.*field});
          }};
}

// The old edition's deterministic toy (spec §4): ten equal keys (1, 1) and values 0, 4, …, 36
// (the first column of arange(40).reshape(10, 4)), so every valid key scores the same and the
// output is the mean of the valid values: 2 for valid_len 2 and 10 for valid_len 6, the book's
// printed outputs. The book's queries are random; these are two fixed ones.
std::optional<std::string> set_preset(Settings& s, std::string_view v) {
  if (v == "plane") {
    const ScoringSettings defaults;
    s.scoring_queries = defaults.scoring_queries;
    s.scoring_keys = defaults.scoring_keys;
    s.scoring_values.clear();
    s.scoring_valid_len = kMaxScoringVectors;
    s.scoring_function = ScoringFunction::ScaledDot;
  } else if (v == "book") {
    s.scoring_queries = {2, {0.5, -1.0, -1.5, 0.25}};
    s.scoring_keys = {2, std::vector<double>(20, 1.0)};
    s.scoring_values.clear();
    for (int k = 0; k < 10; ++k) s.scoring_values.push_back(4.0 * k);
    s.scoring_valid_len = 2;
    s.scoring_function = ScoringFunction::Dot;
  } else {
    return not_one_of(v, "plane|book");
  }
  s.scoring_preset = std::string(v);
  s.scoring_query = 0;
  s.scoring_key = -1;
  return {};
}

}  // namespace

std::string_view name(ScoringFunction f) {
  return lookup_name(kFunctions, f);
}
std::string_view title(ScoringFunction f) {
  return lookup_title(kFunctions, f);
}

std::vector<SettingInfo> scoring_setting_table() {
  return {
      {"scoring.preset",
       "scoring scene: plane (the lab's points) or book (the old edition's toy, F7/F8: ten equal "
       "keys, values 0, 4, ..., 36); also sets scoring.queries, .keys, .values, .valid_len and "
       ".function",
       "plane|book", "", set_preset, [](const Settings& s) { return s.scoring_preset; }},
      vectors_setting("scoring.queries", "queries, one vector per row ('1,0;0,1')",
                      &S::scoring_queries, kPoints, true),
      vectors_setting("scoring.keys", "keys, one vector per row ('1,0;0,1')", &S::scoring_keys,
                      kPoints, true),
      numbers_setting("scoring.values",
                      "the value of each key, one number per key (empty: 1, 2, 3, ...)",
                      &S::scoring_values, kMaxScoringVectors),
      choice_setting("scoring.function", "scoring function a(q, k)", &S::scoring_function,
                     kFunctions),
      real_setting("scoring.temperature", "weights = softmax(score / temperature)",
                   &S::scoring_temperature, 0.01, 100.0),
      integer_setting("scoring.valid_len",
                      "keys at index >= valid_len are masked (score -1e6, weight 0) for every "
                      "query; 0 masks all (uniform weights), the number of keys or more masks none",
                      &S::scoring_valid_len, 0, kMaxScoringVectors),
      integer_setting("scoring.hidden", "hidden units h of additive scoring", &S::scoring_hidden, 1,
                      kMaxScoringHidden),
      integer_setting("scoring.seed",
                      "seed of the additive parameters W_q, W_k, w_v and the general W when they "
                      "are not typed",
                      &S::scoring_seed, 0, kMaxSeed),
      vectors_setting("scoring.w_q", "additive W_q, h rows of d_q numbers (empty: from the seed)",
                      &S::scoring_w_q, kParameters, false),
      vectors_setting("scoring.w_k", "additive W_k, h rows of d_k numbers (empty: from the seed)",
                      &S::scoring_w_k, kParameters, false),
      numbers_setting("scoring.w_v", "additive w_v, h numbers (empty: from the seed)",
                      &S::scoring_w_v, kMaxScoringHidden),
      vectors_setting("scoring.w", "general W, d_q rows of d_k numbers (empty: from the seed)",
                      &S::scoring_w, kParameters, false),
      integer_setting("scoring.query", "the query every scoring view follows (-1: none)",
                      &S::scoring_query, -1, kMaxScoringVectors - 1),
      integer_setting("scoring.key", "the key every scoring view outlines (-1: none)",
                      &S::scoring_key, -1, kMaxScoringVectors - 1),
  };
}

}  // namespace al
