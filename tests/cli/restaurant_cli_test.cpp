// The restaurant figures on the command line, through the real binary: the ranking and the
// features CSVs the README documents, with numbers worked out by hand, and bad input as one line
// naming the key, exit status 2 and no file.
#include <gtest/gtest.h>

#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include "run_binary.hpp"

namespace al::test {
namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// With the query (1, 0, 0, 0) every score is the restaurant's "italian" feature: the default
// restaurants have 1, 0.1, 0, 0.2 and 0.4, so at T = 1 Da Luigi's weight is e / (e + e^0.1 + 1 +
// e^0.2 + e^0.4).
TEST(RestaurantFigureCommand, RankingIsTheDotProductsSoftmax) {
  TempDir dir;
  const Outcome r = run(dir, {"figure", "restaurant", "--set", "restaurant.query=1,0,0,0", "--set",
                              "restaurant.temperature=1", "--out", "r.csv"});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto lines = lines_of(read_file(dir.file("r.csv")));
  ASSERT_EQ(lines.size(), 6u);
  EXPECT_EQ(lines[0], "rank,restaurant,name,score,weight");
  EXPECT_EQ(lines[1].rfind("1,0,Da Luigi,1,", 0), 0u) << lines[1];
  const double sum = std::exp(1.0) + std::exp(0.1) + 1 + std::exp(0.2) + std::exp(0.4);
  EXPECT_NEAR(std::stod(lines[1].substr(lines[1].rfind(',') + 1)), std::exp(1.0) / sum, 1e-15);
  EXPECT_EQ(lines[2].rfind("2,4,Corner Café,0.4,", 0), 0u) << lines[2];
  EXPECT_EQ(lines[5].rfind("5,2,Taj Mahal,0,", 0), 0u) << lines[5];
}

TEST(RestaurantFigureCommand, FeaturesEndWithTheExpectedRestaurantAndTheQuery) {
  TempDir dir;
  ASSERT_EQ(run(dir, {"figure", "restaurant-features", "--out", "f.csv"}).code, 0);
  const auto lines = lines_of(read_file(dir.file("f.csv")));
  ASSERT_EQ(lines.size(), 8u);
  EXPECT_EQ(lines[0], "name,weight,italian,cheap,cosy,near");
  EXPECT_EQ(lines[6].rfind("expected,,", 0), 0u) << lines[6];
  EXPECT_EQ(lines[7], "query,,0.9,0.6,0.3,0.5");
}

TEST(RestaurantFigureCommand, BadInputNamesTheKey) {
  TempDir dir;
  expect_bad_input(
      run(dir, {"figure", "restaurant", "--set", "restaurant.names=a;b", "--out", "r.csv"}),
      "restaurant.names: 2 names for 5 rows of restaurant.keys", dir);
}

}  // namespace
}  // namespace al::test
