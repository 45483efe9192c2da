// The scoring lab's numerics: each scoring function by hand, temperature, masking (exact zeros,
// the book's uniform weights at valid length 0), the old edition's toy outputs (spec §4, §10.1),
// and the settings that describe a problem.
#include "engine/mechanisms/scoring.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "engine/settings.hpp"
#include "engine/transformer/additive_attention.hpp"

namespace al::scoring {
namespace {

Settings with(std::initializer_list<std::pair<std::string, std::string>> kv) {
  Settings s;
  for (const auto& [k, v] : kv) EXPECT_FALSE(apply_setting(s, k, v)) << k;
  return s;
}

Problem problem(std::initializer_list<std::pair<std::string, std::string>> kv) {
  auto p = problem_of(with(kv));
  EXPECT_TRUE(p) << (p ? "" : p.error());
  return std::move(p).value();
}

TEST(Scoring, DotAndScaledDotByHand) {
  // q = (1, 2), k0 = (3, 0), k1 = (0, 1): q·k = 3 and 2; scaled by 1/√2.
  const auto kv = {std::pair<std::string, std::string>{"scoring.queries", "1,2"},
                   {"scoring.keys", "3,0;0,1"},
                   {"scoring.values", "10,20"}};
  Settings s = with(kv);
  s.scoring_function = ScoringFunction::Dot;
  Result r = score(problem_of(s).value());
  EXPECT_DOUBLE_EQ(r.scores(0, 0), 3.0);
  EXPECT_DOUBLE_EQ(r.scores(0, 1), 2.0);
  const double e = std::exp(1.0);  // softmax(3, 2) = (e, 1) / (e + 1)
  EXPECT_NEAR(r.weights(0, 0), e / (e + 1), 1e-15);
  EXPECT_NEAR(r.outputs[0], (10 * e + 20) / (e + 1), 1e-13);

  s.scoring_function = ScoringFunction::ScaledDot;
  r = score(problem_of(s).value());
  EXPECT_NEAR(r.scores(0, 0), 3.0 / std::sqrt(2.0), 1e-15);
  EXPECT_NEAR(r.scale, 1.0 / std::sqrt(2.0), 1e-15);
  const double f = std::exp(1.0 / std::sqrt(2.0));
  EXPECT_NEAR(r.weights(0, 0), f / (f + 1), 1e-15);
}

TEST(Scoring, GeneralAndAdditiveByHand) {
  // General: q = (1, 2), W = [[1, 2], [0, 1]], k = (1, 1): qᵀ W k = (1, 4)·(1, 1) = 5.
  Result r = score(problem({{"scoring.function", "general"},
                            {"scoring.queries", "1,2"},
                            {"scoring.keys", "1,1;0,0"},
                            {"scoring.w", "1,2;0,1"}}));
  EXPECT_DOUBLE_EQ(r.scores(0, 0), 5.0);
  EXPECT_DOUBLE_EQ(r.scores(0, 1), 0.0);
  // Additive, h = 1: W_q = (1, 0), W_k = (0, 1), w_v = 2: 2 tanh(q_0 + k_1).
  r = score(problem({{"scoring.function", "additive"},
                     {"scoring.hidden", "1"},
                     {"scoring.queries", "0.5,9"},
                     {"scoring.keys", "7,0.25"},
                     {"scoring.w_q", "1,0"},
                     {"scoring.w_k", "0,1"},
                     {"scoring.w_v", "2"}}));
  EXPECT_NEAR(r.scores(0, 0), 2.0 * std::tanh(0.75), 1e-15);
  EXPECT_DOUBLE_EQ(r.weights(0, 0), 1.0);
}

TEST(Scoring, TemperatureSharpensAndFlattens) {
  const auto at = [](const char* t) {
    return score(problem({{"scoring.function", "dot"},
                          {"scoring.queries", "1,0"},
                          {"scoring.keys", "1,0;0,0"},
                          {"scoring.temperature", t}}))
        .weights(0, 0);
  };
  // softmax(1/T, 0)_0 = 1 / (1 + e^(−1/T)).
  EXPECT_NEAR(at("0.5"), 1.0 / (1.0 + std::exp(-2.0)), 1e-15);
  EXPECT_NEAR(at("2"), 1.0 / (1.0 + std::exp(-0.5)), 1e-15);
  EXPECT_GT(at("0.5"), at("1"));
  EXPECT_LT(at("2"), at("1"));
}

TEST(Scoring, MaskedWeightsAreExactlyZeroAndLengthZeroIsUniform) {
  Problem p = problem({{"scoring.queries", "1,0;0,1"},
                       {"scoring.keys", "1,0;0,1;2,2;-1,3"},
                       {"scoring.valid_len", "2"}});
  Result r = score(p);
  for (int i = 0; i < 2; ++i) {
    EXPECT_EQ(r.weights(i, 2), 0.0);
    EXPECT_EQ(r.weights(i, 3), 0.0);
    EXPECT_EQ(r.logits(i, 3), -1e6);
    EXPECT_NEAR(r.weights(i, 0) + r.weights(i, 1), 1.0, 1e-15);
  }
  // The score column keeps the unmasked score.
  EXPECT_DOUBLE_EQ(r.scores(0, 2), 2.0 / std::sqrt(2.0));
  // Valid length 0: every logit is −1e6, so the softmax is uniform (the book's edge case).
  p.valid_len = 0;
  r = score(p);
  for (int j = 0; j < 4; ++j) EXPECT_DOUBLE_EQ(r.weights(1, j), 0.25);
  EXPECT_DOUBLE_EQ(r.outputs[1], 2.5);  // the mean of the values 1, 2, 3, 4
}

TEST(Scoring, BookToyGivesTheBooksOutputs) {
  // Spec §4 / §10.1: equal keys, values arange(40).reshape(10, 4) (first column here): the
  // outputs are 2 for valid length 2 and 10 for 6, with weights 1/2 and 1/6, for every scoring
  // function and any query.
  for (const char* function : {"dot", "scaled-dot", "additive", "general"}) {
    Problem p = problem({{"scoring.preset", "book"}, {"scoring.function", function}});
    Result r = score(p);
    for (int i = 0; i < 2; ++i) {
      EXPECT_NEAR(r.outputs[i], 2.0, 1e-12) << function;
      EXPECT_NEAR(r.weights(i, 1), 0.5, 1e-15) << function;
      EXPECT_EQ(r.weights(i, 2), 0.0) << function;
    }
    p.valid_len = 6;
    r = score(p);
    EXPECT_NEAR(r.outputs[0], 10.0, 1e-12) << function;
    EXPECT_NEAR(r.weights(1, 5), 1.0 / 6.0, 1e-15) << function;
    EXPECT_EQ(r.weights(1, 6), 0.0) << function;
  }
}

TEST(Scoring, RandomParametersAreTheAdditiveLayersOwn) {
  // The seed's W_q, W_k, w_v are exactly what the Transformer engine's additive layer draws.
  const Parameters p = random_parameters(2, 3, 8, 5);
  Rng rng(5);
  tf::AdditiveAttention<double> a;
  a.init(2, 3, 8, rng);
  EXPECT_EQ(p.W_q, a.W_q.weight.value);
  EXPECT_EQ(p.W_k, a.W_k.weight.value);
  EXPECT_EQ(p.W.rows(), 2);
  EXPECT_EQ(p.W.cols(), 3);
  EXPECT_NE(random_parameters(2, 3, 8, 6).W_q, p.W_q);
}

TEST(Scoring, ProblemsTheSettingsCannotDescribeNameTheKey) {
  const auto error = [](std::initializer_list<std::pair<std::string, std::string>> kv) {
    auto p = problem_of(with(kv));
    return p ? std::string() : p.error();
  };
  EXPECT_EQ(error({{"scoring.keys", "1,0;0,1"}, {"scoring.values", "1,2,3"}}),
            "scoring.values: 3 values for 2 keys (one per key, or empty for 1, 2, 3, ...)");
  EXPECT_TRUE(error({{"scoring.keys", "1,0,0"}}).starts_with("scoring.keys: keys of 3 numbers"));
  EXPECT_TRUE(error({{"scoring.keys", "1,0,0"}, {"scoring.function", "additive"}}).empty());
  EXPECT_TRUE(error({{"scoring.function", "additive"}, {"scoring.w_q", "1,0"}})
                  .starts_with("scoring.w_q: 1 x 2, the queries and keys need 8 x 2"));
  EXPECT_TRUE(
      error({{"scoring.function", "general"}, {"scoring.w", "1"}}).starts_with("scoring.w: 1 x 1"));
  // Values default to 1, 2, …
  EXPECT_EQ(problem({}).values, Eigen::Vector4d(1, 2, 3, 4));
}

TEST(Scoring, TypedVectorsAreCheckedAndReadBack) {
  Settings s;
  EXPECT_EQ(*apply_setting(s, "scoring.queries", "1,2;3"),
            "scoring.queries: row 2 has 1 number, row 1 has 2 (rows are separated by ';', "
            "numbers by ',')");
  EXPECT_EQ(*apply_setting(s, "scoring.keys", "1,x"),
            "scoring.keys: row 1: 'x' is not a finite number");
  EXPECT_EQ(*apply_setting(s, "scoring.keys", ""), "scoring.keys: needs at least one row");
  EXPECT_TRUE(apply_setting(s, "scoring.keys",
                            "1,2,3;4,5,6;7,8,9;1,1,1;2,2,2;3,3,3;4,4,4;5,5,5;"
                            "1,2,3;4,5,6;7,8,9;1,1,1;2,2,2;3,3,3;4,4,4;5,5,5;"
                            "1,2,3;4,5,6;7,8,9;1,1,1;2,2,2;3,3,3;4,4,4;5,5,5;"
                            "1,2,3;4,5,6;7,8,9;1,1,1;2,2,2;3,3,3;4,4,4;5,5,5;1,1")
                  .has_value());  // 33 rows
  EXPECT_FALSE(apply_setting(s, "scoring.keys", " 1, 0.5 ;-2,1e-3"));
  EXPECT_EQ(find_setting("scoring.keys")->get(s), "1,0.5;-2,0.001");
  EXPECT_FALSE(apply_setting(s, "scoring.values", "4, 5"));
  EXPECT_EQ(find_setting("scoring.values")->get(s), "4,5");
}

}  // namespace
}  // namespace al::scoring
