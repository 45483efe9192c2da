// The restaurant lab's numerics: scores, weights, ranking and the expected restaurant by hand,
// temperature, and refusals naming the key.
#include "engine/mechanisms/restaurant.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "engine/settings.hpp"

namespace al::restaurant {
namespace {

Settings two_restaurants() {
  Settings s;
  EXPECT_FALSE(apply_setting(s, "restaurant.names", "A;B"));
  EXPECT_FALSE(apply_setting(s, "restaurant.features", "italian,cheap"));
  EXPECT_FALSE(apply_setting(s, "restaurant.keys", "1,0;0,1"));
  EXPECT_FALSE(apply_setting(s, "restaurant.query", "1,0.5"));
  EXPECT_FALSE(apply_setting(s, "restaurant.temperature", "1"));
  return s;
}

TEST(Restaurant, ScoresWeightsRankingAndExpectedByHand) {
  Settings s = two_restaurants();
  Ranking r = rank(s).value();
  // q·k: 1 and 0.5; weights softmax(1, 0.5) = (e^0.5, 1) / (e^0.5 + 1).
  EXPECT_DOUBLE_EQ(r.scores[0], 1.0);
  EXPECT_DOUBLE_EQ(r.scores[1], 0.5);
  const double e = std::exp(0.5);
  EXPECT_NEAR(r.weights[0], e / (e + 1), 1e-15);
  EXPECT_EQ(r.order, (std::vector<int>{0, 1}));
  // Expected restaurant: w_A (1, 0) + w_B (0, 1).
  EXPECT_NEAR(r.expected[0], e / (e + 1), 1e-15);
  EXPECT_NEAR(r.expected[1], 1 / (e + 1), 1e-15);
  // Scaled: divided by √2; a cold temperature makes the best restaurant take almost all.
  ASSERT_FALSE(apply_setting(s, "restaurant.function", "scaled-dot"));
  EXPECT_NEAR(rank(s).value().scores[1], 0.5 / std::sqrt(2.0), 1e-15);
  ASSERT_FALSE(apply_setting(s, "restaurant.temperature", "0.01"));
  EXPECT_GT(rank(s).value().weights[0], 0.999);
  ASSERT_FALSE(apply_setting(s, "restaurant.query", "0,1"));
  EXPECT_EQ(rank(s).value().order, (std::vector<int>{1, 0}));
}

TEST(Restaurant, DefaultsRankAndMismatchesNameTheKey) {
  Settings s;
  const Ranking r = rank(s).value();
  EXPECT_EQ(r.order.size(), 5u);
  EXPECT_NEAR(r.weights.sum(), 1.0, 1e-15);
  ASSERT_FALSE(apply_setting(s, "restaurant.names", "A;B"));
  EXPECT_EQ(rank(s).error(), "restaurant.names: 2 names for 5 rows of restaurant.keys");
  Settings t;
  ASSERT_FALSE(apply_setting(t, "restaurant.query", "1,1,1"));
  EXPECT_EQ(rank(t).error(), "restaurant.query: 3 numbers for 4 features");
  EXPECT_EQ(*apply_setting(t, "restaurant.function", "additive"),
            "restaurant.function: 'additive' is not one of dot|scaled-dot");
  EXPECT_TRUE(apply_setting(t, "restaurant.keys", "2,0,0,0").has_value());
  EXPECT_TRUE(apply_setting(t, "restaurant.names", "A;;B").has_value());
}

TEST(Restaurant, PresetsSetTheSceneAndNamesAreChecked) {
  Settings s;
  ASSERT_FALSE(apply_setting(s, "restaurant.preset", "scaled"));
  EXPECT_EQ(s.restaurant_keys.dim, 8);
  EXPECT_EQ(s.restaurant_function, ScoringFunction::ScaledDot);
  // Da Luigi: q·k = .9 + .24 + .24 + .1 + .24 + .06 + .02 + .7 = 2.5, over √8.
  EXPECT_NEAR(rank(s).value().scores[0], 2.5 / std::sqrt(8.0), 1e-12);
  ASSERT_FALSE(apply_setting(s, "restaurant.preset", "dot"));
  EXPECT_EQ(static_cast<const RestaurantSettings&>(s), RestaurantSettings{});
  EXPECT_EQ(*apply_setting(s, "restaurant.preset", "book"),
            "restaurant.preset: 'book' is not one of dot|scaled");
  std::string name;
  EXPECT_FALSE(parse_name("  Da Luigi ", ';', name));
  EXPECT_EQ(name, "Da Luigi");
  EXPECT_EQ(*parse_name("A;B", ';', name), "holds ';', which separates the names");
  EXPECT_EQ(*parse_name(" ", ',', name), "is empty");
  EXPECT_EQ(*apply_setting(s, "restaurant.names", "A;;B"), "restaurant.names: name 2 is empty");
}

}  // namespace
}  // namespace al::restaurant
