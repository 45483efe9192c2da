// bahdanau-attention and bahdanau-logits on the shipped model: tokens on both axes, the table in
// long format (or none for a frame on screen), and the registry's model.path errors.
#include <gtest/gtest.h>

#include "app/figure/bahdanau_figures.hpp"
#include "lab_with.hpp"

namespace al::fig {
namespace {

const std::string kModel = std::string(AL_TEST_DATA) + "/../../assets/models/bahdanau.safetensors";

TEST(BahdanauFigures, AttentionHasTokensOnBothAxes) {
  const auto built = bahdanau_attention_figure(test::settings_with({{"model.path", kModel}}),
                                               FigureContext{-1, true});
  ASSERT_TRUE(built) << built.error();
  const Figure& f = built.value();
  EXPECT_EQ(f.title, "Bahdanau attention of 'i'm home . <eos>' -> 'je suis chez moi .'");
  ASSERT_EQ(f.panels.size(), 1u);
  const Heatmap& h = *f.panels[0].heatmap;
  EXPECT_EQ(h.col_labels, (std::vector<std::string>{"i'm", "home", ".", "<eos>"}));
  EXPECT_EQ(h.row_labels, (std::vector<std::string>{"<bos>", "je", "suis", "chez", "moi", "."}));
  EXPECT_EQ(f.panels[0].x.label, "Key positions");
  EXPECT_EQ(f.panels[0].y.label, "Query positions");
  EXPECT_EQ(f.table.rows.size(), 24u);
  // Each step's weights sum to 1.
  for (int t = 0; t < 6; ++t) {
    double sum = 0.0;
    for (int k = 0; k < 4; ++k) sum += *f.table.rows[static_cast<std::size_t>(t * 4 + k)][4];
    EXPECT_NEAR(sum, 1.0, 1e-6);
  }
}

TEST(BahdanauFigures, TablesCanBeSkippedAndModelPathIsNeeded) {
  const Settings s = test::settings_with({{"model.path", kModel}});
  for (const char* name : {"bahdanau-attention", "bahdanau-logits"}) {
    const FigureInfo* info = find_figure(name);
    ASSERT_NE(info, nullptr);
    ASSERT_FALSE(info->needs_lab()) << name;
    const auto with = info->build.from_settings(s, FigureContext{-1, true});
    const auto without = info->build.from_settings(s, FigureContext{-1, false});
    ASSERT_TRUE(with && without) << name;
    EXPECT_FALSE(with.value().table.rows.empty()) << name;
    EXPECT_TRUE(without.value().table.rows.empty()) << name;
    EXPECT_EQ(with.value().table.columns, without.value().table.columns) << name;
    const auto missing = info->build.from_settings(Settings{}, FigureContext{});
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error(), "model.path: set it to a .safetensors file");
  }
}

}  // namespace
}  // namespace al::fig
