// A/B comparison: the difference and its largest cell by hand, the shape check, the diverging
// colormap's ends and white middle, the comparison figure, its CSV and its grid, curves under
// curves.
#include <gtest/gtest.h>

#include <cmath>
#include <memory>

#include "app/figure/builder_helpers.hpp"
#include "app/figure/colormap.hpp"
#include "app/figure/comparison.hpp"
#include "app/figure/export.hpp"

namespace al::fig {
namespace {

WeightMatrix matrix(int rows, int cols, std::initializer_list<float> values) {
  WeightMatrix m(rows, cols);
  auto it = values.begin();
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < cols; ++c) m(r, c) = *it++;
  return m;
}

TEST(Comparison, DifferenceAndLargestCellByHand) {
  // B − A = [[0.125, -0.125, 0], [0.25, -0.5, 0.5]] (every value exact in float): |−0.5| and
  // |0.5| tie; the first in row-major order, (1, 1), is the one named.
  const WeightMatrix a = matrix(2, 3, {0.5f, 0.5f, 0.0f, 0.25f, 0.75f, 0.125f});
  const WeightMatrix b = matrix(2, 3, {0.625f, 0.375f, 0.0f, 0.5f, 0.25f, 0.625f});
  auto d = matrix_difference(a, b);
  ASSERT_TRUE(d) << d.error();
  EXPECT_EQ(d.value().difference(0, 0), 0.125f);
  EXPECT_EQ(d.value().difference(0, 1), -0.125f);
  EXPECT_EQ(d.value().difference(0, 2), 0.0f);
  EXPECT_EQ(d.value().difference(1, 0), 0.25f);
  EXPECT_EQ(d.value().difference(1, 1), -0.5f);
  EXPECT_EQ(d.value().difference(1, 2), 0.5f);
  EXPECT_EQ(d.value().max_abs, 0.5);
  EXPECT_EQ(d.value().row, 1);
  EXPECT_EQ(d.value().col, 1);
}

TEST(Comparison, NonFiniteCellsAreSkipped) {
  const float nan = std::nanf("");
  const WeightMatrix a = matrix(1, 3, {nan, 0.0f, 1.0f});
  const WeightMatrix b = matrix(1, 3, {5.0f, 0.25f, 1.0f});
  auto d = matrix_difference(a, b);
  ASSERT_TRUE(d);
  EXPECT_TRUE(std::isnan(d.value().difference(0, 0)));
  EXPECT_EQ(d.value().max_abs, 0.25);
  EXPECT_EQ(d.value().col, 1);
  auto none = matrix_difference(matrix(1, 1, {nan}), matrix(1, 1, {nan}));
  ASSERT_TRUE(none);
  EXPECT_EQ(none.value().row, -1);
  EXPECT_EQ(none.value().max_abs, 0);
}

TEST(Comparison, DifferentShapesAreRefused) {
  const WeightMatrix a = WeightMatrix::Zero(3, 4), b = WeightMatrix::Zero(4, 4);
  auto d = matrix_difference(a, b);
  ASSERT_FALSE(d);
  EXPECT_NE(d.error().find("A is 3 × 4 and B is 4 × 4"), std::string::npos) << d.error();
  EXPECT_FALSE(shape_mismatch(a, a));
  auto f = heatmap_comparison(heatmap_panel(a, Colormap::Reds, 0, 1, "key", "query"),
                              heatmap_panel(b, Colormap::Reds, 0, 1, "key", "query"), "attention");
  ASSERT_FALSE(f);
  EXPECT_EQ(f.error(), d.error());
}

// A view's figure shares its matrix with the lab, which may change it in place: snapshot A keeps
// the numbers as they were (an A that followed the lab compared equal to every B).
TEST(Comparison, ASnapshotOwnsItsNumbers) {
  auto lab_matrix = std::make_shared<WeightMatrix>(2, 2);
  *lab_matrix << 1, 2, 3, 4;
  Figure live;
  live.panels.emplace_back();
  live.panels[0].heatmap.emplace();
  live.panels[0].heatmap->values = lab_matrix;
  live.panels[0].heatmap->revision = 7;
  const Figure a = snapshot(live);
  (*lab_matrix)(0, 0) = 9;  // the lab moves on
  EXPECT_EQ((*a.panels[0].heatmap->values)(0, 0), 1);
  EXPECT_EQ(a.panels[0].heatmap->revision, 0u) << "not the live image's";
  const auto d = matrix_difference(*a.panels[0].heatmap->values, *lab_matrix);
  ASSERT_TRUE(d) << d.error();
  EXPECT_EQ(d.value().max_abs, 8);
}

TEST(Comparison, DivergingColormapIsWhiteAtTheMiddle) {
  const Color low = colormap_color(Colormap::Diverging, 0),
              high = colormap_color(Colormap::Diverging, 1);
  EXPECT_EQ(std::lround(low.b * 255), 0xac);   // #2166ac: blue below 0
  EXPECT_EQ(std::lround(high.r * 255), 0xb2);  // #b2182b: red above 0
  // t = 0.5 is entry 128, half a step past the white #f7f7f7 toward #fddbc7.
  const Color mid = colormap_color(Colormap::Diverging, 0.5);
  EXPECT_NEAR(mid.r * 255, 0xf7, 1);
  EXPECT_NEAR(mid.g * 255, 0xf7, 1);
  EXPECT_NEAR(mid.b * 255, 0xf7, 1);
  EXPECT_EQ(name(Colormap::Diverging), "rdbu");
}

TEST(Comparison, HeatmapFigureAndCsv) {
  Panel a =
      heatmap_panel(matrix(2, 2, {1.0f, 0.0f, 0.5f, 0.5f}), Colormap::Reds, 0, 1, "key", "query");
  Panel b =
      heatmap_panel(matrix(2, 2, {0.75f, 0.25f, 0.5f, 0.5f}), Colormap::Reds, 0, 1, "key", "query");
  b.heatmap->row_labels = {"je", "suis"};
  b.heatmap->col_labels = {"i", "am"};
  b.heatmap->name = "head 7";
  a.heatmap->name = "head 3";
  auto built = heatmap_comparison(a, b, "attention");
  ASSERT_TRUE(built) << built.error();
  const Figure& f = built.value();
  ASSERT_EQ(f.panels.size(), 3u);
  EXPECT_EQ(f.cols, 3);
  EXPECT_EQ(f.panels[0].title, "A · head 3");
  EXPECT_EQ(f.panels[1].title, "B · head 7");
  const Heatmap& d = *f.panels[2].heatmap;
  EXPECT_EQ(d.colormap, Colormap::Diverging);
  // Centred at 0: ±max |B − A| = ±0.25.
  EXPECT_EQ(d.vmin, -0.25);
  EXPECT_EQ(d.vmax, 0.25);
  EXPECT_EQ((*d.values)(0, 0), -0.25f);
  for (const Panel& p : f.panels) EXPECT_TRUE(p.colorbar);
  EXPECT_EQ(f.panels[2].note, "largest |B − A| = 0.25 at query 0 'je', key 0 'i'");
  EXPECT_EQ(table_to_csv(f.table),
            "query,key,a,b,difference\n"
            "0,0,1,0.75,-0.25\n"
            "0,1,0,0.25,0.25\n"
            "1,0,0.5,0.5,0\n"
            "1,1,0.5,0.5,0\n");
  // Frames on screen skip the table.
  EXPECT_TRUE(heatmap_comparison(a, b, "attention", false).value().table.rows.empty());
}

// Three maps in a row where each gets a cell at least 3/4 as wide as tall, else A and B above
// B − A; a figure that is not a heatmap comparison keeps its grid.
TEST(Comparison, GridFollowsTheViewsShape) {
  const Panel a = heatmap_panel(matrix(1, 1, {0.5f}), Colormap::Reds, 0, 1, "key", "query");
  Figure f = heatmap_comparison(a, a, "attention").value();
  fit_comparison_grid(f, 900, 400);  // cells 300 wide, 400 tall: 0.75
  EXPECT_EQ(f.rows, 1);
  EXPECT_EQ(f.cols, 3);
  fit_comparison_grid(f, 890, 400);
  EXPECT_EQ(f.rows, 2);
  EXPECT_EQ(f.cols, 2);
  fit_comparison_grid(f, 1200, 300);
  EXPECT_EQ(f.rows, 1);
  Figure curves;
  curves.panels.resize(3);
  curves.cols = 3;
  fit_comparison_grid(curves, 100, 400);
  EXPECT_EQ(curves.rows, 1);
  EXPECT_EQ(curves.cols, 3);
}

TEST(Comparison, CurvesUnderCurves) {
  Figure live, snap;
  Panel p;
  p.series.push_back(line("prediction", {0, 1}, {1, 2}, Color{1, 0, 0, 1}, Dash::Solid));
  live.panels.push_back(p);
  p.series[0].y = {3, 4};
  Series dot = markers("", {0}, {3}, Color{0, 0, 1, 1});
  dot.highlight = true;
  p.series.push_back(dot);
  snap.panels.push_back(p);
  auto built = compare_figures(snap, live);
  ASSERT_TRUE(built);
  const Panel& out = built.value().panels[0];
  ASSERT_EQ(out.series.size(), 2u);  // A's line (not its hovered dot), then B's
  EXPECT_EQ(out.series[0].y, (std::vector<double>{3, 4}));
  EXPECT_EQ(out.series[0].label, "A (snapshot)");
  EXPECT_FLOAT_EQ(out.series[0].color.a, 0.3f);
  EXPECT_EQ(out.series[1].y, (std::vector<double>{1, 2}));
  EXPECT_EQ(out.series[1].label, "prediction");
  // A heatmap A against curves B is refused.
  Figure heat;
  heat.panels.push_back(heatmap_panel(WeightMatrix::Zero(1, 1), Colormap::Reds, 0, 1, "", ""));
  EXPECT_FALSE(compare_figures(heat, live));
}

}  // namespace
}  // namespace al::fig
