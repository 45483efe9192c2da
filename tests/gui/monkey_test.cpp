// A monkey: hundreds of seeded random clicks, drags, double-clicks, right-clicks, wheel turns,
// keys and typed text anywhere in the window. Afterwards the app is alive (Dear ImGui asserts
// abort the process, which fails the test) and its state is valid.
#include <GLFW/glfw3.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <filesystem>
#include <random>

#include "app_driver.hpp"

namespace al::gui {
namespace {

constexpr int kEvents = 400;

void expect_valid(AppState& s) {
  EXPECT_TRUE(s.controls.conflicts.empty());
  // Every setting holds a value its key accepts.
  Settings copy = s.lab.settings();
  for (const SettingInfo& info : setting_registry())
    EXPECT_FALSE(apply_setting(copy, info.key, info.get(s.lab.settings())).has_value()) << info.key;
  const Dataset& d = s.lab.data();
  ASSERT_FALSE(d.x.empty());
  EXPECT_EQ(d.x.size(), d.y.size());
  for (std::size_t i = 0; i < d.x.size(); ++i) {
    EXPECT_TRUE(std::isfinite(d.x[i]) && std::isfinite(d.y[i])) << i;
    if (i > 0) {
      EXPECT_LE(d.x[i - 1], d.x[i]) << "points are kept sorted";
    }
  }
  EXPECT_EQ(s.lab.nadaraya_watson().prediction.size(), static_cast<long>(d.queries.size()));
  EXPECT_EQ(s.lab.parametric().prediction.size(), static_cast<long>(d.queries.size()));
}

TEST(Monkey, RandomInputAnywhereLeavesTheAppAliveAndValid) {
  // The monkey may save sessions and export figures: into a folder of its own.
  const auto dir =
      std::filesystem::temp_directory_path() / ("al-monkey-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  const auto old_dir = std::filesystem::current_path();
  std::filesystem::current_path(dir);
  {
    auto app = testing::make_app(1280, 800);
    ASSERT_TRUE(app);
    testing::Driver d{*app, FrameInput{}, {}};
    d.frames(3);
    std::mt19937 rng(20261128);
    std::uniform_real_distribution<double> x(0, 1280), y(0, 800);
    const auto anywhere = [&] { return testing::whole({x(rng), y(rng)}); };
    constexpr std::array keys = {GLFW_KEY_ESCAPE, GLFW_KEY_ENTER, GLFW_KEY_TAB,  GLFW_KEY_SPACE,
                                 GLFW_KEY_F5,     GLFW_KEY_F6,    GLFW_KEY_F,    GLFW_KEY_BACKSPACE,
                                 GLFW_KEY_LEFT,   GLFW_KEY_DOWN,  GLFW_KEY_HOME, GLFW_KEY_DELETE};
    for (int i = 0; i < kEvents; ++i) {
      switch (rng() % 8) {
        case 0:
        case 1:
          d.click(anywhere());
          break;
        case 2: {  // a drag over a few frames
          d.move(anywhere());
          d.press();
          const fig::Vec2 to = anywhere();
          for (int k = 1; k <= 4; ++k) d.move(to);
          d.release();
          break;
        }
        case 3:
          d.double_click(anywhere());
          d.wait(0.4);
          break;
        case 4:
          d.move(anywhere());
          d.input.right = true;
          d.frames();
          d.input.right = false;
          d.frames();
          break;
        case 5:
          d.wheel(anywhere(), static_cast<float>(static_cast<int>(rng() % 7) - 3));
          break;
        case 6:
          d.key(keys[rng() % keys.size()]);
          break;
        case 7: {
          const char* texts[] = {"7", "0.5", "-3", "abc", "1e9", "", "12"};
          d.type(texts[rng() % 7]);
          break;
        }
      }
      // Ctrl+Z and Ctrl+Shift+Z now and then.
      if (rng() % 20 == 0) {
        d.input.ctrl = true;
        d.input.shift = rng() % 2 == 0;
        d.key(GLFW_KEY_Z);
        d.input.ctrl = d.input.shift = false;
      }
    }
    d.leave();
    d.frames(5);
    expect_valid(app->state());
  }
  std::filesystem::current_path(old_dir);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace al::gui
