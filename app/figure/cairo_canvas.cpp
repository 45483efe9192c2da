// Canvas primitives as Cairo paths. Rectangles are filled without antialiasing so that heatmap
// cells meet edge to edge with no light seams between them.
#include "cairo_canvas.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numbers>
#include <string>

namespace al::fig {
namespace {

double aligned_start(double at, double extent, Align a) {
  switch (a) {
    case Align::Start:
      return at;
    case Align::Center:
      return at - extent / 2;
    case Align::End:
      return at - extent;
  }
  return at;
}

// matplotlib's dash patterns, in multiples of the line width.
void set_dash(cairo_t* cr, Dash dash, double width) {
  const double w = std::max(width, 0.5);
  switch (dash) {
    case Dash::Solid:
      cairo_set_dash(cr, nullptr, 0, 0);
      return;
    case Dash::Dashed: {
      const double d[] = {3.7 * w, 1.6 * w};
      cairo_set_dash(cr, d, 2, 0);
      return;
    }
    case Dash::DashDot: {
      const double d[] = {6.4 * w, 1.6 * w, 1.0 * w, 1.6 * w};
      cairo_set_dash(cr, d, 4, 0);
      return;
    }
    case Dash::Dotted: {
      const double d[] = {1.0 * w, 1.65 * w};
      cairo_set_dash(cr, d, 2, 0);
      return;
    }
  }
}

}  // namespace

CairoCanvas::CairoCanvas(cairo_t* cr) : cr_(cr) {
  // Unhinted metrics: a text's width is proportional to its size, as on vector surfaces, so a
  // PNG at any scale measures (and so lays out) its text as the PDF does. Image surfaces would
  // otherwise round each glyph's advance to whole pixels at the size drawn.
  cairo_font_options_t* options = cairo_font_options_create();
  cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
  cairo_set_font_options(cr_, options);
  cairo_font_options_destroy(options);
  cairo_select_font_face(cr_, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr_, 100.0);
  cairo_font_extents_t fe;
  cairo_font_extents(cr_, &fe);
  if (fe.ascent + fe.descent > 0) {
    em_per_pixel_height_ = 100.0 / (fe.ascent + fe.descent);
    ascent_fraction_ = fe.ascent / (fe.ascent + fe.descent);
  }
  cairo_set_line_join(cr_, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap(cr_, CAIRO_LINE_CAP_BUTT);
}

void CairoCanvas::set_color(Color c) {
  cairo_set_source_rgba(cr_, c.r, c.g, c.b, c.a);
}

void CairoCanvas::set_text_size(double size) {
  cairo_set_font_size(cr_, size * em_per_pixel_height_);
}

void CairoCanvas::polyline(const std::vector<Vec2>& points, Color color, double width, Dash dash) {
  if (points.size() < 2) return;
  cairo_new_path(cr_);
  cairo_move_to(cr_, points[0].x, points[0].y);
  for (std::size_t i = 1; i < points.size(); ++i) cairo_line_to(cr_, points[i].x, points[i].y);
  set_color(color);
  cairo_set_line_width(cr_, width);
  set_dash(cr_, dash, width);
  cairo_stroke(cr_);
  cairo_set_dash(cr_, nullptr, 0, 0);
}

void CairoCanvas::fill_rect(const Rect& r, Color color) {
  cairo_save(cr_);
  cairo_set_antialias(cr_, CAIRO_ANTIALIAS_NONE);
  cairo_rectangle(cr_, r.x0, r.y0, r.width(), r.height());
  set_color(color);
  cairo_fill(cr_);
  cairo_restore(cr_);
}

void CairoCanvas::stroke_rect(const Rect& r, Color color, double width) {
  cairo_new_path(cr_);
  cairo_rectangle(cr_, r.x0, r.y0, r.width(), r.height());
  set_color(color);
  cairo_set_line_width(cr_, width);
  cairo_stroke(cr_);
}

void CairoCanvas::fill_circle(Vec2 center, double radius, Color color) {
  cairo_new_path(cr_);
  cairo_arc(cr_, center.x, center.y, radius, 0, 2 * std::numbers::pi);
  set_color(color);
  cairo_fill(cr_);
}

void CairoCanvas::stroke_circle(Vec2 center, double radius, Color color, double width) {
  cairo_new_path(cr_);
  cairo_arc(cr_, center.x, center.y, radius, 0, 2 * std::numbers::pi);
  set_color(color);
  cairo_set_line_width(cr_, width);
  cairo_stroke(cr_);
}

// The text's box is measure_text(s) (rotated when vertical), aligned at `at`; the baseline lies
// ascent_fraction of the box's height below its top (left of it when vertical).
void CairoCanvas::text(Vec2 at, std::string_view s, double size, Color color, Align h, Align v,
                       bool vertical) {
  if (s.empty() || !(size > 0)) return;
  const Vec2 extent = measure_text(s, size);
  const std::string text(s);
  cairo_save(cr_);
  set_color(color);
  if (!vertical) {
    cairo_move_to(cr_, aligned_start(at.x, extent.x, h),
                  aligned_start(at.y, extent.y, v) + ascent_fraction_ * extent.y);
  } else {
    const double left = aligned_start(at.x, extent.y, h), top = aligned_start(at.y, extent.x, v);
    cairo_translate(cr_, left + ascent_fraction_ * extent.y, top + extent.x);
    cairo_rotate(cr_, -std::numbers::pi / 2);
    cairo_move_to(cr_, 0, 0);
  }
  cairo_show_text(cr_, text.c_str());
  cairo_restore(cr_);
}

Vec2 CairoCanvas::measure_text(std::string_view s, double size) {
  const std::string text(s);
  set_text_size(size);
  cairo_text_extents_t te;
  cairo_text_extents(cr_, text.c_str(), &te);
  return {te.x_advance, size};
}

// Straight RGBA8 to Cairo's native-endian premultiplied ARGB32, drawn with nearest filtering.
void CairoCanvas::image(const Image& image, const Rect& dst) {
  if (image.width <= 0 || image.height <= 0 ||
      image.rgba.size() < static_cast<std::size_t>(image.width) * image.height * 4 ||
      !(dst.width() > 0) || !(dst.height() > 0))
    return;
  cairo_surface_t* surface =
      cairo_image_surface_create(CAIRO_FORMAT_ARGB32, image.width, image.height);
  if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
    cairo_surface_destroy(surface);
    return;
  }
  cairo_surface_flush(surface);
  unsigned char* data = cairo_image_surface_get_data(surface);
  const int stride = cairo_image_surface_get_stride(surface);
  for (int y = 0; y < image.height; ++y) {
    auto* row = reinterpret_cast<std::uint32_t*>(data + static_cast<std::ptrdiff_t>(y) * stride);
    for (int x = 0; x < image.width; ++x) {
      const std::uint8_t* p = &image.rgba[(static_cast<std::size_t>(y) * image.width + x) * 4];
      const auto premultiply = [a = p[3]](std::uint8_t c) {
        return static_cast<std::uint32_t>((c * a + 127) / 255);
      };
      row[x] = static_cast<std::uint32_t>(p[3]) << 24 | premultiply(p[0]) << 16 |
               premultiply(p[1]) << 8 | premultiply(p[2]);
    }
  }
  cairo_surface_mark_dirty(surface);

  cairo_save(cr_);
  cairo_translate(cr_, dst.x0, dst.y0);
  cairo_scale(cr_, dst.width() / image.width, dst.height() / image.height);
  cairo_set_source_surface(cr_, surface, 0, 0);
  cairo_pattern_set_filter(cairo_get_source(cr_), CAIRO_FILTER_NEAREST);
  cairo_rectangle(cr_, 0, 0, image.width, image.height);
  cairo_fill(cr_);
  cairo_restore(cr_);
  cairo_surface_destroy(surface);
}

void CairoCanvas::push_clip(const Rect& r) {
  cairo_save(cr_);
  cairo_new_path(cr_);
  cairo_rectangle(cr_, r.x0, r.y0, r.width(), r.height());
  cairo_clip(cr_);
}

void CairoCanvas::pop_clip() {
  cairo_restore(cr_);
}

}  // namespace al::fig
