// Pan and zoom of a figure on screen: per-panel data limits that replace the builder's, and the
// gestures that change them. Pure arithmetic on a PanelLayout (the transform that drew the
// panel), so the tests can check it without a window.
#pragma once

#include <optional>
#include <vector>

#include "app/figure/figure.hpp"
#include "app/figure/layout.hpp"

namespace al::gui {

struct AxisLimits {
  double x_min = 0, x_max = 1, y_min = 0, y_max = 1;
};

// One entry per panel; nullopt (or a missing entry) keeps the builder's limits.
using LimitOverrides = std::vector<std::optional<AxisLimits>>;

AxisLimits limits_of(const fig::PanelLayout& panel);

// The zoom factor of `notches` wheel notches: each notch up divides the span by 1.1, each notch
// down multiplies it by 1.1, so up then down is the identity.
double wheel_zoom_factor(double notches);

// Scales both spans by `factor` about the data point under the pixel `anchor`, which stays put:
//   lo' = a - (a - lo) * factor,   hi' = a + (hi - a) * factor
AxisLimits zoom_about(const fig::PanelLayout& panel, fig::Vec2 anchor, double factor);

// The limits after dragging from pixel `from` to pixel `to`, measured on the layout at the start
// of the drag: the data point that was under `from` ends up under `to`.
AxisLimits pan(const fig::PanelLayout& at_start, fig::Vec2 from, fig::Vec2 to);

// Stores `limits` for panel `panel`, growing the list as needed.
void set_override(LimitOverrides& overrides, int panel, const AxisLimits& limits);

// The figure with the overrides written into its panels' axes.
fig::Figure with_limits(fig::Figure figure, const LimitOverrides& overrides);

}  // namespace al::gui
