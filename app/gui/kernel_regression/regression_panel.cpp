// The regression plot: the estimates over the training points, and the place to edit them.
// Press on a point and drag = move it; right-click a point = delete it; a click on empty plot
// area adds a point there, unless it is near a curve, where it selects the query instead.
#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "app/gui/actions.hpp"
#include "app/gui/figure_view.hpp"
#include "app/gui/linking.hpp"
#include "panels.hpp"

namespace al::gui {
namespace {

// How close (pixels at scale 1) the mouse must be to grab a point or to click a curve.
constexpr double kPickRadius = 8.0;

// The training point drawn within the pick radius of `pixel` (the nearest), or -1.
int point_near(const AppState& s, fig::Vec2 pixel) {
  if (!s.lab.settings().view_points || s.regression.layout.panels.empty()) return -1;
  const fig::PanelLayout& layout = s.regression.layout.panels[0];
  const Dataset& d = s.lab.data();
  const double radius = kPickRadius * s.ui_scale;
  int best = -1;
  double best_distance = radius;
  for (std::size_t i = 0; i < d.x.size(); ++i) {
    const fig::Vec2 p = layout.to_pixel(d.x[i], d.y[i]);
    const double distance = std::hypot(p.x - pixel.x, p.y - pixel.y);
    if (distance <= best_distance) best = static_cast<int>(i), best_distance = distance;
  }
  return best;
}

// Whether a line of the plot as shown passes within the pick radius of `pixel` (vertically).
bool near_curve(const AppState& s, fig::Vec2 pixel) {
  const FigureView& view = s.regression;
  if (view.layout.panels.empty() || view.shown.panels.empty()) return false;
  const fig::PanelLayout& layout = view.layout.panels[0];
  const double x = layout.to_data(pixel).x;
  for (const fig::Series& series : view.shown.panels[0].series) {
    if (series.kind != fig::Series::Kind::Line) continue;
    const auto it = std::upper_bound(series.x.begin(), series.x.end(), x);
    if (it == series.x.begin() || it == series.x.end()) continue;
    const auto i = static_cast<std::size_t>(it - series.x.begin());
    const double x0 = series.x[i - 1], x1 = series.x[i];
    if (i >= series.y.size()) continue;
    // y on the segment under x: y0 + (y1 - y0) (x - x0) / (x1 - x0)
    const double y = series.y[i - 1] + (series.y[i] - series.y[i - 1]) * (x - x0) / (x1 - x0);
    if (std::isfinite(y) && std::abs(layout.to_pixel(x, y).y - pixel.y) <= kPickRadius * s.ui_scale)
      return true;
  }
  return false;
}

}  // namespace

int regression_input(AppState& s, const fig::Rect& area) {
  FigureView& view = s.regression;
  const auto claim = [&s](int panel, fig::Vec2 pixel) {
    return panel == 0 && point_near(s, pixel) >= 0;
  };
  const FigureInput in = figure_input(view, area, s.ui_scale, claim);

  if (in.pressed && view.gesture.kind == Gesture::Kind::Own) {
    s.dragged_point = point_near(s, in.mouse);
    // The axes follow the data; while a point moves they hold still, or the point would chase
    // its own padding off the top of the plot.
    if (view.limits.empty() || !view.limits[0]) {
      set_override(view.limits, 0, limits_of(view.layout.panels[0]));
      s.axes_pinned_for_drag = true;
    }
  }
  if (in.own_drag && s.dragged_point >= 0)
    s.dragged_point = s.lab.move_point(s.dragged_point, in.data.x, in.data.y);
  if (in.released) {
    s.dragged_point = -1;
    if (s.axes_pinned_for_drag && !view.limits.empty()) view.limits[0].reset();
    s.axes_pinned_for_drag = false;
  }

  if (in.right_clicked && in.panel == 0) {
    const int i = point_near(s, in.mouse);
    if (i >= 0 && s.lab.data().x.size() <= 1)
      show_message(s, "The last point cannot be deleted: the estimators need a key.", true);
    else if (i >= 0)
      s.lab.delete_point(i);
  }

  if (in.click && in.click->panel == 0) {
    if (near_curve(s, in.click->pixel))
      select_query(s, nearest_index(s.lab.data().queries, in.click->data.x));
    else
      s.lab.add_point(in.click->data.x, in.click->data.y);
  }

  return in.panel == 0 ? nearest_index(s.lab.data().queries, in.data.x) : -1;
}

void regression_panel(AppState& s, const fig::FigureContext& ctx) {
  show_figure(s, s.regression, ctx);
}

}  // namespace al::gui
