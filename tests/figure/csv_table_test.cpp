// table_to_csv: header, empty cells for missing values, numbers that read back exactly.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
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

}  // namespace
}  // namespace al::fig
