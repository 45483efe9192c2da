// `attention-lab figure NAME --a KEY=VALUE`: the window's A/B on the command line. A is the figure
// with the --a settings on top of the --sets, B the figure with the --sets alone; a heatmap's CSV
// is query,key,a,b,difference, each of a and b the weight the plain figure of that setting gives,
// difference b − a; the CSV of curves (drawn over A's) is B's own; different shapes and bad keys
// are one line, exit status 2.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "run_binary.hpp"

namespace al::test {
namespace {

TEST(ComparisonCli, HeatmapCsvHoldsBothFiguresWeightsAndTheirDifference) {
  TempDir dir;
  ASSERT_EQ(run(dir, {"figure", "attention", "--set", "kernel.w=0.1", "--out", "a.csv"}).code, 0);
  ASSERT_EQ(run(dir, {"figure", "attention", "--set", "kernel.w=1", "--out", "b.csv"}).code, 0);
  const Outcome r = run(dir, {"figure", "attention", "--set", "kernel.w=1", "--a", "kernel.w=0.1",
                              "--out", "ab.csv"});
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string csv = read_file(dir.file("ab.csv"));
  EXPECT_EQ(header(csv), "query,key,a,b,difference");
  const auto ab = rows_of(csv);
  const auto a = rows_of(read_file(dir.file("a.csv")));  // query,key,query_x,key_x,weight
  const auto b = rows_of(read_file(dir.file("b.csv")));
  ASSERT_EQ(ab.size(), 50u * 50u);
  ASSERT_EQ(a.size(), ab.size());
  ASSERT_EQ(b.size(), ab.size());
  double largest = 0;
  for (std::size_t i = 0; i < ab.size(); ++i) {
    ASSERT_EQ(ab[i].size(), 5u);
    EXPECT_EQ(ab[i][0], a[i][0]);
    EXPECT_EQ(ab[i][1], a[i][1]);
    EXPECT_EQ(ab[i][2], a[i][4]) << i;  // the same float, the same shortest text
    EXPECT_EQ(ab[i][3], b[i][4]) << i;
    const double difference = std::stod(ab[i][4]);
    // B − A is held in float, as the weights are: within a float's rounding of the difference.
    EXPECT_NEAR(difference, std::stod(b[i][4]) - std::stod(a[i][4]), 1e-8);
    largest = std::max(largest, std::abs(difference));
  }
  // A wide kernel (w = 0.1) is almost uniform, 1/50 a key; w = 1 concentrates near the query.
  EXPECT_NEAR(std::stod(a[0][4]), 0.02, 0.002);
  EXPECT_GT(largest, 0.05);
  // The image: A, B and B − A side by side, written like any figure.
  ASSERT_EQ(run(dir, {"figure", "attention", "--set", "kernel.w=1", "--a", "kernel.w=0.1", "--out",
                      "ab.png"})
                .code,
            0);
  EXPECT_GT(std::filesystem::file_size(dir.file("ab.png")), 1000u);
}

TEST(ComparisonCli, CurvesKeepBsTable) {
  TempDir dir;
  ASSERT_EQ(run(dir, {"figure", "regression", "--out", "b.csv"}).code, 0);
  ASSERT_EQ(run(dir, {"figure", "regression", "--a", "kernel.w=5", "--out", "ab.csv"}).code, 0);
  EXPECT_EQ(read_file(dir.file("ab.csv")), read_file(dir.file("b.csv")));
}

TEST(ComparisonCli, DifferentShapesAndBadKeysAreOneLine) {
  TempDir dir;
  expect_bad_input(
      run(dir, {"figure", "attention", "--a", "data.n_train=20", "--out", "x.png"}),
      "--a: A is 50 × 20 and B is 50 × 50: matrices of different shapes do not compare", dir);
  expect_bad_input(run(dir, {"figure", "attention", "--a", "kernel.w=0", "--out", "x.png"}),
                   "--a: kernel.w: '0' is out of range (0.001 to 1000)", dir);
  expect_bad_input(run(dir, {"figure", "attention", "--a", "kernel.w", "--out", "x.png"}),
                   "--a expects KEY=VALUE, got 'kernel.w'", dir);
}

}  // namespace
}  // namespace al::test
