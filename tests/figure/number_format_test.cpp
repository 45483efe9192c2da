// The project's number formatter: shortest round-trip text, significant digits for labels and
// messages, and counts with their nouns.
#include <gtest/gtest.h>

#include <charconv>
#include <limits>

#include "app/figure/number_format.hpp"

namespace al::fig {
namespace {

TEST(NumberFormat, ShortestReadsBackExactly) {
  EXPECT_EQ(shortest_number(0.1), "0.1");
  EXPECT_EQ(shortest_number(20), "20");
  EXPECT_EQ(shortest_number(1e-6), "1e-06");
  EXPECT_EQ(shortest_number(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(shortest_number(static_cast<double>(0.001f)), "0.0010000000474974513");
  EXPECT_EQ(shortest_float(0.001f), "0.001");
  for (const double v : {1.0 / 3, 2.0 / 3 * 1e-300, 123456789.125, -0.0}) {
    const std::string s = shortest_number(v);
    double back = 1;
    std::from_chars(s.data(), s.data() + s.size(), back);
    EXPECT_EQ(back, v) << s;
  }
}

TEST(NumberFormat, SignificantDigitsAsPrintfG) {
  EXPECT_EQ(significant(12.3456, 3), "12.3");
  EXPECT_EQ(significant(0.5, 6), "0.5");
  EXPECT_EQ(significant(0.0001, 6), "0.0001");
  EXPECT_EQ(significant(0.00001234, 6), "1.234e-05");
  EXPECT_EQ(significant(1234567, 4), "1.235e+06");
  EXPECT_EQ(significant(1e6, 6), "1e+06");
  EXPECT_EQ(significant(-0.0123456789, 6), "-0.0123457");
  EXPECT_EQ(significant(9.9996, 4), "10");
  EXPECT_EQ(significant(std::numeric_limits<double>::infinity(), 4), "inf");
  EXPECT_EQ(short_number(-0.0123456789), "-0.0123457");
}

TEST(NumberFormat, LabelsShowAFloatSliderValueAsSet) {
  // A float slider's value widened to double reads as the user set it.
  EXPECT_EQ(label_number(static_cast<double>(0.001f)), "0.001");
  EXPECT_EQ(label_number(static_cast<double>(39.8f)), "39.8");
  EXPECT_EQ(label_number(static_cast<double>(1000.0f)), "1000");
  EXPECT_EQ(label_number(1.0 / static_cast<double>(39.8f)), "0.02513");
  EXPECT_EQ(label_number(9.146271), "9.146");
  EXPECT_EQ(label_number(1), "1");
}

TEST(NumberFormat, CountsPluralise) {
  EXPECT_EQ(count(1, "point"), "1 point");
  EXPECT_EQ(count(0, "point"), "0 points");
  EXPECT_EQ(count(50, "point"), "50 points");
  EXPECT_EQ(count(1, "query", "queries"), "1 query");
  EXPECT_EQ(count(2, "query", "queries"), "2 queries");
}

}  // namespace
}  // namespace al::fig
