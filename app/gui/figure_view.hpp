// The one widget that shows a Figure: it fills a screen region, draws the figure with the ImGui
// canvas, and turns the mouse into data coordinates with the transforms that drew it. Pan (drag
// on the plot), wheel zoom about the cursor, double-click to fit, a hover tooltip, and a toolbar
// row whose "Export..." button saves exactly what is shown.
//
// A frame runs in two steps so that what the mouse does lands in the same frame's drawing:
// figure_input() reads the mouse through last frame's layout (panels act on it: edit points,
// pick the hovered query), then show_figure() draws the figure (rebuilt if what it shows changed).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "app_state.hpp"

namespace al::gui {

struct FigureInput {
  bool hovered = false;   // the mouse is over the view
  int panel = -1;         // the panel whose plot area holds the mouse, -1 for none
  fig::Vec2 mouse;        // pixels
  fig::Vec2 data;         // the mouse in data coordinates of that panel (or, while a gesture
                          // runs, of the panel it started on, even outside the plot)
  bool pressed = false;   // the left button went down on a plot this frame
  bool own_drag = false;  // a press the panel claimed is being dragged (past the tolerance)
  bool released = false;  // the left-button gesture ended this frame
  std::optional<PendingClick> click;  // a single click, reported once it cannot become double
  bool right_clicked = false;
};

// Whether a press at `pixel` on `panel` belongs to the panel (e.g. grabs a point) instead of
// starting a pan.
using PressClaim = std::function<bool(int panel, fig::Vec2 pixel)>;

// `ui_scale` scales the click tolerance (3 px at scale 1).
FigureInput figure_input(FigureView& view, const fig::Rect& area, float ui_scale,
                         const PressClaim& claim = {});

// Draws the view's figure for `ctx`, with its pan/zoom applied, into the area given to
// figure_input. The figure is rebuilt only when the lab's revision or the highlighted query has
// changed since the view last built it.
void show_figure(AppState& s, FigureView& view, const fig::FigureContext& ctx);

// What the view shows of its own (B when it compares), as last built.
const fig::Figure& live_figure(const FigureView& view);
// A change of what the view compares: the view rebuilds, and pan/zoom (per panel of the figure
// shown before) starts afresh.
void compare_changed(FigureView& view);

// The row above a figure: a hint on the left (may be null), and on the right "A/B" (snapshot A,
// pin B, clear: the view then shows its A/B comparison, app/figure/comparison.hpp) and "Export..."
// (format, PNG scale, file name). Call after show_figure: it saves view.shown.
// Width of a toolbar's buttons (rows beside them leave this much room).
float toolbar_buttons_width();
void figure_toolbar(AppState& s, FigureView& view, const fig::Rect& row, const char* hint);

// Tabs bound to the setting `key` (setting_tabs: values and titles) in a toolbar row, in place of
// its hint: they leave the buttons their room and shrink with "…" when the row is narrow. Call
// before figure_toolbar(…, row, nullptr).
void toolbar_tabs(AppState& s, const fig::Rect& row, const char* id, std::string_view key,
                  const std::vector<std::pair<std::string, std::string>>& tabs, std::string& shown);

// The heatmap cell (row, column) under `pixel`, if any.
struct Cell {
  int row = 0, col = 0;
};
std::optional<Cell> heatmap_cell(const fig::PanelLayout& layout, const fig::Heatmap& heatmap,
                                 fig::Vec2 pixel);

// The same in panel `panel` of what `view` shows (none when that panel has no heatmap).
std::optional<Cell> heatmap_cell_at(const FigureView& view, int panel, fig::Vec2 pixel);

// The index of the panel whose plot area contains `pixel`, or -1.
int panel_at(const fig::FigureLayout& layout, fig::Vec2 pixel);

}  // namespace al::gui
