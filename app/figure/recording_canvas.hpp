// A Canvas that records every call instead of drawing: tests check what a layout emitted (how
// many cells, which colours, where the text went) without a renderer. Text is measured as
// 0.6 x size per character and `size` tall, so layouts are deterministic.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "canvas.hpp"

namespace al::fig {

class RecordingCanvas final : public Canvas {
 public:
  enum class Kind {
    Polyline,
    FillRect,
    StrokeRect,
    FillCircle,
    StrokeCircle,
    Text,
    Image,
    PushClip,
    PopClip
  };
  struct Op {
    Kind kind = Kind::Polyline;
    Rect rect;  // rects, clips, image destination, circle bounds
    Color color;
    std::vector<Vec2> points;  // polyline
    Dash dash = Dash::Solid;
    double width = 0;  // line width, or circle radius
    std::string text;
    double size = 0;
    bool vertical = false;
    Align h = Align::Start, v = Align::Start;
    int image_width = 0, image_height = 0;
    std::uint64_t image_key = 0;
  };
  std::vector<Op> ops;

  std::vector<const Op*> of_kind(Kind kind) const {
    std::vector<const Op*> out;
    for (const Op& op : ops)
      if (op.kind == kind) out.push_back(&op);
    return out;
  }

  void polyline(const std::vector<Vec2>& points, Color color, double width, Dash dash) override {
    Op& op = add(Kind::Polyline, {}, color);
    op.points = points;
    op.width = width;
    op.dash = dash;
  }
  void fill_rect(const Rect& r, Color color) override { add(Kind::FillRect, r, color); }
  void stroke_rect(const Rect& r, Color color, double width) override {
    add(Kind::StrokeRect, r, color).width = width;
  }
  void fill_circle(Vec2 c, double radius, Color color) override {
    add(Kind::FillCircle, {c.x - radius, c.y - radius, c.x + radius, c.y + radius}, color).width =
        radius;
  }
  void stroke_circle(Vec2 c, double radius, Color color, double width) override {
    add(Kind::StrokeCircle, {c.x - radius, c.y - radius, c.x + radius, c.y + radius}, color).width =
        width;
  }
  void text(Vec2 at, std::string_view s, double size, Color color, Align h, Align v,
            bool vertical) override {
    Op& op = add(Kind::Text, {at.x, at.y, at.x, at.y}, color);
    op.text = std::string(s);
    op.size = size;
    op.vertical = vertical;
    op.h = h;
    op.v = v;
  }
  // The box a text op covers on the canvas: measure_text's extent (turned when vertical)
  // placed by the op's alignments.
  Rect text_box(const Op& op) {
    const Vec2 extent = measure_text(op.text, op.size);
    const double w = op.vertical ? extent.y : extent.x, h = op.vertical ? extent.x : extent.y;
    const auto start = [](double at, double length, Align a) {
      return a == Align::Start ? at : a == Align::Center ? at - length / 2 : at - length;
    };
    const double x0 = start(op.rect.x0, w, op.h), y0 = start(op.rect.y0, h, op.v);
    return {x0, y0, x0 + w, y0 + h};
  }
  Vec2 measure_text(std::string_view s, double size) override {
    return {0.6 * size * static_cast<double>(s.size()), size};
  }
  void image(const Image& image, const Rect& dst) override {
    Op& op = add(Kind::Image, dst, {});
    op.image_width = image.width;
    op.image_height = image.height;
    op.image_key = image.key;
  }
  void push_clip(const Rect& r) override { add(Kind::PushClip, r, {}); }
  void pop_clip() override { add(Kind::PopClip, {}, {}); }

 private:
  Op& add(Kind kind, const Rect& rect, Color color) {
    Op& op = ops.emplace_back();
    op.kind = kind;
    op.rect = rect;
    op.color = color;
    return op;
  }
};

}  // namespace al::fig
