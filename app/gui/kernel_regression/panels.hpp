// The parts of the kernel-regression lab, one file each. Figure panels run in two steps per frame
// (see figure_view.hpp): *_input reads the mouse and acts on it, returning the query it points at,
// then *_panel draws the figure with the query every view highlights.
#pragma once

#include "app/figure/figures.hpp"
#include "app/gui/app_state.hpp"

namespace al::gui {

void controls_panel(AppState& s);           // the left column: every knob, by settings key
void edit_and_training_menus(AppState& s);  // Edit (undo of the points) and Training

// Regression plot: hover picks the nearest query; points can be added, dragged and deleted;
// a click near a curve selects the query there.
int regression_input(AppState& s, const fig::Rect& area);
void regression_panel(AppState& s, const fig::FigureContext& ctx);

// Attention heatmap: hover picks the row's query, a click selects it.
int attention_input(AppState& s, const fig::Rect& area);
void attention_panel(AppState& s, const fig::FigureContext& ctx);

// A figure with only the view's own interaction: training loss and learned w per epoch
// (s.training), the kernel shapes K(u) (s.kernels).
void plain_figure_input(AppState& s, FigureView& view, const fig::Rect& area);
void plain_figure_panel(AppState& s, FigureView& view, const fig::FigureContext& ctx);

}  // namespace al::gui
