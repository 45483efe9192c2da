// Training progress: the summed squared loss and the learned w per epoch (the `loss` figure).
// Its controls (play, +1 epoch, learning rate) live in the controls column.
#include "app/gui/figure_view.hpp"
#include "panels.hpp"

namespace al::gui {

void training_input(AppState& s, const fig::Rect& area) {
  figure_input(s.training, area, s.ui_scale);
}

void training_panel(AppState& s, const fig::FigureContext& ctx) {
  show_figure(s, s.training, s.training.build(s.lab, ctx));
}

}  // namespace al::gui
