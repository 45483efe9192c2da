// Lessons in the window: a lesson opened shows its first step (its lab, its settings, its caption
// in a panel under the figures); Space and the right arrow go on, the left arrow back, Home to
// the first step, Escape leaves, before any lab's own use of those keys; whatever the user changes
// at a step, the next step is the lesson's state; a lesson that does not load is one line naming
// the file and line, and nothing changes. The real binary shows step N of a lesson in a
// screenshot (--lesson FILE --set lesson.step=N).
#include <GLFW/glfw3.h>
#include <gtest/gtest.h>
#include <stb_image.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "app/gui/actions.hpp"
#include "app/gui/lab_ui.hpp"
#include "app/gui/shell/lesson.hpp"
#include "app_driver.hpp"

namespace al::gui {
namespace {

constexpr const char* kLesson =
    "lesson: Widths\n"
    "step: Wide\n"
    "lab: kernel-regression\n"
    "set: kernel.w=1\n"
    "text: A *wide* kernel.\n"
    "step: Narrow\n"
    "set: kernel.w=10\n"
    "hide: controls\n"
    "text: A narrow one.\n"
    "step: Decoding\n"
    "lab: transformer\n"
    "set: decode.step=2\n"
    "show: controls\n"
    "text: The Transformer lab, two tokens into its decoding.\n";

class LessonTest : public testing::AppTest {
 protected:
  void SetUp() override {
    dir = std::filesystem::temp_directory_path() / ("al-lesson-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    AppTest::SetUp();
  }
  void TearDown() override { std::filesystem::remove_all(dir); }
  std::string write(const std::string& name, const std::string& text) {
    const std::string path = (dir / name).string();
    std::ofstream(path) << text;
    return path;
  }
  std::filesystem::path dir;
};

TEST_F(LessonTest, KeysStepThroughItBeforeTheLabsOwnKeysAndEscapeLeaves) {
  open_lesson(s(), write("widths.lesson", kLesson));
  driver->frames(2);
  ASSERT_TRUE(s().lesson.active()) << s().status.text;
  EXPECT_EQ(s().lesson.step, 0);
  EXPECT_EQ(settings().app_lab, AppLab::KernelRegression);
  EXPECT_EQ(settings().kernel_w, 1.0);
  driver->key(GLFW_KEY_SPACE);
  EXPECT_EQ(s().lesson.step, 1);
  EXPECT_EQ(settings().kernel_w, 10.0);
  EXPECT_FALSE(settings().view_controls);
  driver->key(GLFW_KEY_RIGHT);
  EXPECT_EQ(s().lesson.step, 2);
  EXPECT_EQ(current_lab(s()).kind(), AppLab::Transformer);
  EXPECT_TRUE(settings().view_controls);
  // The Transformer lab steps its decoding with the arrows; in a lesson they are the lesson's.
  EXPECT_EQ(settings().decode_step, 2);
  driver->key(GLFW_KEY_RIGHT);  // the last step stays
  EXPECT_EQ(s().lesson.step, 2);
  EXPECT_EQ(settings().decode_step, 2);
  driver->key(GLFW_KEY_LEFT);
  EXPECT_EQ(s().lesson.step, 1);
  EXPECT_EQ(settings().app_lab, AppLab::KernelRegression);
  driver->key(GLFW_KEY_HOME);
  EXPECT_EQ(s().lesson.step, 0);
  EXPECT_TRUE(settings().view_controls);
  driver->key(GLFW_KEY_ESCAPE);
  EXPECT_FALSE(s().lesson.active());
  // Out of the lesson the arrows are the lab's again.
  ASSERT_TRUE(set_setting(s(), "app.lab", "transformer"));
  ASSERT_TRUE(set_setting(s(), "decode.step", "2"));
  driver->frames(2);
  driver->key(GLFW_KEY_RIGHT);
  EXPECT_EQ(settings().decode_step, 3);
}

TEST_F(LessonTest, TheNextStepIsTheLessonsStateWhateverTheUserChanged) {
  open_lesson(s(), write("widths.lesson", kLesson));
  driver->frames(2);
  ASSERT_TRUE(set_setting(s(), "kernel.w", "42"));
  ASSERT_TRUE(set_setting(s(), "data.noise", "1.5"));
  ASSERT_TRUE(set_setting(s(), "view.colormap", "viridis"));  // the look is the user's
  driver->key(GLFW_KEY_SPACE);
  EXPECT_EQ(settings().kernel_w, 10.0);
  EXPECT_EQ(settings().data_noise, Settings{}.data_noise);
  EXPECT_EQ(settings().view_colormap, Colormap::Viridis);
}

TEST_F(LessonTest, ThePanelTakesItsRoomUnderTheFigures) {
  driver->frames(2);
  const double bottom = s().regression.area.y1;
  open_lesson(s(), write("widths.lesson", kLesson));
  driver->frames(3);
  ASSERT_TRUE(s().lesson.active());
  const double with_lesson = s().regression.area.y1;
  // Room for the buttons' row and the caption drawn larger than the interface.
  EXPECT_LT(with_lesson, bottom - 3.0 * ImGui::GetFontSize());
  for (const char* button : {"lesson.first", "lesson.back", "lesson.next", "lesson.leave"}) {
    const auto it = s().controls.rects.find(button);
    ASSERT_NE(it, s().controls.rects.end()) << button;
    EXPECT_GT(it->second.y0, with_lesson) << button;
  }
  leave_lesson(s());
  driver->frames(3);
  EXPECT_EQ(s().regression.area.y1, bottom);
}

TEST_F(LessonTest, ALessonThatDoesNotLoadNamesTheLineAndChangesNothing) {
  open_lesson(s(), write("widths.lesson", kLesson));
  driver->frames(2);
  driver->key(GLFW_KEY_SPACE);
  const Settings before = settings();
  const std::string bad = write("bad.lesson", "lesson: Bad\nstep: One\nset: kernel.w=0\n");
  open_lesson(s(), bad);
  driver->frames(2);
  EXPECT_TRUE(s().status.error);
  EXPECT_EQ(s().status.text, bad + ":3: kernel.w: '0' is out of range (0.001 to 1000)");
  EXPECT_EQ(settings(), before);
  ASSERT_TRUE(s().lesson.active());
  EXPECT_EQ(s().lesson.lesson.title, "Widths");
  EXPECT_EQ(s().lesson.step, 1);
}

// The binary: step 2 of the lesson in a screenshot, with the controls hidden as that step says:
// the regression plot's truth curve (C0 blue, #1f77b4) is then drawn where the column would be;
// the first step, with the column, has none of it there.
TEST(LessonBinary, ScreenshotShowsTheStepAsked) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("al-lesson-shot-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string lesson = (dir / "widths.lesson").string();
  std::ofstream(lesson) << kLesson;
  // C0 blue pixels in the left 250 pixels of the window, from the lesson's step `step`.
  const auto blue_at_left = [&](int step) {
    const std::string png = (dir / ("step" + std::to_string(step) + ".png")).string();
    const std::string command = std::string(AL_BINARY) + " --lesson " + lesson +
                                " --set lesson.step=" + std::to_string(step) + " --screenshot " +
                                png + " --size 1280x800";
    EXPECT_EQ(std::system(command.c_str()), 0) << command;
    int width = 0, height = 0, channels = 0;
    unsigned char* rgba = stbi_load(png.c_str(), &width, &height, &channels, 4);
    if (rgba == nullptr) {
      ADD_FAILURE() << stbi_failure_reason();
      return -1;
    }
    EXPECT_EQ(width, 1280);
    EXPECT_EQ(height, 800);
    int blue = 0;
    for (int y = 0; y < height; ++y)
      for (int x = 0; x < 250; ++x) {
        const unsigned char* p = rgba + 4 * (y * width + x);
        if (std::abs(p[0] - 0x1f) < 12 && std::abs(p[1] - 0x77) < 12 && std::abs(p[2] - 0xb4) < 12)
          ++blue;
      }
    stbi_image_free(rgba);
    return blue;
  };
  EXPECT_GT(blue_at_left(2), 50);
  EXPECT_LT(blue_at_left(1), 10);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace al::gui
