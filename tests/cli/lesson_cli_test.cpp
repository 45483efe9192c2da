// `attention-lab --lesson FILE [--set lesson.step=N]`: a lesson is read and checked before the
// window opens, so a bad one (or a step it does not have) is one line naming the file and line or
// the key, exit status 2, with no display needed.
#include <fstream>

#include "run_binary.hpp"

namespace al::test {
namespace {

TEST(LessonCli, ABadLessonOrStepIsOneLineAndStatusTwo) {
  TempDir dir;
  std::ofstream(dir.file("bad.lesson")) << "lesson: Bad\nstep: One\ntext: fine\nset: kernel.w=0\n";
  std::ofstream(dir.file("two.lesson")) << "lesson: Two\nstep: a\nstep: b\n";
  std::ofstream(dir.file("notes.lesson")) << "step: before the title\n";
  const std::string files = "bad.lesson notes.lesson two.lesson";
  expect_bad_input(run(dir, {"--lesson", "bad.lesson"}),
                   "bad.lesson:4: kernel.w: '0' is out of range (0.001 to 1000)", dir, files);
  expect_bad_input(run(dir, {"--lesson", "notes.lesson"}),
                   "notes.lesson:1: the file begins with 'lesson: TITLE'", dir, files);
  expect_bad_input(run(dir, {"--lesson", "two.lesson", "--set", "lesson.step=3"}),
                   "two.lesson: lesson.step: 3 is past the lesson's last step (2)", dir, files);
  expect_bad_input(run(dir, {"--lesson", "two.lesson", "--set", "lesson.step=0"}),
                   "lesson.step: '0' is out of range (1 to 100)", dir, files);
  expect_bad_input(run(dir, {"--set", "lesson.step=2"}), "lesson.step: no --lesson FILE to step in",
                   dir, files);
  expect_bad_input(run(dir, {"--lesson", "missing.lesson"}), "missing.lesson: cannot open", dir,
                   files);
  expect_bad_input(run(dir, {"--lesson"}), "--lesson needs a value", dir, files);
}

}  // namespace
}  // namespace al::test
