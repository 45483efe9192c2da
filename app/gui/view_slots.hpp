// Where a lab's figures go in its part of the window: the area cut into rows and columns with the
// style's item spacing between them, and each part a toolbar row above its figure. Every lab lays
// out its views with these, so they line up alike and keep a pixel grid.
#pragma once

#include <array>
#include <utility>

#include "app/figure/canvas.hpp"

namespace al::gui {

// `r` cut across at `share` of its height (rounded to a whole pixel): the top part and the bottom.
std::pair<fig::Rect, fig::Rect> split_rows(const fig::Rect& r, double share);

// `r` cut at `share` of its width: the left part and the right.
std::pair<fig::Rect, fig::Rect> split_columns(const fig::Rect& r, double share);

// A figure's toolbar row (figure_toolbar, or a tab bar) along the top of `r`, and the figure below.
struct ViewSlot {
  fig::Rect bar, figure;
};
ViewSlot view_slot(const fig::Rect& r);

// Two slots above two: the top row `top_share` of the height; the left slot of each row its share
// of the width. In reading order: top left, top right, bottom left, bottom right.
std::array<ViewSlot, 4> two_by_two(const fig::Rect& r, double top_share, double top_left_share,
                                   double bottom_left_share);

}  // namespace al::gui
