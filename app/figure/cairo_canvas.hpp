// A Canvas on a Cairo context: the renderer of PNG, SVG and PDF files. Text uses Cairo's toy
// font API with DejaVu Sans, sized so that a line of "pixel height" s is s tall (ascent plus
// descent), as Dear ImGui sizes its fonts, so files and screen lay out alike.
#pragma once

#include <cairo.h>

#include "canvas.hpp"

namespace al::fig {

class CairoCanvas final : public Canvas {
 public:
  explicit CairoCanvas(cairo_t* cr);  // not owned

  void polyline(const std::vector<Vec2>& points, Color color, double width, Dash dash) override;
  void fill_rect(const Rect& r, Color color) override;
  void stroke_rect(const Rect& r, Color color, double width) override;
  void fill_circle(Vec2 center, double radius, Color color) override;
  void stroke_circle(Vec2 center, double radius, Color color, double width) override;
  void text(Vec2 at, std::string_view s, double size, Color color, Align h, Align v,
            bool vertical) override;
  Vec2 measure_text(std::string_view s, double size) override;
  void image(const Image& image, const Rect& dst) override;
  void push_clip(const Rect& r) override;
  void pop_clip() override;

 private:
  void set_color(Color c);
  void set_text_size(double size);

  cairo_t* cr_;
  double em_per_pixel_height_ = 1.0;  // Cairo font size per unit of ascent + descent
  double ascent_fraction_ = 0.8;      // ascent / (ascent + descent)
};

}  // namespace al::fig
