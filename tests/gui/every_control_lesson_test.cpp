// The lesson panel's walk: File > Open lesson… cancelled, then answered with a shipped lesson, and
// every button of the panel (First, Back, Next, Leave), each checked against the step it shows.
#include "engine/lesson/lesson.hpp"
#include "every_control.hpp"

namespace al::gui {
namespace {

TEST_F(EveryControl, Lesson) {
  const std::string path = AL_ASSETS_DIR "/lessons/kernel-regression-to-attention.lesson";
  const lesson::Lesson shipped = lesson::load(path).value();
  watching = true;
  menu_item("menu.file", "menu.file.open_lesson");
  EXPECT_EQ(s().prompt_open, PathPrompt::OpenLesson);
  cancel_prompt();
  EXPECT_FALSE(s().lesson.active());
  menu_item("menu.file", "menu.file.open_lesson");
  answer_prompt(path);
  ASSERT_TRUE(s().lesson.active()) << s().status.text;
  EXPECT_EQ(s().lesson.lesson, shipped);
  EXPECT_EQ(s().lesson.step, 0);
  // Each button shows the lesson's state at the step it goes to.
  const auto at = [&](int step) {
    EXPECT_EQ(s().lesson.step, step);
    Settings base;
    static_cast<WorkspaceSettings&>(base) = settings();
    EXPECT_EQ(settings(), lesson::settings_at(shipped, step, base, path).value()) << step;
  };
  use("lesson.next");
  at(1);
  use("lesson.next");
  at(2);
  use("lesson.back");
  at(1);
  use("lesson.first");
  at(0);
  use("lesson.back");  // nothing before the first step
  at(0);
  use("lesson.leave");
  EXPECT_FALSE(s().lesson.active());
  EXPECT_TRUE(settings().view_controls);
  // This walk answers for the panel and its prompt: the labs a lesson shows have walks of their
  // own.
  std::erase_if(seen, [](const std::string& name) {
    return !name.starts_with("lesson.") && !name.starts_with("prompt.");
  });
}

}  // namespace
}  // namespace al::gui
