// A figure with no interaction of its own beyond the view's (pan, zoom, hover, export): the
// training loss and learned w, and the kernel shapes K(u).
#include "app/gui/figure_view.hpp"
#include "panels.hpp"

namespace al::gui {

void plain_figure_input(AppState& s, FigureView& view, const fig::Rect& area) {
  figure_input(view, area, s.ui_scale);
}

void plain_figure_panel(AppState& s, FigureView& view, const fig::FigureContext& ctx) {
  show_figure(s, view, ctx);
}

}  // namespace al::gui
