// Mouse interaction on the regression plot, frame by frame: wheel zoom about the cursor, fit on
// double-click, and point editing (drag to move, click to add, right-click to delete, click
// near a curve to select the query there).
#include <gtest/gtest.h>

#include <cmath>

#include "app/figure/figures.hpp"
#include "app_driver.hpp"

namespace al::gui {
namespace {

class Interaction : public testing::AppTest {
 protected:
  AppState& state() { return app->state(); }
  const fig::PanelLayout& plot() { return state().regression.layout.panels.at(0); }
};

TEST_F(Interaction, WheelZoomsAboutTheCursorAndDoubleClickFits) {
  const fig::PanelLayout before = plot();
  // The book's limits for the generated d2l-v2 data.
  EXPECT_EQ(before.x_min, 0.0);
  EXPECT_EQ(before.x_max, 5.0);
  const fig::Vec2 cursor = testing::whole(
      {before.plot.x0 + 0.3 * before.plot.width(), before.plot.y0 + 0.4 * before.plot.height()});
  const fig::Vec2 anchor = before.to_data(cursor);

  driver->wheel(cursor, 1.0f);  // one notch up: zoom in
  driver->frames(1);
  const fig::PanelLayout zoomed = plot();
  // x span / 1.1, and the data point under the cursor stays under it (the plot's edges move as
  // the tick labels change width; the view makes up for it).
  EXPECT_NEAR(zoomed.x_max - zoomed.x_min, 5.0 / 1.1, 1e-12);
  EXPECT_NEAR(zoomed.y_max - zoomed.y_min, 6.0 / 1.1, 1e-12);
  EXPECT_NEAR(zoomed.to_data(cursor).x, anchor.x, 1e-9);
  EXPECT_NEAR(zoomed.to_data(cursor).y, anchor.y, 1e-9);

  driver->wheel(cursor, -1.0f);  // and back out: exactly invertible
  driver->frames(1);
  EXPECT_NEAR(plot().x_min, 0.0, 1e-12);
  EXPECT_NEAR(plot().x_max, 5.0, 1e-12);

  driver->wheel(cursor, 3.0f);
  driver->frames(1);
  ASSERT_NEAR(plot().x_max - plot().x_min, 5.0 / std::pow(1.1, 3), 1e-12);
  const std::size_t points = state().lab.data().x.size();
  driver->press();
  driver->release();
  driver->press();
  driver->release();
  driver->wait(0.5);
  // The builder's limits again, and the double-click added no point.
  const fig::Figure built = fig::regression_figure(state().lab, {});
  EXPECT_EQ(plot().x_min, built.panels[0].x.min);
  EXPECT_EQ(plot().x_max, built.panels[0].x.max);
  EXPECT_EQ(plot().y_min, built.panels[0].y.min);
  EXPECT_EQ(plot().y_max, built.panels[0].y.max);
  EXPECT_EQ(state().lab.data().x.size(), points);
}

TEST_F(Interaction, DraggingAPointMovesIt) {
  const Dataset before = state().lab.data();
  // A point inside the plot with no other point within 20 px.
  int chosen = -1;
  for (std::size_t i = 0; i < before.x.size() && chosen < 0; ++i) {
    const fig::Vec2 p = plot().to_pixel(before.x[i], before.y[i]);
    bool alone = plot().plot.contains(p) && p.y > plot().plot.y0 + 60;
    for (std::size_t j = 0; j < before.x.size(); ++j) {
      const fig::Vec2 q = plot().to_pixel(before.x[j], before.y[j]);
      if (j != i && std::hypot(p.x - q.x, p.y - q.y) < 20) alone = false;
    }
    if (alone) chosen = static_cast<int>(i);
  }
  ASSERT_GE(chosen, 0);
  const fig::PanelLayout layout = plot();
  const fig::Vec2 from = testing::whole(layout.to_pixel(before.x[chosen], before.y[chosen]));
  const fig::Vec2 to{from.x + 30, from.y - 40};
  const fig::Vec2 target = layout.to_data(to);

  driver->move(from);
  driver->press();
  driver->move({from.x + 15, from.y - 20});
  driver->move(to);
  driver->release();

  const Dataset& after = state().lab.data();
  ASSERT_EQ(after.x.size(), before.x.size());
  int found = -1;
  for (std::size_t i = 0; i < after.x.size(); ++i)
    if (std::abs(after.x[i] - target.x) < 1e-9 && std::abs(after.y[i] - target.y) < 1e-9)
      found = static_cast<int>(i);
  EXPECT_GE(found, 0) << "no point at (" << target.x << ", " << target.y << ")";
  for (std::size_t i = 0; i < after.x.size(); ++i)
    EXPECT_FALSE(after.x[i] == before.x[chosen] && after.y[i] == before.y[chosen]);
  // The drag did not pan the plot.
  EXPECT_TRUE(state().regression.limits.empty() || !state().regression.limits[0]);
}

TEST_F(Interaction, ClickAddsAPointAndRightClickDeletesIt) {
  const std::size_t n = state().lab.data().x.size();
  // Top right of the plot: far from every curve (they stay below y = 3 there) and every point.
  const fig::Vec2 spot = testing::whole(plot().to_pixel(4.7, 4.6));
  const fig::Vec2 data = plot().to_data(spot);
  driver->click(spot);
  const Dataset& d = state().lab.data();
  ASSERT_EQ(d.x.size(), n + 1);
  bool added = false;
  for (std::size_t i = 0; i < d.x.size(); ++i)
    added |= std::abs(d.x[i] - data.x) < 1e-9 && std::abs(d.y[i] - data.y) < 1e-9;
  EXPECT_TRUE(added);

  // The axes now fit the edited points: find the new point where it is drawn.
  driver->move(testing::whole(plot().to_pixel(data.x, data.y)));
  driver->input.right = true;
  driver->frames(1);
  driver->input.right = false;
  driver->frames(1);
  EXPECT_EQ(state().lab.data().x.size(), n);
  for (double x : state().lab.data().x) EXPECT_NE(x, data.x);
}

TEST_F(Interaction, ClickNearACurveSelectsTheQueryThere) {
  const Dataset& d = state().lab.data();
  // A query whose truth-curve pixel is clear of every training point.
  int chosen = -1;
  for (std::size_t q = 5; q < d.queries.size() && chosen < 0; ++q) {
    const fig::Vec2 p = plot().to_pixel(d.queries[q], d.truth[q]);
    bool clear = true;
    for (std::size_t i = 0; i < d.x.size(); ++i) {
      const fig::Vec2 k = plot().to_pixel(d.x[i], d.y[i]);
      clear &= std::hypot(p.x - k.x, p.y - k.y) > 20;
    }
    if (clear) chosen = static_cast<int>(q);
  }
  ASSERT_GE(chosen, 0);
  const std::size_t n = d.x.size();
  driver->click(testing::whole(plot().to_pixel(d.queries[chosen], d.truth[chosen])));
  EXPECT_EQ(state().lab.settings().view_query, chosen);
  EXPECT_EQ(state().lab.data().x.size(), n);
}

}  // namespace
}  // namespace al::gui
