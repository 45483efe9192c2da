// Lays out and draws a Figure on a Canvas, and reports where everything went so that the GUI
// can map the mouse back to data (hover, pan, zoom) with the same transforms that drew it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "canvas.hpp"
#include "figure.hpp"

namespace al::fig {

struct Style {
  double scale = 1.0;       // multiplies every size: fonts, lines, markers, paddings
  double font_size = 13.0;  // tick-label font size in pixels at scale 1
};

// Where one panel landed: its plot rectangle in pixels and its data limits.
struct PanelLayout {
  Rect plot;      // the data area
  Rect colorbar;  // empty when the panel has none
  double x_min = 0, x_max = 1, y_min = 0, y_max = 1;
  bool heatmap = false;  // then x counts columns and y counts rows (row 0 at the top)
  Vec2 to_pixel(double x, double y) const;
  Vec2 to_data(Vec2 pixel) const;
};

struct FigureLayout {
  std::vector<PanelLayout> panels;  // same order as Figure::panels
};

// Draws `figure` into `area` (pixels) on `canvas` and returns the layout.
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
