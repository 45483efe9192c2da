// transformer-training: the trainer's history as two panels and one CSV table (a row per step
// with a loss or an evaluation, held-out cells empty between evaluations), the registry's entry
// that trains the tf.* keys' run first (its refusals before training), and the same through the
// binary: a CSV of a 200-step reverse run in seconds, a bad key in one line.
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "app/figure/transformer_training_figure.hpp"
#include "engine/transformer/train_config.hpp"
#include "lab_with.hpp"
#include "tests/cli/run_binary.hpp"
#include "tests/engine/memory_budget_env.hpp"

namespace al::fig {
namespace {

using test::lab_with;

tf::TrainerHistory small_history() {
  tf::TrainerHistory h;
  h.steps = {{1, 2.5, 0.1}, {2, 2.0, 0.25}, {3, 1.5, 0.5}, {4, 1.0, 0.75}};
  h.evaluations = {{2, 0.2, 0.0}, {4, 0.9, 0.5}};
  return h;
}

TEST(TransformerTrainingFigure, PanelsAndOneRowPerStep) {
  const Figure f = transformer_training_figure(small_history(), "", {});
  EXPECT_EQ(f.name, "transformer-training");
  ASSERT_EQ(f.panels.size(), 2u);
  EXPECT_EQ(f.cols, 2);
  const Panel& loss = f.panels[0];
  ASSERT_EQ(loss.series.size(), 1u);
  EXPECT_EQ(loss.series[0].y, (std::vector<double>{2.5, 2.0, 1.5, 1.0}));
  EXPECT_EQ(loss.x.min, 0.0);
  EXPECT_EQ(loss.x.max, 4.0);
  EXPECT_EQ(loss.y.min, 0.0);
  EXPECT_TRUE(loss.note.empty());
  const Panel& accuracy = f.panels[1];
  EXPECT_EQ(accuracy.x.max, 4.0);
  EXPECT_EQ(accuracy.series.at(0).label, "tokens");
  EXPECT_EQ(accuracy.series.at(0).y, (std::vector<double>{0.2, 0.9}));
  EXPECT_EQ(accuracy.series.at(2).label, "whole sequences");
  EXPECT_EQ(accuracy.series.at(2).y, (std::vector<double>{0.0, 0.5}));

  EXPECT_EQ(f.table.columns,
            (std::vector<std::string>{"step", "loss", "token_accuracy", "heldout_token_accuracy",
                                      "heldout_sequence_accuracy"}));
  ASSERT_EQ(f.table.rows.size(), 4u);
  EXPECT_EQ(f.table.rows[0], (std::vector<std::optional<double>>{1.0, 2.5, 0.1, {}, {}}));
  EXPECT_EQ(f.table.rows[1], (std::vector<std::optional<double>>{2.0, 2.0, 0.25, 0.2, 0.0}));
  EXPECT_EQ(f.table.rows[3], (std::vector<std::optional<double>>{4.0, 1.0, 0.75, 0.9, 0.5}));
  EXPECT_TRUE(transformer_training_figure(small_history(), "", {-1, false}).table.rows.empty());
}

// A thinned history can hold an evaluation whose step lost its loss point: it gets a row of
// its own, with the loss cells empty.
TEST(TransformerTrainingFigure, EvaluationsWithoutALossPointAndNotes) {
  tf::TrainerHistory h;
  h.steps = {{1, 2.5, 0.1}, {3, 1.5, 0.5}};
  h.evaluations = {{2, 0.2, 0.0}};
  const Figure f = transformer_training_figure(h, "tf.lr: the loss diverged", {});
  ASSERT_EQ(f.table.rows.size(), 3u);
  EXPECT_EQ(f.table.rows[1], (std::vector<std::optional<double>>{2.0, {}, {}, 0.2, 0.0}));
  EXPECT_EQ(f.panels[0].note, "tf.lr: the loss diverged");
  const Figure empty = transformer_training_figure({}, "", {});
  EXPECT_EQ(empty.panels[0].note, "No steps yet.");
  EXPECT_EQ(empty.panels[1].note, "No evaluation yet.");
  EXPECT_TRUE(empty.table.rows.empty());
}

const test::Assignments kTinyRun = {{"tf.d_model", "8"}, {"tf.heads", "2"},  {"tf.layers", "1"},
                                    {"tf.ffn", "8"},     {"tf.batch", "4"},  {"tf.seq_len", "3"},
                                    {"tf.steps", "3"},   {"tf.task", "copy"}};

TEST(TransformerTrainingFigure, RegistryTrainsTheKeysRunFirst) {
  const FigureInfo* info = find_figure("transformer-training");
  ASSERT_NE(info, nullptr);
  const auto built = build_figure(*info, lab_with(kTinyRun), {});
  ASSERT_TRUE(built) << built.error();
  const Table& t = built.value().table;
  ASSERT_EQ(t.rows.size(), 3u);           // tf.steps
  EXPECT_TRUE(t.rows[2][3].has_value());  // evaluated at the last step
  EXPECT_FALSE(t.rows[0][3].has_value());
  // The same run as the window's trainer: the same losses.
  const auto config = tf::train_config(lab_with(kTinyRun).settings());
  ASSERT_TRUE(config);
  tf::TrainingRun run(config.value());
  EXPECT_EQ(*t.rows[0][1], run.step().loss);

  auto bad = kTinyRun;
  bad.push_back({"tf.d_model", "9"});
  const auto refused = build_figure(*info, lab_with(bad), {});
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error(), "tf.d_model: 9 is not divisible by tf.heads (2)");
  const test::MemoryBudgetEnv budget("1");
  auto big = kTinyRun;
  big.push_back({"tf.batch", "4096"});
  big.push_back({"tf.d_model", "1024"});
  const auto over = build_figure(*info, lab_with(big), {});
  ASSERT_FALSE(over);
  EXPECT_EQ(over.error().rfind("estimated working set ", 0), 0u) << over.error();
  EXPECT_NE(over.error().find("lower tf.batch"), std::string::npos) << over.error();
}

TEST(TransformerTrainingFigure, CommandLineWritesTheCsvAndRefusesABadKeyInOneLine) {
  const test::TempDir dir;
  const test::Outcome r =
      test::run(dir, {"figure", "transformer-training", "--set", "tf.task=reverse", "--set",
                      "tf.steps=200", "--out", "x.csv"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_LT(r.took, std::chrono::seconds(10));
  const std::string csv = test::read_file(dir.file("x.csv"));
  EXPECT_EQ(csv.substr(0, csv.find('\n')),
            "step,loss,token_accuracy,heldout_token_accuracy,heldout_sequence_accuracy");
  EXPECT_EQ(test::lines(csv), 201);
  EXPECT_NE(csv.find("\n200,"), std::string::npos);
  EXPECT_EQ(csv.find("\n201,"), std::string::npos);

  const test::TempDir empty;
  test::expect_bad_input(test::run(empty, {"figure", "transformer-training", "--set",
                                           "tf.tasks=reverse", "--out", "y.csv"}),
                         "unknown settings key 'tf.tasks'", empty);
  test::expect_bad_input(test::run(empty, {"figure", "transformer-training", "--set",
                                           "tf.task=juggle", "--out", "y.csv"}),
                         "tf.task: 'juggle' is not one of copy|reverse|sort|phrases", empty);
}

}  // namespace
}  // namespace al::fig
