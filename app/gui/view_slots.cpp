#include "view_slots.hpp"

#include <imgui.h>

#include <cmath>

namespace al::gui {
namespace {

double gap() {
  return ImGui::GetStyle().ItemSpacing.y;
}

}  // namespace

std::pair<fig::Rect, fig::Rect> split_rows(const fig::Rect& r, double share) {
  const double cut = std::round(r.y0 + r.height() * share);
  return {{r.x0, r.y0, r.x1, cut - gap() / 2}, {r.x0, cut + gap() / 2, r.x1, r.y1}};
}

std::pair<fig::Rect, fig::Rect> split_columns(const fig::Rect& r, double share) {
  const double cut = std::round(r.x0 + r.width() * share);
  return {{r.x0, r.y0, cut - gap() / 2, r.y1}, {cut + gap() / 2, r.y0, r.x1, r.y1}};
}

ViewSlot view_slot(const fig::Rect& r) {
  const double bar_y1 = r.y0 + ImGui::GetFrameHeight();
  return {{r.x0, r.y0, r.x1, bar_y1}, {r.x0, bar_y1, r.x1, r.y1}};
}

std::array<ViewSlot, 4> two_by_two(const fig::Rect& r, double top_share, double top_left_share,
                                   double bottom_left_share) {
  const auto [top, bottom] = split_rows(r, top_share);
  const auto [top_left, top_right] = split_columns(top, top_left_share);
  const auto [bottom_left, bottom_right] = split_columns(bottom, bottom_left_share);
  return {view_slot(top_left), view_slot(top_right), view_slot(bottom_left),
          view_slot(bottom_right)};
}

}  // namespace al::gui
