// The app's look: fonts, style and the few colours panels choose themselves. Dear ImGui 1.86
// bakes fonts into a texture at fixed pixel sizes, so a scale change (font size, HiDPI,
// presentation mode) rebuilds the atlas between frames; text of other sizes is drawn scaled from
// the nearest baked size.
#pragma once

#include <imgui.h>

#include <vector>

namespace al::gui {

struct BakedFont {
  ImFont* font = nullptr;
  float pixel_size = 0;
};

struct FontSet {
  std::vector<BakedFont> baked;  // ascending; baked[0] is the UI font
  // The smallest baked font at least `pixel_size` tall (downscaling stays sharp), else the
  // largest.
  const BakedFont& for_size(double pixel_size) const;
};

// Clears `atlas` and bakes DejaVu Sans through FreeType at `ui_pixels` (the UI font, made the
// default) and at the larger sizes figure titles use. Falls back to Dear ImGui's built-in font
// when DejaVu Sans is not installed.
FontSet build_fonts(ImFontAtlas& atlas, float ui_pixels);

// The light theme (screen and exported figures match), with every size scaled by `scale`; with
// `contrast`, black text and borders on white, for a projector that washes out greys.
void apply_style(float scale, bool contrast);

// Presentation (projector) mode: everything drawn this much larger, and the figures' lines and
// markers thicker again, so that they read from the back of a room.
inline constexpr float kPresentationScale = 1.75f;
inline constexpr double kProjectorStroke = 1.6;

// Text colour of errors (status line, training message).
inline constexpr float kErrorRgb[3] = {0.75f, 0.05f, 0.05f};
inline ImVec4 error_color() {
  return ImVec4(kErrorRgb[0], kErrorRgb[1], kErrorRgb[2], 1.0f);
}

// Text colour of warnings (training that goes wrong without failing): a dark amber, readable on
// the light theme and distinct from errors.
inline ImVec4 warning_color() {
  return ImVec4(0.62f, 0.36f, 0.0f, 1.0f);
}

}  // namespace al::gui
