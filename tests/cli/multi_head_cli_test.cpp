// The multi-head figures on the command line, through the real binary: the book's shapes as the
// preset give the CSV rows the README documents (2 x 4 x 100 outputs, uniform weights 1/3 and 1/2
// over the valid keys, exact zeros after them); every view exports; bad input is one line naming
// the key, exit status 2 and no file.
#include <gtest/gtest.h>

#include <cmath>
#include <sstream>

#include "run_binary.hpp"

namespace al::test {
namespace {

TEST(MultiHeadFigureCommand, BookShapesAndMaskedWeights) {
  TempDir dir;
  Outcome r = run(dir, {"figure", "multi-head", "--set", "mh.preset=book", "--out", "w.csv"});
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string csv = read_file(dir.file("w.csv"));
  EXPECT_EQ(header(csv), "batch,head,query,key,score,weight");
  const auto rows = rows_of(csv);
  ASSERT_EQ(rows.size(), 2u * 5 * 4 * 6);
  for (const auto& row : rows) {
    const int b = std::stoi(row[0]), k = std::stoi(row[3]);
    const int valid = b == 0 ? 3 : 2;
    if (k >= valid)
      EXPECT_EQ(row[5], "0");
    else
      EXPECT_NEAR(std::stod(row[5]), 1.0 / valid, 1e-15);
  }
  r = run(dir, {"figure", "multi-head-output", "--set", "mh.preset=book", "--out", "o.csv"});
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string out = read_file(dir.file("o.csv"));
  EXPECT_EQ(header(out), "batch,query,column,head,concat,output");
  const auto out_rows = rows_of(out);
  ASSERT_EQ(out_rows.size(), 2u * 4 * 100);  // the book's output shape (2, 4, 100)
  EXPECT_EQ(out_rows.back()[3], "4");        // column 99 belongs to head 4 (d/h = 20)
}

TEST(MultiHeadFigureCommand, TypedInputAndProjections) {
  TempDir dir;
  const Outcome r = run(
      dir, {"figure", "multi-head-projections", "--set", "mh.queries=1,0,0", "--set",
            "mh.keys=1,1;0,1", "--set", "mh.hiddens=6", "--set", "mh.heads=3", "--out", "p.csv"});
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string csv = read_file(dir.file("p.csv"));
  EXPECT_EQ(header(csv), "matrix,head,row,col,value");
  // W_q 6 x 3, W_k 6 x 2, W_v 6 x 2, W_o 6 x 6.
  const auto rows = rows_of(csv);
  ASSERT_EQ(rows.size(), 18u + 12 + 12 + 36);
  EXPECT_EQ(rows[0][0], "W_q");
  EXPECT_EQ(rows[17][1], "2");  // W_q row 5: head 2 of d/h = 2
  for (const char* name : {"multi-head", "multi-head-projections", "multi-head-output"})
    for (const char* ext : {".png", ".svg", ".pdf"}) {
      const std::string file = std::string(name) + ext;
      EXPECT_EQ(run(dir, {"figure", name, "--set", "mh.valid_lens=0", "--out", file}).code, 0)
          << file;
    }
}

TEST(MultiHeadFigureCommand, BadInputNamesTheKey) {
  TempDir dir;
  expect_bad_input(run(dir, {"figure", "multi-head", "--set", "mh.hiddens=10", "--set",
                             "mh.heads=3", "--out", "x.csv"}),
                   "mh.heads: num_hiddens mh.hiddens = 10 is not divisible by mh.heads = 3", dir);
  expect_bad_input(
      run(dir, {"figure", "multi-head", "--set", "mh.valid_lens=1,2,3", "--out", "x.csv"}),
      "mh.valid_lens: 3 lengths for mh.batch = 2", dir);
  expect_bad_input(run(dir, {"figure", "multi-head", "--set", "mh.heads=0", "--out", "x.csv"}),
                   "mh.heads", dir);
}

}  // namespace
}  // namespace al::test
