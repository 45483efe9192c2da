// The positional-encoding lab's figures: what they draw and write comes from the engine's table
// and follows pe.column, pe.position and pe.delta; sizes beyond their bounds are refused naming
// the key.
#include "app/figure/positional_encoding_figures.hpp"

#include <gtest/gtest.h>

#include "engine/mechanisms/positional_encoding.hpp"
#include "engine/transformer/embedding.hpp"
#include "engine/transformer/train_config.hpp"
#include "lab_with.hpp"

namespace al::fig {
namespace {

using test::settings_with;

TEST(PositionalEncodingFigures, CurvesStartAtTheChosenColumnAndFollowThePosition) {
  const auto f = positional_encoding_figure(
      settings_with({{"pe.column", "2"}, {"pe.position", "7"}}), FigureContext{-1, false});
  ASSERT_TRUE(f) << f.error();
  const Panel& curves = f.value().panels[0];
  ASSERT_EQ(curves.series.size(), 4u);
  EXPECT_EQ(curves.series[0].label, "Col 2");
  EXPECT_EQ(curves.series[3].label, "Col 5");
  const auto P = tf::sinusoidal_positions<double>(60, 32);
  EXPECT_EQ(curves.series[1].y[7], P(7, 3));
  ASSERT_EQ(curves.guides.size(), 1u);
  EXPECT_EQ(curves.guides[0].at, 7.0);
  EXPECT_EQ(f.value().panels[1].heatmap->highlight_row, 7);
  // A column too far right keeps four columns and says so.
  const auto last = positional_encoding_figure(settings_with({{"pe.column", "31"}}), {-1, false});
  ASSERT_TRUE(last);
  EXPECT_EQ(last.value().panels[0].series[0].label, "Col 28");
  EXPECT_EQ(last.value().panels[0].note, "pe.column 31: the last four columns of 32");
}

TEST(PositionalEncodingFigures, OffsetsTableIsTheDotProductsAndTheirClosedForm) {
  const Settings s = settings_with({{"pe.positions", "12"}, {"pe.dim", "8"}});
  const auto f = positional_encoding_offsets_figure(s, FigureContext{-1, true});
  ASSERT_TRUE(f) << f.error();
  const Table& t = f.value().table;
  EXPECT_EQ(t.columns, (std::vector<std::string>{"i", "k", "dot", "closed_form"}));
  ASSERT_EQ(t.rows.size(), 144u);
  const auto dots = pe::row_dot_products(tf::sinusoidal_positions<double>(12, 8));
  for (const auto& row : t.rows) {
    const int i = static_cast<int>(*row[0]), k = static_cast<int>(*row[1]);
    EXPECT_EQ(*row[2], dots(i, k));
    EXPECT_NEAR(*row[2], *row[3], 1e-12) << i << " " << k;
  }
  const auto big = positional_encoding_offsets_figure(settings_with({{"pe.positions", "1001"}}),
                                                      FigureContext{-1, false});
  ASSERT_FALSE(big);
  EXPECT_EQ(big.error().rfind("pe.positions: 1001 positions", 0), 0u) << big.error();
}

TEST(PositionalEncodingFigures, RotationMovesTheFollowedPositionByDelta) {
  const Settings s = settings_with({{"pe.column", "9"}, {"pe.position", "3"}, {"pe.delta", "2.5"}});
  EXPECT_EQ(followed_pair(s), 4);
  const auto f = positional_encoding_rotation_figure(s, FigureContext{-1, true});
  ASSERT_TRUE(f) << f.error();
  const Table& t = f.value().table;
  EXPECT_EQ(t.columns, (std::vector<std::string>{"position", "p_even", "p_odd"}));
  ASSERT_EQ(t.rows.size(), 61u);  // every position, then the rotated point
  const auto& moved = t.rows.back();
  EXPECT_EQ(*moved[0], 5.5);
  const Eigen::Vector2d expected = pe::pair_at(5.5, 4, 32);
  EXPECT_NEAR(*moved[1], expected(0), 1e-12);
  EXPECT_NEAR(*moved[2], expected(1), 1e-12);
  const auto P = tf::sinusoidal_positions<double>(60, 32);
  EXPECT_EQ(*t.rows[3][1], P(3, 8));
  EXPECT_EQ(*t.rows[3][2], P(3, 9));
}

TEST(PositionalEncodingFigures, BinaryCounterAsTheBookPrintsIt) {
  const auto f = positional_encoding_binary_figure(Settings{}, FigureContext{-1, true});
  ASSERT_TRUE(f) << f.error();
  const Table& t = f.value().table;
  ASSERT_EQ(t.rows.size(), 24u);
  // 5 = 101: bits 2, 1, 0 are 1, 0, 1.
  EXPECT_EQ(*t.rows[15][1], 2.0);
  EXPECT_EQ(*t.rows[15][2], 1.0);
  EXPECT_EQ(*t.rows[16][2], 0.0);
  EXPECT_EQ(*t.rows[17][2], 1.0);
  EXPECT_EQ(f.value().panels[0].heatmap->col_labels,
            (std::vector<std::string>{"2^2", "2^1", "2^0"}));
}

// A model with a learned table: its rows' cosines beside those of P of the same shape; a model
// with sinusoidal positions is refused with the command that makes a learned one.
TEST(PositionalEncodingFigures, LearnedTableBesideTheSinusoidalOne) {
  tf::ModelConfig c = tf::reverse_task_config().model;
  c.positional = tf::Positional::Learned;
  tf::Transformer<float> model;
  model.init(c, 3);
  const auto f = learned_positions_figure(model, Settings{}, FigureContext{-1, true});
  ASSERT_TRUE(f) << f.error();
  const Table& t = f.value().table;
  EXPECT_EQ(t.columns, (std::vector<std::string>{"i", "k", "learned", "sinusoidal"}));
  const auto n = static_cast<std::size_t>(c.max_len);
  ASSERT_EQ(t.rows.size(), n * n);
  const auto learned = pe::row_cosines(model.src_pos.weight.value.cast<double>());
  const auto sinus = pe::row_cosines(tf::sinusoidal_positions<double>(c.max_len, c.d_model));
  EXPECT_EQ(*t.rows[n + 2][2], learned(1, 2));
  EXPECT_EQ(*t.rows[n + 2][3], sinus(1, 2));
  EXPECT_DOUBLE_EQ(*t.rows[0][2], 1.0);

  c.positional = tf::Positional::Sinusoidal;
  tf::Transformer<float> fixed;
  fixed.init(c, 3);
  const auto refused = learned_positions_figure(fixed, Settings{}, {});
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().find("tf.positional=learned"), std::string::npos) << refused.error();
  const auto none = positional_encoding_learned_figure(Settings{}, {});
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().rfind("model.path: ", 0), 0u);
}

}  // namespace
}  // namespace al::fig
