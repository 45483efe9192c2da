// The book's figures on the command line, through the real binary: `figure --list` shows each with
// its book section and figure; a PNG is the book's size in inches at figure.dpi (times --scale), a
// PDF the same size in points; --set applies on top of the book's settings; bad input is one line
// naming the key, exit status 2 and no file.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "run_binary.hpp"

namespace al::test {
namespace {

TEST(BookFigureCommand, ListShowsEachWithItsBookSectionAndFigure) {
  TempDir dir;
  const Outcome r = run(dir, {"figure", "--list"});
  ASSERT_EQ(r.code, 0) << r.err;
  for (const char* line : {"d2l-identity", "11.1/10.1 F1", "d2l-kernel-estimates", "11.2 F3",
                           "d2l-average-pooling", "10.2 G1", "d2l-pe-heatmap", "11.6/10.6 F12",
                           "d2l-cross-attention", "11.7/10.7 F16", "figure.dpi"})
    EXPECT_NE(r.out.find(line), std::string::npos) << line;
}

TEST(BookFigureCommand, PngIsTheBooksSizeInInchesAtFigureDpi) {
  TempDir dir;
  // F12: 3.5 x 4 inches.
  ASSERT_EQ(run(dir, {"figure", "d2l-pe-heatmap", "--out", "a.png"}).code, 0);
  EXPECT_EQ(png_size(read_file(dir.file("a.png"))),
            (std::pair<std::uint32_t, std::uint32_t>{350, 400}));
  ASSERT_EQ(
      run(dir, {"figure", "d2l-pe-heatmap", "--set", "figure.dpi=200", "--out", "b.png"}).code, 0);
  EXPECT_EQ(png_size(read_file(dir.file("b.png"))),
            (std::pair<std::uint32_t, std::uint32_t>{700, 800}));
  ASSERT_EQ(run(dir, {"figure", "d2l-kernels", "--set", "figure.dpi=72", "--scale", "2", "--out",
                      "c.png"})
                .code,
            0);
  EXPECT_EQ(png_size(read_file(dir.file("c.png"))),
            (std::pair<std::uint32_t, std::uint32_t>{12 * 144, 3 * 144}));
  // The PDF: 3.5 x 4 inches in points.
  ASSERT_EQ(run(dir, {"figure", "d2l-pe-heatmap", "--out", "a.pdf"}).code, 0);
  EXPECT_NE(read_file(dir.file("a.pdf")).find("/MediaBox [ 0 0 252 288 ]"), std::string::npos);
}

TEST(BookFigureCommand, SetAppliesOnTopOfTheBooksSettings) {
  TempDir dir;
  // F4: 4 kernels x 50 queries x the new edition's 40 keys; with 10 points of my own, 10 keys.
  ASSERT_EQ(run(dir, {"figure", "d2l-kernel-attention", "--out", "book.csv"}).code, 0);
  ASSERT_EQ(
      run(dir, {"figure", "d2l-kernel-attention", "--set", "data.n_train=10", "--out", "mine.csv"})
          .code,
      0);
  const std::string book = read_file(dir.file("book.csv"));
  const std::string mine = read_file(dir.file("mine.csv"));
  EXPECT_EQ(book.substr(0, book.find('\n')), "panel,query,key,query_x,key_x,weight");
  EXPECT_EQ(std::count(book.begin(), book.end(), '\n'), 1 + 4 * 50 * 40);
  EXPECT_EQ(std::count(mine.begin(), mine.end(), '\n'), 1 + 4 * 50 * 10);
  EXPECT_EQ(mine.substr(mine.find('\n') + 1, 9), "Gaussian,");
}

TEST(BookFigureCommand, BadInputNamesTheKey) {
  TempDir dir;
  expect_bad_input(run(dir, {"figure", "d2l-kernels", "--set", "figure.dpi=5", "--out", "x.png"}),
                   "figure.dpi", dir);
  expect_bad_input(
      run(dir, {"figure", "d2l-width-estimates", "--set", "data.n_train=0", "--out", "x.png"}),
      "data.n_train", dir);
}

}  // namespace
}  // namespace al::test
