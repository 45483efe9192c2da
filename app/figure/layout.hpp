// Lays out and draws a Figure on a Canvas, and reports where everything went so that the GUI
// can map the mouse back to data (hover, pan, zoom) with the same transforms that drew it.
//
// Every decision (tick counts, wrapped and shrunk text, the legend's place, the plot's size) is
// made in logical units, the figure's points at scale 1; only drawing multiplies by the scale.
// So the window, a PNG at any --scale, an SVG and a PDF of one figure put everything in the
// same place, and a layout at scale 2 is the layout at scale 1 times 2.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "canvas.hpp"
#include "figure.hpp"

namespace al::fig {

struct Style {
  double scale = 1.0;       // pixels per logical unit: multiplies fonts, lines, markers, paddings
  double font_size = 13.0;  // tick-label font size in logical units (the window's font size)
  // Projector mode's thicker strokes: multiplies line widths, and marker radii by its square root
  // (not text, not the layout), so that lines read from the back of a room.
  double stroke = 1.0;
  // High-contrast ink: the print style's greys (text, axes, grid, notes) drawn darker.
  bool contrast = false;
};

// Where one panel landed, in pixels: its plot rectangle and its data limits.
struct PanelLayout {
  Rect plot;      // the data area
  Rect colorbar;  // empty when the panel has none
  Rect legend;    // empty when the panel has none
  double x_min = 0, x_max = 1, y_min = 0, y_max = 1;
  bool heatmap = false;  // then x counts columns and y counts rows (row 0 at the top)
  Vec2 to_pixel(double x, double y) const;
  Vec2 to_data(Vec2 pixel) const;
};

struct FigureLayout {
  std::vector<PanelLayout> panels;  // same order as Figure::panels
};

// Draws `figure` into `area` (pixels) on `canvas` and returns the layout. When the text does
// not leave the plots enough room (a large font in a small window), the figure's fonts shrink
// step by step, down to 60 %; further, to no less than 8 logical units, only while text would
// otherwise be cut or overlap.
FigureLayout draw_figure(const Figure& figure, Canvas& canvas, const Rect& area,
                         const Style& style);

// "Nice" tick positions covering [lo, hi] (Heckbert's nice numbers), about `target` of them:
// the multiples of 1, 2 or 5 x 10^k inside the limits, with values near zero snapped to 0.
std::vector<double> nice_ticks(double lo, double hi, int target);

// A tick's label: as many decimals as the tick spacing `step` needs ("0.2", "15", "1e-06").
std::string tick_label(double value, double step);

// Where `value` falls among ascending cell-centre coordinates `coords`, as a fractional cell
// index (linear between the two neighbouring centres): coords {0, 1, 3} put 2 at 1.5. Empty
// when `value` lies outside [coords.front(), coords.back()] or is not a number.
std::optional<double> fractional_index(const std::vector<double>& coords, double value);

}  // namespace al::fig
