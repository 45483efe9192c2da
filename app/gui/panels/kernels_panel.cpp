// The kernel shapes K(u), the current kernel marked: what "similarity" means for each choice.
#include "app/gui/figure_view.hpp"
#include "panels.hpp"

namespace al::gui {

void kernels_input(AppState& s, const fig::Rect& area) {
  figure_input(s.kernels, area, s.ui_scale);
}

void kernels_panel(AppState& s, const fig::FigureContext& ctx) {
  show_figure(s, s.kernels, s.kernels.build(s.lab, ctx));
}

}  // namespace al::gui
