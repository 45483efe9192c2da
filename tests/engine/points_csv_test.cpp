// The CSV reader of training points: the forms it accepts, and the one-line message for each
// way a file can be wrong.
#include "engine/kernel_regression/points_csv.hpp"

#include <gtest/gtest.h>

#include <string>

namespace al {
namespace {

const std::string kData = AL_TEST_DATA;

// 'path', as messages quote it (built by appending: GCC 12 gives a false -Wrestrict on
// "'" + path).
std::string quoted(const std::string& path) {
  return std::string(1, '\'').append(path).append(1, '\'');
}

std::string load_error(const std::string& file) {
  const auto p = load_points_csv(kData + "/" + file);
  return p ? "(loaded)" : p.error();
}
std::string parse_error(std::string_view text) {
  const auto p = parse_points_csv(text, "t.csv");
  return p ? "(parsed)" : p.error();
}

TEST(PointsCsv, ReadsAHeaderAndSortsByX) {
  // x,y / 0.5,1 / -2,3.25 / 1e-3, 4   (spaces around a field are allowed)
  const auto p = load_points_csv(kData + "/points_header.csv");
  ASSERT_TRUE(p) << p.error();
  EXPECT_EQ(p.value().x, (std::vector<double>{-2, 0.001, 0.5}));
  EXPECT_EQ(p.value().y, (std::vector<double>{3.25, 4, 1}));
}

TEST(PointsCsv, ReadsWithoutAHeader) {
  const auto p = load_points_csv(kData + "/points_no_header.csv");
  ASSERT_TRUE(p) << p.error();
  EXPECT_EQ(p.value().x, (std::vector<double>{1, 2, 3}));
  EXPECT_EQ(p.value().y, (std::vector<double>{10, 20, 30}));
}

TEST(PointsCsv, ReadsAByteOrderMarkCrlfAndTrailingBlankLines) {
  const auto p = load_points_csv(kData + "/points_bom_crlf.csv");
  ASSERT_TRUE(p) << p.error();
  EXPECT_EQ(p.value().x, (std::vector<double>{0.5, 1.5}));
  EXPECT_EQ(p.value().y, (std::vector<double>{-1, 2}));
}

TEST(PointsCsv, NamesTheFileAndLineOfEachProblem) {
  const std::string d = kData + "/";
  EXPECT_EQ(load_error("bad_not_a_number.csv"),
            d + "bad_not_a_number.csv:3: y 'abc' is not a number");
  EXPECT_EQ(load_error("bad_nan.csv"), d + "bad_nan.csv:3: y 'nan' is not a number");
  EXPECT_EQ(load_error("bad_inf.csv"), d + "bad_inf.csv:2: x 'inf' is not a number");
  EXPECT_EQ(load_error("bad_three_columns.csv"),
            d + "bad_three_columns.csv:3: expected 2 columns (x,y), found 3");
  EXPECT_EQ(load_error("bad_empty.csv"), d + "bad_empty.csv: no data rows");
  EXPECT_EQ(load_error("bad_header_only.csv"), d + "bad_header_only.csv: no data rows");
  EXPECT_EQ(load_error("bad_huge_number.csv"),
            d + "bad_huge_number.csv:3: x '1e999' is too large or too small for a double");
  EXPECT_EQ(load_error("bad_binary.bin"),
            d + "bad_binary.bin:1: binary data (byte 127), not CSV text");
}

TEST(PointsCsv, SaysWhyAFileCannotBeOpened) {
  EXPECT_EQ(load_error("no_such_file.csv"),
            kData + "/no_such_file.csv: cannot open: No such file or directory");
  EXPECT_EQ(load_error(""), quoted(kData + "/") + " is a directory");
}

// The one number format: an optional sign, digits with an optional fraction (or a fraction
// alone), an optional exponent; spaces around the field are trimmed.
TEST(PointsCsv, AcceptsDecimalNumbersOnly) {
  const auto x_of = [](std::string_view field) {
    const auto p = parse_points_csv(std::string(field) + ",0\n", "t.csv");
    return p ? p.value().x[0] : -999.0;
  };
  EXPECT_EQ(x_of("+1"), 1.0);
  EXPECT_EQ(x_of("-2.5"), -2.5);
  EXPECT_EQ(x_of(" 1e3"), 1000.0);
  EXPECT_EQ(x_of("\t1E+3 "), 1000.0);
  EXPECT_EQ(x_of(".5"), 0.5);
  EXPECT_EQ(x_of("-.5e-1"), -0.05);
  EXPECT_EQ(x_of("1."), 1.0);
  EXPECT_EQ(x_of("007"), 7.0);
  for (const char* bad : {"0x1p3", "0x10", "inf", "-inf", "infinity", "nan", "NaN", "1e", "1e+",
                          ".", "+", "-", "+-1", "1.2.3", "1_000", "1 000", "e5", ".e1", "1d0"}) {
    EXPECT_EQ(parse_error(std::string("0,0\n") + bad + ",1\n"),
              "t.csv:2: x '" + std::string(bad) + "' is not a number")
        << bad;
  }
  // In range of the syntax but not of a double.
  EXPECT_EQ(parse_error("1,+1e999\n"),
            "t.csv:1: y '+1e999' is too large or too small for a double");
}

// A field is quoted in a message the way all user text is: escaped and shortened.
TEST(PointsCsv, QuotesLongFieldsShortened) {
  const std::string error = parse_error("1," + std::string(100000, '7') + "x\n");
  EXPECT_LT(error.size(), 200u) << error;
  EXPECT_NE(error.find("(100001 bytes) is not a number"), std::string::npos) << error;
}

TEST(PointsCsv, RejectsMalformedRows) {
  EXPECT_EQ(parse_error("1,2\n3\n"), "t.csv:2: expected 2 columns (x,y), found 1");
  EXPECT_EQ(parse_error("1,2\n,4\n"), "t.csv:2: x is empty");
  EXPECT_EQ(parse_error("1,2\n3,4x\n"), "t.csv:2: y '4x' is not a number");
  EXPECT_EQ(parse_error("1,2\n\n3,4\n"), "t.csv:2: blank line (only allowed after the last row)");
  EXPECT_EQ(parse_error("x,y\nx,y\n"), "t.csv:2: x 'x' is not a number");
  EXPECT_EQ(parse_error("   \n"), "t.csv: no data rows");
  EXPECT_EQ(parse_error(std::string_view("1,2\n3,\0\n", 8)),
            "t.csv:2: binary data (byte 0), not CSV text");
  // One number and one word is a broken row, not a header.
  EXPECT_EQ(parse_error("1,abc\n"), "t.csv:1: y 'abc' is not a number");
}

TEST(PointsCsv, AcceptsAMillionRowsAndNotOneMore) {
  std::string text;
  for (int i = 0; i < 1000000; ++i) text += "1,2\n";
  EXPECT_TRUE(parse_points_csv(text, "t.csv"));
  text += "1,2\n";
  EXPECT_EQ(parse_error(text), "t.csv:1000001: more than 1000000 rows");
}

TEST(PointsCsv, KeepsEachYWithItsXAndTiesInFileOrder) {
  const auto q = parse_points_csv("2,20\n1,10\n2,21\n", "t.csv");
  ASSERT_TRUE(q);
  EXPECT_EQ(q.value().x, (std::vector<double>{1, 2, 2}));
  EXPECT_EQ(q.value().y, (std::vector<double>{10, 20, 21}));
}

}  // namespace
}  // namespace al
