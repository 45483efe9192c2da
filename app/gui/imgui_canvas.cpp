// The Dear ImGui canvas (see imgui_canvas.hpp).
#include "imgui_canvas.hpp"

#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdint>

namespace al::gui {
namespace {

ImVec2 to_im(fig::Vec2 p) {
  return ImVec2(static_cast<float>(p.x), static_cast<float>(p.y));
}

ImU32 to_im(fig::Color c) {
  return ImGui::ColorConvertFloat4ToU32(ImVec4(c.r, c.g, c.b, c.a));
}

bool finite(fig::Vec2 p) {
  return std::isfinite(p.x) && std::isfinite(p.y);
}

// On/off lengths in multiples of the line width: matplotlib's defaults (lines.*_pattern, scaled
// by the line width as matplotlib does), so the screen matches the book's figures.
std::vector<double> dash_pattern(fig::Dash dash, double width) {
  std::vector<double> unit;
  switch (dash) {
    case fig::Dash::Solid:
      return {};
    case fig::Dash::Dashed:
      unit = {3.7, 1.6};
      break;
    case fig::Dash::DashDot:
      unit = {6.4, 1.6, 1.0, 1.6};
      break;
    case fig::Dash::Dotted:
      unit = {1.0, 1.65};
      break;
  }
  const double w = std::max(width, 1.0);
  for (double& u : unit) u *= w;
  return unit;
}

// Where a box of size `extent` starts so that `at` sits at its start, centre or end.
double aligned_start(double at, double extent, fig::Align a) {
  switch (a) {
    case fig::Align::Start:
      return at;
    case fig::Align::Center:
      return at - extent / 2;
    case fig::Align::End:
      return at - extent;
  }
  return at;
}

}  // namespace

std::vector<std::vector<fig::Vec2>> dash_pieces(const std::vector<fig::Vec2>& points,
                                                const std::vector<double>& pattern) {
  std::vector<std::vector<fig::Vec2>> pieces;
  std::vector<fig::Vec2> current;
  auto flush = [&] {
    if (current.size() >= 2) pieces.push_back(current);
    current.clear();
  };
  std::size_t k = 0;  // index into the pattern; even entries are "on"
  double left = pattern.empty() ? INFINITY : pattern[0];  // length left in the current entry
  bool have_prev = false;
  fig::Vec2 prev;
  for (const fig::Vec2& p : points) {
    if (!finite(p)) {  // a gap: end the piece, keep the pattern's phase
      flush();
      have_prev = false;
      continue;
    }
    if (!have_prev) {
      if (k % 2 == 0) current = {p};
      prev = p;
      have_prev = true;
      continue;
    }
    const double dx = p.x - prev.x, dy = p.y - prev.y;
    const double length = std::hypot(dx, dy);
    double t = 0;  // distance walked along this segment
    while (length - t > left) {
      t += left;
      const fig::Vec2 q{prev.x + dx * t / length, prev.y + dy * t / length};
      if (k % 2 == 0) {
        current.push_back(q);
        flush();
      } else {
        current = {q};
      }
      k = (k + 1) % pattern.size();
      left = pattern[k];
    }
    left -= length - t;
    if (k % 2 == 0) current.push_back(p);
    prev = p;
  }
  flush();
  return pieces;
}

ImGuiCanvas::ImGuiCanvas(ImDrawList* draw_list, const FontSet& fonts, TextureSlots& textures)
    : draw_list_(draw_list), fonts_(fonts), textures_(textures) {}

void ImGuiCanvas::polyline(const std::vector<fig::Vec2>& points, fig::Color color, double width,
                           fig::Dash dash) {
  const ImU32 col = to_im(color);
  const float w = static_cast<float>(width);
  std::vector<ImVec2> im;
  for (const auto& piece : dash_pieces(points, dash_pattern(dash, width))) {
    im.clear();
    for (const fig::Vec2& p : piece) im.push_back(to_im(p));
    draw_list_->AddPolyline(im.data(), static_cast<int>(im.size()), col, ImDrawFlags_None, w);
  }
}

void ImGuiCanvas::fill_rect(const fig::Rect& r, fig::Color color) {
  draw_list_->AddRectFilled(to_im(fig::Vec2{r.x0, r.y0}), to_im(fig::Vec2{r.x1, r.y1}),
                            to_im(color));
}

void ImGuiCanvas::stroke_rect(const fig::Rect& r, fig::Color color, double width) {
  // A closed path on the rectangle's edges (AddRect would inset it by half a pixel).
  draw_list_->PathLineTo(to_im(fig::Vec2{r.x0, r.y0}));
  draw_list_->PathLineTo(to_im(fig::Vec2{r.x1, r.y0}));
  draw_list_->PathLineTo(to_im(fig::Vec2{r.x1, r.y1}));
  draw_list_->PathLineTo(to_im(fig::Vec2{r.x0, r.y1}));
  draw_list_->PathStroke(to_im(color), ImDrawFlags_Closed, static_cast<float>(width));
}

void ImGuiCanvas::fill_circle(fig::Vec2 center, double radius, fig::Color color) {
  draw_list_->AddCircleFilled(to_im(center), static_cast<float>(radius), to_im(color));
}

void ImGuiCanvas::stroke_circle(fig::Vec2 center, double radius, fig::Color color, double width) {
  draw_list_->AddCircle(to_im(center), static_cast<float>(radius), to_im(color), 0,
                        static_cast<float>(width));
}

fig::Vec2 measure_text(const FontSet& fonts, std::string_view s, double size) {
  const ImVec2 extent = fonts.for_size(size).font->CalcTextSizeA(
      static_cast<float>(size), FLT_MAX, 0.0f, s.data(), s.data() + s.size());
  return {extent.x, extent.y};
}

fig::Vec2 ImGuiCanvas::measure_text(std::string_view s, double size) {
  return gui::measure_text(fonts_, s, size);
}

void ImGuiCanvas::text(fig::Vec2 at, std::string_view s, double size, fig::Color color,
                       fig::Align h, fig::Align v, bool vertical) {
  if (s.empty() || !(size > 0)) return;
  ImFont* font = fonts_.for_size(size).font;
  const float px = static_cast<float>(size);
  const fig::Vec2 extent = measure_text(s, size);
  if (!vertical) {
    // Whole pixels keep glyphs as sharp as the atlas baked them.
    const ImVec2 pos(std::round(static_cast<float>(aligned_start(at.x, extent.x, h))),
                     std::round(static_cast<float>(aligned_start(at.y, extent.y, v))));
    draw_list_->AddText(font, px, pos, to_im(color), s.data(), s.data() + s.size());
    return;
  }
  // The box on screen is extent.y wide and extent.x tall, aligned at `at`. Lay the text out
  // horizontally, centred on the box's centre c, then turn the vertices just added 90 degrees
  // counter-clockwise about c: an offset (dx, dy) becomes (dy, -dx), so the text reads bottom to
  // top. Whole-pixel positions and centre keep the turned glyphs on the pixel grid.
  const float cx = std::round(static_cast<float>(aligned_start(at.x, extent.y, h) + extent.y / 2));
  const float cy = std::round(static_cast<float>(aligned_start(at.y, extent.x, v) + extent.x / 2));
  const ImVec2 pos(std::round(cx - static_cast<float>(extent.x) / 2),
                   std::round(cy - static_cast<float>(extent.y) / 2));
  // AddText drops glyphs outside the current clip rectangle before they are turned into it, so
  // it lays them out unclipped; vertical text is only used for labels outside the plot area.
  draw_list_->PushClipRect(ImVec2(-1e5f, -1e5f), ImVec2(1e5f, 1e5f), false);
  const int first = draw_list_->VtxBuffer.Size;
  draw_list_->AddText(font, px, pos, to_im(color), s.data(), s.data() + s.size());
  const int last = draw_list_->VtxBuffer.Size;
  draw_list_->PopClipRect();
  for (int i = first; i < last; ++i) {
    ImVec2& p = draw_list_->VtxBuffer[i].pos;
    p = ImVec2(cx + (p.y - cy), cy - (p.x - cx));
  }
}

void ImGuiCanvas::image(const fig::Image& image, const fig::Rect& dst) {
  const unsigned int tex = textures_.texture(next_slot_++, image);
  draw_list_->AddImage(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(tex)),
                       to_im(fig::Vec2{dst.x0, dst.y0}), to_im(fig::Vec2{dst.x1, dst.y1}));
}

bool ImGuiCanvas::reuse_image(std::uint64_t key, const fig::Rect& dst) {
  const unsigned int tex = textures_.cached(next_slot_, key);
  if (tex == 0) return false;
  ++next_slot_;
  draw_list_->AddImage(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(tex)),
                       to_im(fig::Vec2{dst.x0, dst.y0}), to_im(fig::Vec2{dst.x1, dst.y1}));
  return true;
}

void ImGuiCanvas::push_clip(const fig::Rect& r) {
  draw_list_->PushClipRect(to_im(fig::Vec2{r.x0, r.y0}), to_im(fig::Vec2{r.x1, r.y1}), true);
}

void ImGuiCanvas::pop_clip() {
  draw_list_->PopClipRect();
}

}  // namespace al::gui
