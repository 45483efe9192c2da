// The Bahdanau lab's figures from the shipped model: bahdanau-alignment tabulates exactly the
// run's weights of the shown steps and draws a link per pair with the weight as its opacity, a
// focused word keeps only its links; bahdanau-score's table is the engine's parts of the step and
// key; bad settings name their key.
#include <gtest/gtest.h>

#include "app/figure/bahdanau_alignment_figure.hpp"
#include "app/figure/bahdanau_score_figure.hpp"

namespace al::fig {
namespace {

Settings shipped_settings() {
  Settings s;
  s.model_path = std::string(AL_TEST_DATA) + "/../../assets/models/bahdanau.safetensors";
  s.input_src = "i'm home .";
  return s;
}

TEST(BahdanauAlignmentFigure, TabulatesTheShownStepsWeightsAndDrawsALinkPerPair) {
  Settings s = shipped_settings();
  s.bahdanau_step = 2;
  const auto f = bahdanau_alignment_figure(s, {});
  ASSERT_TRUE(f) << f.error();
  const Figure& fig = f.value();
  EXPECT_EQ(fig.table.columns,
            (std::vector<std::string>{"step", "key", "output_token", "key_token", "weight"}));
  const auto run = run_at_model_path(s);
  ASSERT_TRUE(run) << run.error();
  ASSERT_EQ(fig.table.rows.size(), 2u * 4u);  // two steps x "i'm home . <eos>"
  for (std::size_t r = 0; r < fig.table.rows.size(); ++r) {
    const int t = static_cast<int>(r / 4), k = static_cast<int>(r % 4);
    EXPECT_EQ(fig.table.rows[r][4], run.value().weights(t, k));
    EXPECT_EQ(fig.table.text[r][2], t == 0 ? "je" : "suis");
  }
  // One link per pair; the followed pair (the last shown step, bahdanau.key 0) last.
  const Panel& p = fig.panels.at(0);
  ASSERT_EQ(p.series.size(), 8u);
  EXPECT_FLOAT_EQ(p.series[0].color.a, static_cast<float>(run.value().weights(0, 0)));
  EXPECT_EQ(p.series.back().x, (std::vector<double>{0.0, 1.0}));

  const BahdanauScene scene{run.value(), s, 6, 5, 2, {AlignmentWord::Side::Source, 2}};
  const auto focused = bahdanau_alignment_figure(scene, {});
  ASSERT_TRUE(focused);
  const std::vector<Series>& links = focused.value().panels.at(0).series;
  EXPECT_EQ(links.size(), 6u);  // one per output word, all to "."
  for (const Series& l : links) EXPECT_EQ(l.x[0], 2.0);
}

TEST(BahdanauScoreFigure, TabulatesTheEnginesPartsOfTheStepAndKey) {
  Settings s = shipped_settings();
  s.bahdanau_step = 3;
  s.bahdanau_key = 1;
  const auto f = bahdanau_score_figure(s, {});
  ASSERT_TRUE(f) << f.error();
  const auto run = run_at_model_path(s);
  ASSERT_TRUE(run);
  const bahdanau::StepParts& parts = run.value().steps[2];
  const Table& t = f.value().table;
  EXPECT_EQ(t.columns, (std::vector<std::string>{"part", "index", "value"}));
  const auto H = static_cast<std::size_t>(run.value().w_v.size());
  ASSERT_EQ(t.rows.size(), 6 * H + 2 * 4);
  EXPECT_EQ(t.text[3 * H][0], "tanh");
  EXPECT_EQ(t.rows[3 * H + 5][2], parts.features(1, 5));
  EXPECT_EQ(t.text[5 * H][0], "context");
  EXPECT_EQ(t.rows[5 * H + 7][2], parts.context[7]);
  EXPECT_EQ(t.text[6 * H + 4][0], "weight");
  EXPECT_EQ(t.rows[6 * H + 4 + 1][2], parts.weights[1]);
}

TEST(BahdanauLabFigures, NameTheKeyOfBadSettings) {
  Settings s = shipped_settings();
  s.model_path.clear();
  EXPECT_EQ(bahdanau_alignment_figure(s, {}).error(), "model.path: set it to a .safetensors file");
  s = shipped_settings();
  s.input_src = "";
  EXPECT_EQ(bahdanau_score_figure(s, {}).error().rfind("input.src:", 0), 0u);
}

}  // namespace
}  // namespace al::fig
