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

}  // namespace al::gui
