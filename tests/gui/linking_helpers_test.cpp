// The small helpers behind linking: nearest query, top keys.
#include <gtest/gtest.h>

#include "app/gui/linking.hpp"

namespace al::gui {
namespace {

TEST(NearestIndex, PicksTheClosestSortedValue) {
  const std::vector<double> q = {0.0, 0.1, 0.2, 0.5};
  EXPECT_EQ(nearest_index(q, -3), 0);
  EXPECT_EQ(nearest_index(q, 0.04), 0);
  EXPECT_EQ(nearest_index(q, 0.06), 1);
  EXPECT_EQ(nearest_index(q, 0.36), 3);
  EXPECT_EQ(nearest_index(q, 0.34), 2);
  EXPECT_EQ(nearest_index(q, 9), 3);
  EXPECT_EQ(nearest_index({}, 1), -1);
}

TEST(TopEntries, LargestFirstTiesByIndex) {
  WeightMatrix m(2, 5);
  m << 0.1, 0.4, 0.1, 0.3, 0.1,  //
      0.2, 0.2, 0.2, 0.2, 0.2;
  EXPECT_EQ(top_entries(m, 0, 3), (std::vector<int>{1, 3, 0}));
  EXPECT_EQ(top_entries(m, 1, 2), (std::vector<int>{0, 1}));
  EXPECT_EQ(top_entries(m, 0, 9).size(), 5u);
  EXPECT_TRUE(top_entries(m, 2, 3).empty());
}

TEST(TopEntries, LeavesOutKeysWithNoWeight) {
  WeightMatrix m(2, 4);
  m << 0.0, 1.0, 0.0, 0.0,  // a compact kernel with one key in reach
      0.0, 0.0, 0.0, 0.0;   // no key in reach
  EXPECT_EQ(top_entries(m, 0, 3), (std::vector<int>{1}));
  EXPECT_TRUE(top_entries(m, 1, 3).empty());
}

}  // namespace
}  // namespace al::gui
