// Linking, frame by frame: the heatmap row under the mouse is the hovered query, and in the same
// frames the regression plot draws the guide at that query and sizes the training points by its
// attention weights; a click on a row selects the query, Escape clears it.
#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>

#include "app_driver.hpp"

namespace al::gui {
namespace {

// A pixel `fraction` of the way down heatmap row `row` (rows split the plot's height evenly,
// row 0 at the top), worked out from the plot rectangle alone.
fig::Vec2 in_row(const AppState& s, int row, double fraction = 0.5) {
  const fig::Rect plot = s.attention.layout.panels.at(0).plot;
  const double rows = static_cast<double>(s.lab.data().queries.size());
  return testing::whole(
      {(plot.x0 + plot.x1) / 2, plot.y0 + (row + fraction) * plot.height() / rows});
}

const fig::Series* training_points(const fig::Figure& regression) {
  for (const fig::Series& series : regression.panels.at(0).series)
    if (series.label == "Training data") return &series;
  return nullptr;
}

using Linking = testing::AppTest;

TEST_F(Linking, HoveringAHeatmapRowHighlightsThatQueryEverywhere) {
  AppState& s = app->state();
  ASSERT_EQ(s.lab.data().queries.size(), 50u);
  // Near the top and the bottom of the row, it is still row 10.
  driver->move(in_row(s, 10, 0.25));
  EXPECT_EQ(s.hovered_query, 10);
  driver->move(in_row(s, 10, 0.8));
  EXPECT_EQ(s.hovered_query, 10);
  driver->move(in_row(s, 10));
  driver->frames(1);
  EXPECT_EQ(s.hovered_query, 10);

  // The regression figure of this frame: a guide at queries[10] ...
  const fig::Panel& plot = s.regression.shown.panels.at(0);
  ASSERT_EQ(plot.guides.size(), 1u);
  EXPECT_DOUBLE_EQ(plot.guides[0].at, s.lab.data().queries[10]);
  EXPECT_NEAR(plot.guides[0].at, 1.0, 1e-12);

  // ... and training points sized by row 10 of the attention weights: the largest weight gets
  // the largest marker, and a larger weight never gets a smaller marker.
  const fig::Series* points = training_points(s.regression.shown);
  ASSERT_NE(points, nullptr);
  const WeightMatrix& w = s.lab.nadaraya_watson().weights;
  ASSERT_EQ(points->marker_scale.size(), static_cast<std::size_t>(w.cols()));
  Eigen::Index argmax_weight = 0;
  w.row(10).maxCoeff(&argmax_weight);
  const auto argmax_scale =
      std::max_element(points->marker_scale.begin(), points->marker_scale.end()) -
      points->marker_scale.begin();
  EXPECT_EQ(argmax_scale, argmax_weight);
  std::vector<int> by_weight(static_cast<std::size_t>(w.cols()));
  std::iota(by_weight.begin(), by_weight.end(), 0);
  std::sort(by_weight.begin(), by_weight.end(), [&](int a, int b) { return w(10, a) < w(10, b); });
  for (std::size_t i = 1; i < by_weight.size(); ++i)
    EXPECT_LE(points->marker_scale[by_weight[i - 1]], points->marker_scale[by_weight[i]]);

  // The heatmap outlines the same row.
  EXPECT_EQ(s.attention.shown.panels.at(0).heatmap->highlight_row, 10);
}

TEST_F(Linking, ClickingARowSelectsItsQueryAndEscapeClearsIt) {
  AppState& s = app->state();
  EXPECT_EQ(s.lab.settings().view_query, -1);
  driver->click(in_row(s, 20));
  EXPECT_EQ(s.lab.settings().view_query, 20);

  // With the mouse gone, the selected query is the highlighted one.
  driver->leave();
  EXPECT_EQ(s.hovered_query, -1);
  ASSERT_EQ(s.regression.shown.panels.at(0).guides.size(), 1u);
  EXPECT_DOUBLE_EQ(s.regression.shown.panels.at(0).guides[0].at, s.lab.data().queries[20]);

  driver->escape();
  EXPECT_EQ(s.lab.settings().view_query, -1);
  driver->frames(1);
  EXPECT_TRUE(s.regression.shown.panels.at(0).guides.empty());
}

TEST_F(Linking, TheRegressionPlotHoversTheQueryNearestTheMouse) {
  AppState& s = app->state();
  const fig::PanelLayout& layout = s.regression.layout.panels.at(0);
  // Data x = 3.02 lies nearest to query 30 (x = 3.0); the y is in the plot's empty top.
  driver->move(testing::whole(layout.to_pixel(3.02, 4.6)));
  EXPECT_EQ(s.hovered_query, 30);
  EXPECT_EQ(s.attention.shown.panels.at(0).heatmap->highlight_row, 30);
}

}  // namespace
}  // namespace al::gui
