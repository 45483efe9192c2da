// The book's figures by name: `attention-lab figure d2l-kernel-estimates` draws the chapter's
// F3 as the book does (1 x 4 panels, its data, labels, legend, colormap and size in inches).
//
// A book figure is no second implementation of a figure: it is a preset of settings (the book's
// data and knobs, which the user's --set apply on top of) and a layout over the figures the labs
// already draw. Each of its panels is one panel of a lab figure (figure_registry) built with the
// preset, the user's settings and that panel's own few keys (F3's four kernels), then dressed in
// the book's labels, legend and limits. The catalogue is listed with the other figures
// (figure_registry, `figure --list`) and in the window's View > Book figures menu.
#pragma once

#include <span>

#include "figures.hpp"

namespace al::fig {

// Every book figure (F1-F16 of both editions, G1-G6 of the old one), in the book's order: each
// entry carries its book section, its preset (with app.lab: the lab that shows it live) and its
// builder. figure_registry lists them after the labs' figures.
std::span<const FigureInfo> book_figures();

// Points per inch: a book figure's natural size is its size in inches times this.
inline constexpr double kPointsPerInch = 72.0;
// The tick font of a book figure, in points: matplotlib's default, at which the book's small
// figures (2.5 x 2.5 in) were laid out.
inline constexpr double kBookFontSize = 10.0;

// The PNG scale of a book figure at `dpi` pixels per inch (figure.dpi), times the user's --scale.
inline double book_png_scale(double dpi, double scale) {
  return dpi / kPointsPerInch * scale;
}

}  // namespace al::fig
