// Generated data: the target functions, determinism for a seed (pinned against an independent
// Python implementation of mt19937_64 and our samplers), the query grid and sorting.
#include "engine/kernel_regression/dataset.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

namespace al {
namespace {

TEST(Dataset, TargetFunctions) {
  EXPECT_DOUBLE_EQ(evaluate(TargetFunction::D2lV2, 0.0), 0.0);
  EXPECT_DOUBLE_EQ(evaluate(TargetFunction::D2lV2, 1.0), 2.682941969615793);   // 2 sin 1 + 1
  EXPECT_DOUBLE_EQ(evaluate(TargetFunction::D2lV2, 2.0), 3.5596959802436117);  // 2 sin 2 + 2^0.8
  EXPECT_TRUE(std::isnan(evaluate(TargetFunction::D2lV2, -0.5)));              // x^0.8, x < 0
  EXPECT_DOUBLE_EQ(evaluate(TargetFunction::D2lV1, 2.0), 3.8185948536513634);  // 2 sin 2 + 2
  EXPECT_DOUBLE_EQ(evaluate(TargetFunction::D2lV1, -1.0), -2.682941969615793);
  EXPECT_DOUBLE_EQ(evaluate(TargetFunction::Sin, 0.5), std::sin(0.5));
  EXPECT_EQ(evaluate(TargetFunction::Step, 2.4999), 0.0);
  EXPECT_EQ(evaluate(TargetFunction::Step, 2.5), 2.0);
  EXPECT_EQ(evaluate(TargetFunction::Abs, 1.0), 1.5);
  EXPECT_EQ(evaluate(TargetFunction::Abs, 4.0), 1.5);
}

TEST(Dataset, SeedOneIsPinned) {
  // From the Python reference: x = sorted(5 u_i) for 50 uniforms, then
  // y_i = 2 sin x_i + x_i^0.8 + 0.5 z_i with 50 Box–Muller normals.
  const Dataset d = generate_dataset(Settings{});
  ASSERT_EQ(d.x.size(), 50u);
  EXPECT_DOUBLE_EQ(d.x[0], 0.09760651179908542);
  EXPECT_DOUBLE_EQ(d.x[1], 0.1051211420836351);
  EXPECT_DOUBLE_EQ(d.x[2], 0.19219075339081404);
  EXPECT_DOUBLE_EQ(d.x[49], 4.9946015325043405);
  EXPECT_DOUBLE_EQ(d.y[0], -0.5402047507531562);
  EXPECT_DOUBLE_EQ(d.y[1], 0.40665010272758373);
  EXPECT_DOUBLE_EQ(d.y[2], 0.5654528150239766);
  EXPECT_EQ(d.source, "generated");
}

TEST(Dataset, SameSeedSameDataOtherSeedOtherData) {
  Settings s;
  s.data_seed = 42;
  const Dataset a = generate_dataset(s), b = generate_dataset(s);
  EXPECT_EQ(a.x, b.x);
  EXPECT_EQ(a.y, b.y);
  s.data_seed = 43;
  const Dataset c = generate_dataset(s);
  EXPECT_NE(a.x, c.x);
  EXPECT_NE(a.y, c.y);
}

TEST(Dataset, PointsAreSortedAndInRange) {
  Settings s;
  s.data_n_train = 1000;
  s.data_x_min = -3.0;
  s.data_x_max = 7.0;
  s.data_function = TargetFunction::Sin;
  const Dataset d = generate_dataset(s);
  ASSERT_EQ(d.x.size(), 1000u);
  EXPECT_TRUE(std::is_sorted(d.x.begin(), d.x.end()));
  EXPECT_GE(d.x.front(), -3.0);
  EXPECT_LT(d.x.back(), 7.0);
  EXPECT_LT(d.x.front(), -2.9);  // 1000 uniform draws reach both ends
  EXPECT_GT(d.x.back(), 6.9);
}

TEST(Dataset, NoiseFreeDataLieOnTheFunction) {
  Settings s;
  s.data_noise = 0.0;
  s.data_function = TargetFunction::Abs;
  const Dataset d = generate_dataset(s);
  for (std::size_t i = 0; i < d.x.size(); ++i) EXPECT_EQ(d.y[i], std::abs(d.x[i] - 2.5));
  for (std::size_t k = 0; k < d.queries.size(); ++k)
    EXPECT_EQ(d.truth[k], std::abs(d.queries[k] - 2.5));
}

TEST(Dataset, PresetV1HasFortyPoints) {
  Settings s;
  ASSERT_FALSE(apply_setting(s, "data.preset", "d2l-v1"));
  const Dataset d = generate_dataset(s);
  EXPECT_EQ(d.x.size(), 40u);
  EXPECT_EQ(d.queries.size(), 50u);
}

TEST(QueryGrid, FollowsNumpyArange) {
  const auto q = query_grid(0.0, 5.0, 0.1);  // the book's x_test: n_test = 50
  ASSERT_EQ(q.size(), 50u);
  EXPECT_EQ(q.front(), 0.0);
  EXPECT_DOUBLE_EQ(q.back(), 4.9);
  EXPECT_DOUBLE_EQ(q[37], 3.7);
  EXPECT_EQ(query_grid(0.0, 1.0, 0.3).size(), 4u);   // 0, 0.3, 0.6, 0.9
  EXPECT_EQ(query_grid(-1.0, 1.0, 0.5).size(), 4u);  // -1, -0.5, 0, 0.5
  EXPECT_EQ(query_grid(0.0, 0.05, 0.1).size(), 1u);
}

TEST(QueryGrid, IgnoresDriftInTheDivision) {
  // (1.3 - 1) / 0.1 = 3.0000000000000004 in double: still 3 points, and none reaches 1.3.
  const auto q = query_grid(1.0, 1.3, 0.1);
  ASSERT_EQ(q.size(), 3u);
  EXPECT_LT(q.back(), 1.3);
}

TEST(QueryGrid, EmptyOrCapped) {
  EXPECT_TRUE(query_grid(1.0, 1.0, 0.1).empty());
  EXPECT_TRUE(query_grid(2.0, 1.0, 0.1).empty());
  EXPECT_TRUE(query_grid(0.0, 1.0, 0.0).empty());
  EXPECT_TRUE(query_grid(0.0, 1.0, -0.1).empty());
  EXPECT_EQ(query_grid(0.0, 1000.0, 1e-4).size(), static_cast<std::size_t>(kMaxQueries));
}

TEST(SortPoints, KeepsPairsTogetherAndTiesInOrder) {
  std::vector<double> x{3, 1, 3, 2}, y{30, 10, 31, 20};
  sort_points(x, y);
  EXPECT_EQ(x, (std::vector<double>{1, 2, 3, 3}));
  EXPECT_EQ(y, (std::vector<double>{10, 20, 30, 31}));
}

}  // namespace
}  // namespace al
