// The parts of the main window, one file each. Figure panels run in two steps per frame (see
// figure_view.hpp): *_input reads the mouse and acts on it, returning the query it points at,
// then *_panel draws the figure with the query every view highlights.
#pragma once

#include "app/figure/figures.hpp"
#include "app/gui/app_state.hpp"

namespace al::gui {

void menu_bar(AppState& s);
void controls_panel(AppState& s);  // the left column: every knob, by settings key
void status_bar(AppState& s);
void path_prompts(AppState& s);  // the popups that ask for a file or folder

// Regression plot: hover picks the nearest query; points can be added, dragged and deleted;
// a click near a curve selects the query there.
int regression_input(AppState& s, const fig::Rect& area);
void regression_panel(AppState& s, const fig::FigureContext& ctx);

// Attention heatmap: hover picks the row's query, a click selects it.
int attention_input(AppState& s, const fig::Rect& area);
void attention_panel(AppState& s, const fig::FigureContext& ctx);

// Training loss and learned w per epoch.
void training_input(AppState& s, const fig::Rect& area);
void training_panel(AppState& s, const fig::FigureContext& ctx);

// The kernel shapes K(u).
void kernels_input(AppState& s, const fig::Rect& area);
void kernels_panel(AppState& s, const fig::FigureContext& ctx);

}  // namespace al::gui
