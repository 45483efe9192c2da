// nice_ticks (Heckbert's nice numbers), tick labels and fractional cell indices, against
// hand-worked cases.
#include <gtest/gtest.h>

#include <cmath>

#include "app/figure/layout.hpp"

namespace al::fig {
namespace {

void expect_ticks(const std::vector<double>& got, const std::vector<double>& want) {
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t i = 0; i < want.size(); ++i) EXPECT_DOUBLE_EQ(got[i], want[i]) << "tick " << i;
}

TEST(NiceTicks, ZeroToFiveInUnits) {
  // step = nice_round(5 / 5 = 1) = 1.
  expect_ticks(nice_ticks(0, 5, 6), {0, 1, 2, 3, 4, 5});
}

TEST(NiceTicks, ZeroToOneInFifths) {
  // step = nice_round(1 / 4 = 0.25) = 0.2 (mantissa 2.5 < 3 rounds to 2).
  expect_ticks(nice_ticks(0, 1, 5), {0, 0.2, 0.4, 0.6, 0.8, 1.0});
}

TEST(NiceTicks, TicksAreExactDecimals) {
  // 3 * 0.1 would be 0.30000000000000004; the tick must be the double nearest 0.3.
  const auto t = nice_ticks(0, 1, 11);
  ASSERT_EQ(t.size(), 11u);
  EXPECT_EQ(t[3], 0.3);
  EXPECT_EQ(t[7], 0.7);
}

TEST(NiceTicks, NegativeRangeAndExactZero) {
  // step = nice_round(6 / 4 = 1.5) = 2 (1.5 is not below the threshold 1.5).
  const auto t = nice_ticks(-3, 3, 5);
  expect_ticks(t, {-2, 0, 2});
  EXPECT_FALSE(std::signbit(t[1]));  // +0, not -0
  // step = nice_round(6 / 6 = 1) = 1.
  expect_ticks(nice_ticks(-1, 5, 7), {-1, 0, 1, 2, 3, 4, 5});
  // step = nice_round(6 / 3 = 2) = 2: -2 and 6 lie outside.
  expect_ticks(nice_ticks(-1, 5, 4), {0, 2, 4});
}

TEST(NiceTicks, OnlyInsideTheLimits) {
  // step = nice_round(1.4 / 4 = 0.35) = 0.5; 0.5 and 2.5 lie outside [0.6, 2].
  expect_ticks(nice_ticks(0.6, 2.0, 5), {1.0, 1.5, 2.0});
}

TEST(NiceTicks, TinySpans) {
  expect_ticks(nice_ticks(1e-9, 3e-9, 5), {1e-9, 1.5e-9, 2e-9, 2.5e-9, 3e-9});
  // A span near the doubles' resolution still gives ordered ticks inside the limits.
  const auto t = nice_ticks(1.0, 1.0 + 1e-12, 5);
  ASSERT_GE(t.size(), 2u);
  for (std::size_t i = 1; i < t.size(); ++i) EXPECT_GT(t[i], t[i - 1]);
  EXPECT_GE(t.front(), 1.0);
  EXPECT_LE(t.back(), 1.0 + 1e-12);
}

TEST(NiceTicks, DegenerateInputs) {
  expect_ticks(nice_ticks(2, 2, 5), {2});
  expect_ticks(nice_ticks(5, 0, 6), {0, 1, 2, 3, 4, 5});  // reversed limits
  EXPECT_TRUE(nice_ticks(0, std::nan(""), 5).empty());
  EXPECT_TRUE(nice_ticks(-INFINITY, 1, 5).empty());
}

TEST(TickLabel, DecimalsFollowTheStep) {
  EXPECT_EQ(tick_label(0.4, 0.2), "0.4");
  EXPECT_EQ(tick_label(3, 1), "3");
  EXPECT_EQ(tick_label(2.5, 0.5), "2.5");
  EXPECT_EQ(tick_label(0.05, 0.05), "0.05");
  EXPECT_EQ(tick_label(20, 10), "20");
  EXPECT_EQ(tick_label(-0.0, 1), "0");
  EXPECT_EQ(tick_label(1.5e-9, 5e-10), "1.5e-09");
}

TEST(FractionalIndex, InterpolatesBetweenNeighbouringCentres) {
  const std::vector<double> coords = {0.5, 1, 2, 4};
  EXPECT_DOUBLE_EQ(*fractional_index(coords, 0.5), 0.0);
  EXPECT_DOUBLE_EQ(*fractional_index(coords, 0.75), 0.5);  // halfway from 0.5 to 1
  EXPECT_DOUBLE_EQ(*fractional_index(coords, 2), 2.0);
  EXPECT_DOUBLE_EQ(*fractional_index(coords, 2.5), 2.25);  // 0.5 of the 2 from 2 to 4
  EXPECT_DOUBLE_EQ(*fractional_index(coords, 4), 3.0);
}

TEST(FractionalIndex, OutsideTheRangeOrNotANumberIsEmpty) {
  const std::vector<double> coords = {0.5, 1, 2, 4};
  EXPECT_FALSE(fractional_index(coords, 0.49));
  EXPECT_FALSE(fractional_index(coords, 4.01));
  EXPECT_FALSE(fractional_index(coords, std::nan("")));
  EXPECT_FALSE(fractional_index({}, 1));
  EXPECT_DOUBLE_EQ(*fractional_index({7}, 7), 0.0);
}

TEST(FractionalIndex, RepeatedCoordinatesDoNotDivideByZero) {
  // 1 sits at indices 1 and 2; 1.5 lies halfway from the last 1 (index 2) to 2 (index 3).
  const std::vector<double> coords = {0, 1, 1, 2};
  EXPECT_DOUBLE_EQ(*fractional_index(coords, 1.5), 2.5);
  EXPECT_DOUBLE_EQ(*fractional_index(coords, 0.5), 0.5);
}

}  // namespace
}  // namespace al::fig
