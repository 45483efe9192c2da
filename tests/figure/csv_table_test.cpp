// table_to_csv: header, empty cells for missing values, numbers that read back exactly (as
// doubles, or as floats in a float column).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <limits>
#include <sstream>

#include "app/figure/export.hpp"

namespace al::fig {
namespace {

TEST(TableToCsv, HeaderRowsAndEmptyCells) {
  Table t;
  t.columns = {"x", "truth", "weight"};
  t.rows = {{0.0, 1.5, std::nullopt}, {0.1, std::nan(""), -2.0}, {1e-300, INFINITY, 3.0}};
  EXPECT_EQ(table_to_csv(t), "x,truth,weight\n0,1.5,\n0.1,,-2\n1e-300,,3\n");
}

TEST(TableToCsv, ShortestTextThatReadsBackExactly) {
  const std::vector<double> values = {
      1.0 / 3.0,   0.1 + 0.2, 2 * std::sin(1.0) + std::pow(1.0, 0.8),
      -123456.789, 5e-324,    1.7976931348623157e308};
  Table t;
  t.columns = {"v"};
  for (double v : values) t.rows.push_back({v});
  std::istringstream csv(table_to_csv(t));
  std::string line;
  std::getline(csv, line);
  EXPECT_EQ(line, "v");
  for (double v : values) {
    std::getline(csv, line);
    EXPECT_EQ(std::strtod(line.c_str(), nullptr), v) << line;
  }
  // Shortest: 0.1 + 0.2 needs 17 digits, 0.1 needs one.
  Table short_table;
  short_table.columns = {"a", "b"};
  short_table.rows = {{0.1, 0.1 + 0.2}};
  EXPECT_EQ(table_to_csv(short_table), "a,b\n0.1,0.30000000000000004\n");
}

TEST(TableToCsv, FloatColumnsAreTheShortestTextOfTheFloat) {
  Table t;
  t.columns = {"double", "float"};
  t.float_columns = {false, true};
  const double tenth = 0.1f, third = 1.0f / 3.0f;  // floats widened to double
  t.rows = {{tenth, tenth},
            {third, third},
            // Not floats: a double in a float column keeps every digit.
            {1.0 / 3.0, 1.0 / 3.0},
            {1e300, 1e300},
            {std::nullopt, 0.5}};
  EXPECT_EQ(table_to_csv(t),
            "double,float\n"
            "0.10000000149011612,0.1\n"
            "0.3333333432674408,0.33333334\n"
            "0.3333333333333333,0.3333333333333333\n"
            "1e+300,1e+300\n"
            ",0.5\n");

  // Every text reads back (strtof) as the float it was written from.
  Table weights;
  weights.columns = {"weight"};
  weights.float_columns = {true};
  std::vector<float> values;
  for (float v = 1e-30f; v < 1.0f; v *= 1.37f) values.push_back(v);
  values.push_back(std::numeric_limits<float>::denorm_min());
  values.push_back(std::numeric_limits<float>::max());
  for (float v : values) weights.rows.push_back({v});
  std::istringstream csv(table_to_csv(weights));
  std::string line;
  std::getline(csv, line);
  for (float v : values) {
    std::getline(csv, line);
    EXPECT_EQ(std::strtof(line.c_str(), nullptr), v) << line;
    EXPECT_LE(line.size(), 15u) << line;  // at most 9 significant digits, sign and exponent
  }
}

}  // namespace
}  // namespace al::fig
