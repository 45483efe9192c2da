// What a renderer must provide to draw a figure: a handful of primitives in pixel coordinates
// (origin top left). layout.hpp turns a Figure into calls on a Canvas; ImGui (screen) and Cairo
// (PNG/SVG/PDF) implement it, so every figure is laid out by one piece of code.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "figure.hpp"

namespace al::fig {

struct Vec2 {
  double x = 0, y = 0;
};

struct Rect {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  double width() const { return x1 - x0; }
  double height() const { return y1 - y0; }
  bool contains(Vec2 p) const { return p.x >= x0 && p.x < x1 && p.y >= y0 && p.y < y1; }
};

enum class Align { Start, Center, End };

// RGBA8 pixels, row-major, top row first. `key` identifies the content for texture caches
// (equal keys mean equal pixels).
struct Image {
  int width = 0, height = 0;
  std::vector<std::uint8_t> rgba;
  std::uint64_t key = 0;
};

class Canvas {
 public:
  virtual ~Canvas() = default;
  virtual void polyline(const std::vector<Vec2>& points, Color color, double width, Dash dash) = 0;
  virtual void fill_rect(const Rect& r, Color color) = 0;
  virtual void stroke_rect(const Rect& r, Color color, double width) = 0;
  virtual void fill_circle(Vec2 center, double radius, Color color) = 0;
  virtual void stroke_circle(Vec2 center, double radius, Color color, double width) = 0;
  // Text of pixel height `size`, anchored at `at` by the two alignments; rotated 90 degrees
  // counter-clockwise when `vertical` (y-axis labels). The alignments place the text's box on
  // screen, `h` along x and `v` along y; for vertical text that box is the rotated one (as wide
  // as the text is tall).
  virtual void text(Vec2 at, std::string_view s, double size, Color color, Align h, Align v,
                    bool vertical = false) = 0;
  virtual Vec2 measure_text(std::string_view s, double size) = 0;
  // Draws `image` stretched over `dst`, nearest-neighbour so cells stay crisp.
  virtual void image(const Image& image, const Rect& dst) = 0;
  // Draws, as image() would, the image whose key is `key` if the canvas still holds it from an
  // earlier frame, and says whether it did; the caller then need not make the image.
  virtual bool reuse_image(std::uint64_t /*key*/, const Rect& /*dst*/) { return false; }
  virtual void push_clip(const Rect& r) = 0;
  virtual void pop_clip() = 0;
};

}  // namespace al::fig
