// The self-attention figures on the command line, through the real binary: they train the sa.*
// run for sa.steps steps and write the same CSV every time; bad input is one line naming the key,
// exit code 2 and no file written.
#include <gtest/gtest.h>

#include <sstream>

#include "run_binary.hpp"

namespace al::test {
namespace {

// The numbers of column `col` of a CSV's rows (after the header).
std::vector<double> column(const std::string& csv, int col) {
  std::vector<double> out;
  std::istringstream in(csv);
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) {
    std::istringstream cells(line);
    std::string cell;
    for (int i = 0; i <= col; ++i) std::getline(cells, cell, ',');
    out.push_back(std::stod(cell));
  }
  return out;
}

TEST(SelfAttentionFigureCommand, TrainingCsvShowsItLearning) {
  TempDir dir;
  const Outcome r = run(dir, {"figure", "self-attention-training", "--out", "t.csv"});
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string csv = read_file(dir.file("t.csv"));
  EXPECT_EQ(csv.substr(0, csv.find('\n')), "step,loss,accuracy");
  // sa.steps = 300 by default: a point at step 0 and every 10 steps.
  EXPECT_EQ(lines(csv), 1 + 31);
  const std::vector<double> step = column(csv, 0), accuracy = column(csv, 2);
  EXPECT_EQ(step.front(), 0);
  EXPECT_EQ(step.back(), 300);
  EXPECT_LT(accuracy.front(), 0.3);  // chance is 1/8
  EXPECT_GT(accuracy.back(), 0.9);
  // Deterministic: the same run again, the same file.
  const Outcome again = run(dir, {"figure", "self-attention-training", "--out", "u.csv"});
  ASSERT_EQ(again.code, 0) << again.err;
  EXPECT_EQ(read_file(dir.file("u.csv")), csv);
}

TEST(SelfAttentionFigureCommand, WeightsCsvLooksUpTheAskedValue) {
  TempDir dir;
  const Outcome r = run(dir, {"figure", "self-attention-weights", "--set",
                              "sa.input=a 1 b 2 c 3 d 4 ? b", "--out", "w.csv"});
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string csv = read_file(dir.file("w.csv"));
  EXPECT_EQ(csv.substr(0, csv.find('\n')), "query,key,query_token,key_token,weight");
  EXPECT_EQ(lines(csv), 1 + 10 * 10);
  EXPECT_NE(csv.find("\n0,0,a,a,"), std::string::npos) << csv;
  // The last query ('b', position 9) puts most of its weight on position 3, the 2 after b.
  const std::vector<double> weight = column(csv, 4);
  const auto last_row = weight.begin() + 90;
  EXPECT_EQ(std::max_element(last_row, weight.end()) - last_row, 3);
  EXPECT_NE(csv.find("\n9,3,b,2,"), std::string::npos) << csv;

  const Outcome answer = run(dir, {"figure", "self-attention-answer", "--set",
                                   "sa.input=a 1 b 2 c 3 d 4 ? b", "--out", "a.csv"});
  ASSERT_EQ(answer.code, 0) << answer.err;
  const std::string a = read_file(dir.file("a.csv"));
  EXPECT_EQ(a.substr(0, a.find('\n')), "token,probability");
  EXPECT_EQ(lines(a), 1 + 8 + 8 + 1);  // keys, values and '?'
  const std::vector<double> p = column(a, 1);
  EXPECT_EQ(std::max_element(p.begin(), p.end()) - p.begin(), 8 + 2);  // the value 2
  // Images too.
  for (const char* file : {"w.png", "w.svg"})
    EXPECT_EQ(
        run(dir, {"figure", "self-attention-weights", "--set", "sa.steps=20", "--out", file}).code,
        0)
        << file;
}

TEST(SelfAttentionFigureCommand, BadInputIsOneLineNamingTheKey) {
  TempDir dir;
  expect_bad_input(run(dir, {"figure", "self-attention-weights", "--set", "sa.input=a 1 z 2 ? a",
                             "--out", "w.csv"}),
                   "sa.input: 'z' is not a token of the task", dir);
  expect_bad_input(run(dir, {"figure", "self-attention-answer", "--set", "sa.input=a 1 b 2 ? c",
                             "--out", "a.csv"}),
                   "sa.input: the asked key 'c' is in no pair", dir);
  expect_bad_input(run(dir, {"figure", "self-attention-training", "--set", "sa.pairs=5", "--set",
                             "sa.keys=3", "--out", "t.csv"}),
                   "sa.pairs: 5 pairs need as many distinct keys, but sa.keys is 3", dir);
  expect_bad_input(
      run(dir, {"figure", "self-attention-training", "--set", "sa.steps=100000", "--out", "t.csv"}),
      "sa.steps: '100000' is out of range", dir);
}

TEST(SelfAttentionFigureCommand, ListedWithTheirKeys) {
  TempDir dir;
  const Outcome r = run(dir, {"figure", "--list"});
  ASSERT_EQ(r.code, 0) << r.err;
  for (const char* name : {"self-attention-weights", "self-attention-answer",
                           "self-attention-training", "sa.input", "sa.steps", "Self-attention"})
    EXPECT_NE(r.out.find(name), std::string::npos) << name;
}

}  // namespace
}  // namespace al::test
