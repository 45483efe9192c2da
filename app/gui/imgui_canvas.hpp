// fig::Canvas on a Dear ImGui draw list: how figures reach the screen. The same layout code
// drives the Cairo canvas for files, so the screen and an exported file show one description.
#pragma once

#include <vector>

#include "app/figure/canvas.hpp"
#include "texture_slots.hpp"
#include "theme.hpp"

struct ImDrawList;

namespace al::gui {

class ImGuiCanvas final : public fig::Canvas {
 public:
  // Images go to `textures` in drawing order (slot 0, 1, ...), so a view that draws the same
  // figure every frame keeps its textures.
  ImGuiCanvas(ImDrawList* draw_list, const FontSet& fonts, TextureSlots& textures);

  void polyline(const std::vector<fig::Vec2>& points, fig::Color color, double width,
                fig::Dash dash) override;
  void fill_rect(const fig::Rect& r, fig::Color color) override;
  void stroke_rect(const fig::Rect& r, fig::Color color, double width) override;
  void fill_circle(fig::Vec2 center, double radius, fig::Color color) override;
  void stroke_circle(fig::Vec2 center, double radius, fig::Color color, double width) override;
  void text(fig::Vec2 at, std::string_view s, double size, fig::Color color, fig::Align h,
            fig::Align v, bool vertical = false) override;
  fig::Vec2 measure_text(std::string_view s, double size) override;
  void image(const fig::Image& image, const fig::Rect& dst) override;
  bool reuse_image(std::uint64_t key, const fig::Rect& dst) override;
  void push_clip(const fig::Rect& r) override;
  void pop_clip() override;

 private:
  ImDrawList* draw_list_;
  const FontSet& fonts_;
  TextureSlots& textures_;
  int next_slot_ = 0;
};

// Text extent with the fonts the ImGui canvas draws with.
fig::Vec2 measure_text(const FontSet& fonts, std::string_view s, double size);

// A canvas that draws nothing and measures text like ImGuiCanvas: a layout pass that only wants
// to know where the panels would go.
class LayoutProbe final : public fig::Canvas {
 public:
  explicit LayoutProbe(const FontSet& fonts) : fonts_(fonts) {}
  void polyline(const std::vector<fig::Vec2>&, fig::Color, double, fig::Dash) override {}
  void fill_rect(const fig::Rect&, fig::Color) override {}
  void stroke_rect(const fig::Rect&, fig::Color, double) override {}
  void fill_circle(fig::Vec2, double, fig::Color) override {}
  void stroke_circle(fig::Vec2, double, fig::Color, double) override {}
  void text(fig::Vec2, std::string_view, double, fig::Color, fig::Align, fig::Align,
            bool) override {}
  fig::Vec2 measure_text(std::string_view s, double size) override {
    return gui::measure_text(fonts_, s, size);
  }
  void image(const fig::Image&, const fig::Rect&) override {}
  // A probe draws nothing, so any image is as good as drawn: none is made.
  bool reuse_image(std::uint64_t, const fig::Rect&) override { return true; }
  void push_clip(const fig::Rect&) override {}
  void pop_clip() override {}

 private:
  const FontSet& fonts_;
};

// The "on" pieces of a dashed polyline, for on/off lengths `pattern` in pixels. The pattern runs
// on across vertices, so a dense curve keeps an even rhythm; a solid line is one piece. Points
// with a non-finite coordinate break the line.
std::vector<std::vector<fig::Vec2>> dash_pieces(const std::vector<fig::Vec2>& points,
                                                const std::vector<double>& pattern);

}  // namespace al::gui
