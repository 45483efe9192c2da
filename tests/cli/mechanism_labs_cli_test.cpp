// The scoring and kernel-identity figures on the command line, through the real binary: typed
// queries and keys give the CSVs the README documents, with hand-checkable numbers (the book's toy
// outputs, exact zeros past the valid length, the identity to rounding); bad input is one line
// naming the key, exit status 2 and no file.
#include <gtest/gtest.h>

#include <cmath>
#include <sstream>

#include "run_binary.hpp"

namespace al::test {
namespace {

TEST(ScoringFigureCommand, ScaledDotWithAValidLength) {
  TempDir dir;
  const Outcome r = run(dir, {"figure", "scoring", "--set", "scoring.function=scaled-dot", "--set",
                              "scoring.queries=1,0;0,1", "--set", "scoring.keys=1,0;0,1;1,1",
                              "--set", "scoring.valid_len=2", "--out", "s.csv"});
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string csv = read_file(dir.file("s.csv"));
  EXPECT_EQ(header(csv), "query,key,score,weight");
  const auto rows = rows_of(csv);
  ASSERT_EQ(rows.size(), 6u);
  // Query 0 = (1, 0): scores 1/√2, 0 and 1/√2 (the unmasked score of the masked key 2), weights
  // e^(1/√2) / (e^(1/√2) + 1), its complement and exactly 0.
  EXPECT_EQ(rows[0][0], "0");
  EXPECT_EQ(rows[0][1], "0");
  EXPECT_NEAR(std::stod(rows[0][2]), 1 / std::sqrt(2.0), 1e-15);
  const double e = std::exp(1 / std::sqrt(2.0));
  EXPECT_NEAR(std::stod(rows[0][3]), e / (e + 1), 1e-15);
  EXPECT_NEAR(std::stod(rows[2][2]), 1 / std::sqrt(2.0), 1e-15);
  EXPECT_EQ(rows[2][3], "0");
  EXPECT_EQ(rows[5][3], "0");
}

TEST(ScoringFigureCommand, BookToyAndUniformWeightsAtValidLengthZero) {
  TempDir dir;
  ASSERT_EQ(run(dir, {"figure", "scoring-query", "--set", "scoring.preset=book", "--set",
                      "scoring.valid_len=6", "--set", "scoring.query=1", "--out", "q.csv"})
                .code,
            0);
  const std::string csv = read_file(dir.file("q.csv"));
  EXPECT_EQ(header(csv), "key,score,logit,weight,value,weighted_value");
  double output = 0;
  for (const auto& row : rows_of(csv)) output += std::stod(row[5]);
  EXPECT_NEAR(output, 10.0, 1e-12);  // the book's printed output for valid length 6
  ASSERT_EQ(run(dir, {"figure", "scoring", "--set", "scoring.valid_len=0", "--out", "u.csv"}).code,
            0);
  for (const auto& row : rows_of(read_file(dir.file("u.csv")))) EXPECT_EQ(row[3], "0.25");
}

TEST(ScoringFigureCommand, EveryViewExports) {
  TempDir dir;
  for (const char* name : {"scoring", "scoring-plane", "scoring-query"})
    for (const char* ext : {".png", ".svg", ".csv"}) {
      const std::string out = std::string(name) + ext;
      const Outcome r =
          run(dir, {"figure", name, "--set", "scoring.function=additive", "--out", out});
      EXPECT_EQ(r.code, 0) << name << ext << ": " << r.err;
    }
  EXPECT_EQ(header(read_file(dir.file("scoring-plane.csv"))), "kind,index,x1,x2,value,output");
}

TEST(ScoringFigureCommand, BadInputNamesTheKey) {
  TempDir dir;
  expect_bad_input(
      run(dir, {"figure", "scoring", "--set", "scoring.queries=1,0;2", "--out", "x.csv"}),
      "scoring.queries: row 2 has 1 number, row 1 has 2", dir);
  expect_bad_input(run(dir, {"figure", "scoring", "--set", "scoring.values=1,2", "--out", "x.csv"}),
                   "scoring.values: 2 values for 4 keys", dir);
  expect_bad_input(run(dir, {"figure", "scoring", "--set", "scoring.keys=1,2,3", "--out", "x.csv"}),
                   "scoring.keys: keys of 3 numbers and queries of 2 have no dot product", dir);
}

TEST(KernelIdentityFigureCommand, TypedVectorsAndTheIdentityToRounding) {
  TempDir dir;
  const Outcome r = run(dir, {"figure", "kernel-identity", "--set", "identity.queries=1,0;0,2",
                              "--set", "identity.keys=1,1;0,1;3,0", "--out", "k.csv"});
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string csv = read_file(dir.file("k.csv"));
  EXPECT_EQ(header(csv), "query,key,dot_weight,rbf,magnitude,product_weight");
  const auto rows = rows_of(csv);
  ASSERT_EQ(rows.size(), 6u);
  // Query (1, 0), key (3, 0), d = 2: RBF exp(−4/(2√2)), M = exp(10/(2√2)).
  EXPECT_NEAR(std::stod(rows[2][3]), std::exp(-4 / (2 * std::sqrt(2.0))), 1e-15);
  EXPECT_NEAR(std::stod(rows[2][4]), std::exp(10 / (2 * std::sqrt(2.0))), 1e-13);
  for (const auto& row : rows) EXPECT_NEAR(std::stod(row[2]), std::stod(row[5]), 1e-15);
  // Random vectors of the default size; the NW link on the kernel-regression points.
  ASSERT_EQ(run(dir, {"figure", "kernel-identity", "--out", "r.csv"}).code, 0);
  EXPECT_EQ(lines(read_file(dir.file("r.csv"))), 1 + 6 * 8);
  ASSERT_EQ(run(dir, {"figure", "kernel-identity-nw", "--out", "nw.csv"}).code, 0);
  const std::string nw = read_file(dir.file("nw.csv"));
  EXPECT_EQ(header(nw), "query,key,query_x,key_x,nw_weight,rbf_weight,dot_weight");
  for (const auto& row : rows_of(nw)) EXPECT_NEAR(std::stod(row[4]), std::stod(row[5]), 1e-7);
}

TEST(KernelIdentityFigureCommand, BadInputNamesTheKey) {
  TempDir dir;
  expect_bad_input(run(dir, {"figure", "kernel-identity", "--set", "identity.queries=1,2", "--set",
                             "identity.keys=1,2,3", "--out", "x.csv"}),
                   "identity.keys: keys of 3 numbers and queries of 2", dir);
  expect_bad_input(
      run(dir, {"figure", "kernel-identity", "--set", "identity.n_keys=100000", "--out", "x.csv"}),
      "identity.n_keys", dir);
}

}  // namespace
}  // namespace al::test
