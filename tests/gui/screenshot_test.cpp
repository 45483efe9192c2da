// `attention-lab --screenshot`: the PNG has the requested size, and the regions where the app
// lays out the heatmap and the regression plot hold their colours (Reds cells; the truth's blue
// and the points' orange). The regions come from the same layout run in-process.
#include <gtest/gtest.h>
#include <stb_image.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "app_driver.hpp"

namespace al::gui {
namespace {

struct Png {
  int width = 0, height = 0;
  unsigned char* rgba = nullptr;
  ~Png() { stbi_image_free(rgba); }
  const unsigned char* at(int x, int y) const { return rgba + (y * width + x) * 4; }
};

// Pixels in `r` whose colour is within `tolerance` of (red, green, blue) in every channel.
int count_near(const Png& png, const fig::Rect& r, int red, int green, int blue, int tolerance) {
  int n = 0;
  for (int y = static_cast<int>(r.y0) + 1; y < static_cast<int>(r.y1) - 1; ++y)
    for (int x = static_cast<int>(r.x0) + 1; x < static_cast<int>(r.x1) - 1; ++x) {
      const unsigned char* p = png.at(x, y);
      if (std::abs(p[0] - red) <= tolerance && std::abs(p[1] - green) <= tolerance &&
          std::abs(p[2] - blue) <= tolerance)
        ++n;
    }
  return n;
}

TEST(Screenshot, WritesTheWindowWithHeatmapAndPlotWhereTheLayoutPutsThem) {
  // Where the same app at the same size puts the plots. Opened first: while this process holds
  // the display, the X server does not reset when the child below disconnects.
  auto app = testing::make_app(1280, 800);
  ASSERT_TRUE(app);
  testing::Driver{*app, FrameInput{}, {}}.frames(3);
  const fig::Rect heatmap = app->state().attention.layout.panels.at(0).plot;
  const fig::Rect plot = app->state().regression.layout.panels.at(0).plot;
  ASSERT_GT(heatmap.width(), 100);
  ASSERT_GT(plot.width(), 100);

  const auto dir =
      std::filesystem::temp_directory_path() / ("al-gui-screenshot-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string png_path = (dir / "s.png").string();
  const std::string command =
      std::string(AL_BINARY) + " --screenshot " + png_path + " --size 1280x800";
  ASSERT_EQ(std::system(command.c_str()), 0) << command;

  Png png;
  int channels = 0;
  png.rgba = stbi_load(png_path.c_str(), &png.width, &png.height, &channels, 4);
  ASSERT_NE(png.rgba, nullptr) << stbi_failure_reason();
  EXPECT_EQ(png.width, 1280);
  EXPECT_EQ(png.height, 800);

  // Reds: the diagonal band of large weights is clearly red (r high, g and b low).
  int red = 0, cells = 0;
  for (int y = static_cast<int>(heatmap.y0) + 2; y < static_cast<int>(heatmap.y1) - 2; ++y)
    for (int x = static_cast<int>(heatmap.x0) + 2; x < static_cast<int>(heatmap.x1) - 2; ++x) {
      const unsigned char* p = png.at(x, y);
      ++cells;
      if (p[0] > 150 && p[0] > p[1] + 60 && p[0] > p[2] + 60) ++red;
    }
  EXPECT_GT(red, cells / 20) << red << " red pixels of " << cells;
  // The truth is C0 blue (#1f77b4); the points are C1 orange (#ff7f0e) at alpha 0.5 on white:
  // (255, 191, 134).
  EXPECT_GT(count_near(png, plot, 0x1f, 0x77, 0xb4, 40), 100);
  EXPECT_GT(count_near(png, plot, 255, 191, 134, 30), 100);
  // The regions are distinct: no truth curve inside the heatmap.
  EXPECT_LT(count_near(png, heatmap, 0x1f, 0x77, 0xb4, 40), 20);
  std::filesystem::remove_all(dir);
}

TEST(Screenshot, RejectsAPathThatIsNotPng) {
  const std::string command = std::string(AL_BINARY) + " --screenshot /tmp/x.jpg 2>/dev/null";
  const int status = std::system(command.c_str());
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 2);
}

}  // namespace
}  // namespace al::gui
