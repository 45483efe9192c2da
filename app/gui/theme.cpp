// Font atlas and style (see theme.hpp).
#include "theme.hpp"

#include <imgui.h>
#include <imgui_freetype.h>

#include <cmath>
#include <filesystem>

namespace al::gui {
namespace {

constexpr const char* kFontPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

// Latin-1, Greek (sigma, alpha), general punctuation (ellipsis, dashes, middle dot variants),
// arrows and mathematical operators: what labels and readouts use. Must outlive the build.
constexpr ImWchar kGlyphRanges[] = {0x0020, 0x00FF, 0x0370, 0x03FF, 0x2000, 0x206F,
                                    0x2190, 0x21FF, 0x2200, 0x22FF, 0};

// Sizes baked besides the UI size, as multiples of it: figures draw tick labels at the UI size,
// legends at 0.9x and axis labels and titles at 1.1x and 1.2x (fig::draw_figure's metrics),
// which would blur if scaled from the UI size. A figure short of room shrinks its fonts (down to
// 60 %, legends to 70 % of that): scaled down from the UI size, thin glyphs such as the hyphen
// vanish at 8-10 px, so the smaller sizes are baked too.
constexpr float kExtraSizes[] = {0.6f, 0.7f, 0.8f, 0.9f, 1.1f, 1.2f};

ImFont* add_font(ImFontAtlas& atlas, float pixels, bool have_dejavu) {
  ImFontConfig cfg;
  cfg.SizePixels = pixels;
  cfg.FontBuilderFlags = ImGuiFreeTypeBuilderFlags_LightHinting;
  if (have_dejavu) return atlas.AddFontFromFileTTF(kFontPath, pixels, &cfg, kGlyphRanges);
  return atlas.AddFontDefault(&cfg);
}

}  // namespace

// The smallest baked size that is not smaller than asked (drawn scaled down a little, never up),
// else the largest. `baked` starts with the UI size, so it is not sorted.
const BakedFont& FontSet::for_size(double pixel_size) const {
  const BakedFont* best = nullptr;
  const BakedFont* largest = &baked.front();
  for (const BakedFont& b : baked) {
    if (b.pixel_size > largest->pixel_size) largest = &b;
    if (b.pixel_size >= pixel_size - 0.5 && (!best || b.pixel_size < best->pixel_size)) best = &b;
  }
  return best ? *best : *largest;
}

FontSet build_fonts(ImFontAtlas& atlas, float ui_pixels) {
  atlas.Clear();
  atlas.FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
  const bool have_dejavu = std::filesystem::exists(kFontPath);
  FontSet set;
  set.baked.push_back({add_font(atlas, ui_pixels, have_dejavu), ui_pixels});
  for (float k : kExtraSizes) {
    const float px = std::round(ui_pixels * k);
    set.baked.push_back({add_font(atlas, px, have_dejavu), px});
  }
  atlas.Build();
  return set;
}

void apply_style(float scale, bool contrast) {
  ImGuiStyle& style = ImGui::GetStyle();
  style = ImGuiStyle();
  ImGui::StyleColorsLight(&style);
  style.WindowRounding = 0.0f;
  style.FrameRounding = 3.0f;
  style.GrabRounding = 3.0f;
  style.WindowBorderSize = 0.0f;
  style.FrameBorderSize = 1.0f;  // input fields stay visible on white popups
  if (contrast) {
    const ImVec4 black(0, 0, 0, 1), white(1, 1, 1, 1), blue(0.0f, 0.25f, 0.8f, 1.0f);
    ImVec4* c = style.Colors;
    c[ImGuiCol_Text] = black;
    c[ImGuiCol_TextDisabled] = ImVec4(0.3f, 0.3f, 0.3f, 1);
    c[ImGuiCol_WindowBg] = c[ImGuiCol_ChildBg] = c[ImGuiCol_PopupBg] = white;
    c[ImGuiCol_MenuBarBg] = ImVec4(0.9f, 0.9f, 0.9f, 1);
    c[ImGuiCol_Border] = black;
    c[ImGuiCol_FrameBg] = white;
    c[ImGuiCol_FrameBgHovered] = ImVec4(0.85f, 0.9f, 1, 1);
    c[ImGuiCol_FrameBgActive] = ImVec4(0.75f, 0.83f, 1, 1);
    c[ImGuiCol_Button] = ImVec4(0.82f, 0.87f, 1, 1);
    c[ImGuiCol_Header] = ImVec4(0.75f, 0.83f, 1, 1);
    c[ImGuiCol_CheckMark] = c[ImGuiCol_SliderGrab] = c[ImGuiCol_SliderGrabActive] = blue;
    c[ImGuiCol_Separator] = black;
    c[ImGuiCol_PlotHistogram] = blue;  // progress bars
    style.FrameBorderSize = 2.0f;
    style.ChildBorderSize = 2.0f;
  }
  style.ScaleAllSizes(scale);
}

}  // namespace al::gui
