// The attention heatmap: queries x keys of the chosen estimator. Hovering a row points at that
// query in every view; clicking it selects the query.
#include "app/gui/actions.hpp"
#include "app/gui/figure_view.hpp"
#include "panels.hpp"

namespace al::gui {
namespace {

// The heatmap row (query) under `pixel` in the figure as last drawn, or -1.
int row_at(const FigureView& view, int panel, fig::Vec2 pixel) {
  if (panel < 0 || panel >= static_cast<int>(view.shown.panels.size())) return -1;
  const auto& heatmap = view.shown.panels[panel].heatmap;
  if (!heatmap) return -1;
  const auto cell = heatmap_cell(view.layout.panels[panel], *heatmap, pixel);
  return cell ? cell->row : -1;
}

}  // namespace

int attention_input(AppState& s, const fig::Rect& area) {
  FigureView& view = s.attention;
  const FigureInput in = figure_input(view, area, s.ui_scale);
  if (in.click) {
    const int row = row_at(view, in.click->panel, in.click->pixel);
    if (row >= 0) select_query(s, row);
  }
  return row_at(view, in.panel, in.mouse);
}

void attention_panel(AppState& s, const fig::FigureContext& ctx) {
  show_figure(s, s.attention, ctx);
}

}  // namespace al::gui
