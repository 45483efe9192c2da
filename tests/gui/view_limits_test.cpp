// Pan and zoom arithmetic against hand-computed limits.
#include "app/gui/view_limits.hpp"

#include <gtest/gtest.h>

namespace al::gui {
namespace {

// A 100 x 50 pixel plot at (10, 20) showing x in [0, 10] and y in [-1, 1].
fig::PanelLayout plot() {
  fig::PanelLayout p;
  p.plot = {10, 20, 110, 70};
  p.x_min = 0, p.x_max = 10, p.y_min = -1, p.y_max = 1;
  return p;
}

TEST(ViewLimits, WheelFactorIsOnePointOnePerNotch) {
  EXPECT_DOUBLE_EQ(wheel_zoom_factor(1), 1 / 1.1);
  EXPECT_DOUBLE_EQ(wheel_zoom_factor(-1), 1.1);
  EXPECT_DOUBLE_EQ(wheel_zoom_factor(0), 1.0);
}

TEST(ViewLimits, ZoomKeepsTheAnchorAndScalesTheSpans) {
  // Pixel (35, 45) is data (2.5, 0): a quarter across, half way up.
  const AxisLimits z = zoom_about(plot(), {35, 45}, 0.5);
  EXPECT_DOUBLE_EQ(z.x_min, 2.5 - 2.5 * 0.5);
  EXPECT_DOUBLE_EQ(z.x_max, 2.5 + 7.5 * 0.5);
  EXPECT_DOUBLE_EQ(z.y_min, -0.5);
  EXPECT_DOUBLE_EQ(z.y_max, 0.5);
}

TEST(ViewLimits, ZoomInThenOutRestoresTheLimits) {
  fig::PanelLayout p = plot();
  const AxisLimits in = zoom_about(p, {80, 30}, wheel_zoom_factor(1));
  p.x_min = in.x_min, p.x_max = in.x_max, p.y_min = in.y_min, p.y_max = in.y_max;
  const AxisLimits out = zoom_about(p, {80, 30}, wheel_zoom_factor(-1));
  EXPECT_NEAR(out.x_min, 0, 1e-12);
  EXPECT_NEAR(out.x_max, 10, 1e-12);
  EXPECT_NEAR(out.y_min, -1, 1e-12);
  EXPECT_NEAR(out.y_max, 1, 1e-12);
}

TEST(ViewLimits, PanMovesTheGrabbedPointUnderTheMouse) {
  // Dragging 20 px right and 10 px down: x by -20 * 10/100 = -2, y by +10 * 2/50 = +0.4.
  const AxisLimits p = pan(plot(), {50, 40}, {70, 50});
  EXPECT_DOUBLE_EQ(p.x_min, -2);
  EXPECT_DOUBLE_EQ(p.x_max, 8);
  EXPECT_DOUBLE_EQ(p.y_min, -0.6);
  EXPECT_DOUBLE_EQ(p.y_max, 1.4);
}

TEST(ViewLimits, OverridesReplaceOnlyTheirPanels) {
  fig::Figure f;
  f.panels.resize(3);
  for (auto& p : f.panels) p.x = {"x", 0, 1}, p.y = {"y", 0, 1};
  LimitOverrides o;
  set_override(o, 1, {2, 3, 4, 5});
  ASSERT_EQ(o.size(), 2u);
  const fig::Figure g = with_limits(f, o);
  EXPECT_EQ(g.panels[0].x.max, 1);
  EXPECT_EQ(g.panels[1].x.min, 2);
  EXPECT_EQ(g.panels[1].x.max, 3);
  EXPECT_EQ(g.panels[1].y.min, 4);
  EXPECT_EQ(g.panels[1].y.max, 5);
  EXPECT_EQ(g.panels[2].y.max, 1);
}

}  // namespace
}  // namespace al::gui
