// The ImGui canvas without a window: dash patterns and where (rotated) text lands in the draw
// list. Only a Dear ImGui context and a font atlas are needed.
#include "app/gui/imgui_canvas.hpp"

#include <gtest/gtest.h>
#include <imgui.h>

#include <cfloat>

namespace al::gui {
namespace {

TEST(DashPieces, SolidLineIsOnePieceAndGapsSplitIt) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const auto solid = dash_pieces({{0, 0}, {10, 0}, {20, 0}}, {});
  ASSERT_EQ(solid.size(), 1u);
  EXPECT_EQ(solid[0].size(), 3u);
  const auto broken = dash_pieces({{0, 0}, {10, 0}, {nan, 0}, {20, 0}, {30, 0}}, {});
  ASSERT_EQ(broken.size(), 2u);
  EXPECT_EQ(broken[1][0].x, 20);
}

TEST(DashPieces, PatternRunsOnAcrossVertices) {
  // 4 on, 2 off along x from 0 to 13, with a vertex at 8: on [0,4], [6,10], [12,13].
  const auto pieces = dash_pieces({{0, 0}, {8, 0}, {13, 0}}, {4, 2});
  ASSERT_EQ(pieces.size(), 3u);
  EXPECT_DOUBLE_EQ(pieces[0].front().x, 0);
  EXPECT_DOUBLE_EQ(pieces[0].back().x, 4);
  ASSERT_EQ(pieces[1].size(), 3u);  // crosses the vertex at 8
  EXPECT_DOUBLE_EQ(pieces[1][0].x, 6);
  EXPECT_DOUBLE_EQ(pieces[1][1].x, 8);
  EXPECT_DOUBLE_EQ(pieces[1][2].x, 10);
  EXPECT_DOUBLE_EQ(pieces[2].front().x, 12);
  EXPECT_DOUBLE_EQ(pieces[2].back().x, 13);
}

// A Dear ImGui frame with DejaVu baked at 20 px and one window whose draw list the canvas uses.
class CanvasText : public ::testing::Test {
 protected:
  void SetUp() override {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(800, 600);
    io.DeltaTime = 1.0f / 60;
    fonts = build_fonts(*io.Fonts, 20.0f);
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::Begin("canvas");
    draw_list = ImGui::GetWindowDrawList();
  }
  void TearDown() override {
    ImGui::End();
    ImGui::EndFrame();
    ImGui::DestroyContext();
  }
  // Bounding box of the vertices that `draw` adds.
  template <class F>
  fig::Rect added_box(F draw) {
    const int first = draw_list->VtxBuffer.Size;
    draw();
    fig::Rect box{FLT_MAX, FLT_MAX, -FLT_MAX, -FLT_MAX};
    for (int i = first; i < draw_list->VtxBuffer.Size; ++i) {
      const ImVec2 p = draw_list->VtxBuffer[i].pos;
      box = {std::min<double>(box.x0, p.x), std::min<double>(box.y0, p.y),
             std::max<double>(box.x1, p.x), std::max<double>(box.y1, p.y)};
    }
    return box;
  }
  FontSet fonts;
  TextureSlots textures;
  ImDrawList* draw_list = nullptr;
};

TEST_F(CanvasText, HorizontalTextSitsInItsAlignedBox) {
  ImGuiCanvas canvas(draw_list, fonts, textures);
  const fig::Vec2 size = canvas.measure_text("weight", 20);
  EXPECT_GT(size.x, 40);
  EXPECT_EQ(size.y, 20);
  // End/Center: the box's right edge at x = 300, its middle at y = 200.
  const fig::Rect box = added_box([&] {
    canvas.text({300, 200}, "weight", 20, {}, fig::Align::End, fig::Align::Center);
  });
  EXPECT_LE(box.x1, 301);
  EXPECT_GE(box.x0, 300 - size.x - 1);
  EXPECT_GE(box.y0, 190 - 1);
  EXPECT_LE(box.y1, 210 + 1);
}

TEST_F(CanvasText, VerticalTextIsTurnedIntoTheRotatedBox) {
  ImGuiCanvas canvas(draw_list, fonts, textures);
  const fig::Vec2 size = canvas.measure_text("weight", 20);
  // Start/Center: the rotated box (20 wide, size.x tall) starts at x = 100, centred on y = 300.
  const fig::Rect box = added_box([&] {
    canvas.text({100, 300}, "weight", 20, {}, fig::Align::Start, fig::Align::Center, true);
  });
  EXPECT_GE(box.x0, 100 - 1);
  EXPECT_LE(box.x1, 100 + 20 + 1);
  EXPECT_GE(box.y0, 300 - size.x / 2 - 1);
  EXPECT_LE(box.y1, 300 + size.x / 2 + 1);
  // Taller than wide: it was turned.
  EXPECT_GT(box.height(), 2 * box.width());
}

TEST_F(CanvasText, VerticalTextReadsBottomToTop) {
  ImGuiCanvas canvas(draw_list, fonts, textures);
  const double first_width = canvas.measure_text("l", 20).x;
  // Box bottom at y = 300. Glyph quads are added in string order, 4 vertices each, so the first
  // quad is the "l": reading bottom to top, it is the lowest glyph.
  const int first = draw_list->VtxBuffer.Size;
  canvas.text({100, 300}, "lmmmm", 20, {}, fig::Align::Start, fig::Align::End, true);
  ASSERT_GE(draw_list->VtxBuffer.Size - first, 20);
  for (int i = first; i < first + 4; ++i) {
    EXPECT_GE(draw_list->VtxBuffer[i].pos.y, 300 - first_width - 2);
    EXPECT_LE(draw_list->VtxBuffer[i].pos.y, 300 + 1);
  }
  // And the glyph tops face left: the "l" is tall, so its quad reaches far to the left of the
  // baseline side at the right.
  float left = FLT_MAX, right = -FLT_MAX;
  for (int i = first; i < first + 4; ++i) {
    left = std::min(left, draw_list->VtxBuffer[i].pos.x);
    right = std::max(right, draw_list->VtxBuffer[i].pos.x);
  }
  EXPECT_LT(left, 100 + 5);
}

}  // namespace
}  // namespace al::gui
