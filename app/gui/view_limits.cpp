// Pan and zoom arithmetic (see view_limits.hpp).
#include "view_limits.hpp"

#include <algorithm>
#include <cmath>

namespace al::gui {

AxisLimits limits_of(const fig::PanelLayout& panel) {
  return {panel.x_min, panel.x_max, panel.y_min, panel.y_max};
}

double wheel_zoom_factor(double notches) {
  return std::pow(1.1, -notches);
}

AxisLimits zoom_about(const fig::PanelLayout& panel, fig::Vec2 anchor, double factor) {
  const fig::Vec2 a = panel.to_data(anchor);
  return {a.x - (a.x - panel.x_min) * factor, a.x + (panel.x_max - a.x) * factor,
          a.y - (a.y - panel.y_min) * factor, a.y + (panel.y_max - a.y) * factor};
}

AxisLimits pan(const fig::PanelLayout& at_start, fig::Vec2 from, fig::Vec2 to) {
  // Shift by the data distance between the two pixels, both measured on the starting transform.
  const fig::Vec2 a = at_start.to_data(from);
  const fig::Vec2 b = at_start.to_data(to);
  const double dx = a.x - b.x, dy = a.y - b.y;
  return {at_start.x_min + dx, at_start.x_max + dx, at_start.y_min + dy, at_start.y_max + dy};
}

void set_override(LimitOverrides& overrides, int panel, const AxisLimits& limits) {
  if (panel < 0) return;
  if (static_cast<int>(overrides.size()) <= panel) overrides.resize(panel + 1);
  overrides[panel] = limits;
}

fig::Figure with_limits(fig::Figure figure, const LimitOverrides& overrides) {
  const std::size_t n = std::min(overrides.size(), figure.panels.size());
  for (std::size_t i = 0; i < n; ++i) {
    if (!overrides[i]) continue;
    fig::Panel& p = figure.panels[i];
    if (p.heatmap) {
      const AxisLimits& l = *overrides[i];
      p.heatmap->window = fig::Heatmap::Window{l.x_min, l.x_max, l.y_min, l.y_max};
      continue;
    }
    p.x.min = overrides[i]->x_min;
    p.x.max = overrides[i]->x_max;
    p.y.min = overrides[i]->y_min;
    p.y.max = overrides[i]->y_max;
  }
  return figure;
}

}  // namespace al::gui
