// Lessons (engine/lesson): the format read line by line, every error naming its file and line,
// the state of each step, and every shipped lesson loaded with every step applied.
#include "engine/lesson/lesson.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "engine/kernel_regression/lab.hpp"

namespace al::lesson {
namespace {

constexpr const char* kGood =
    "# a comment\n"
    "lesson: Two steps\n"
    "\n"
    "step: First\n"
    "lab: kernel-regression\n"
    "set: kernel.w=3\n"
    "text: Plain then *bold* words.\n"
    "text: A second line.\n"
    "hide: view.truth\n"
    "hide: controls\n"
    "select: 4\n"
    "play: 7\n"
    "  step:   Second  \r\n"
    "set: kernel.w=0.5\n"
    "lab: transformer\n"
    "decode: 2\n";

TEST(Lesson, ParsesEveryDirective) {
  const auto parsed = parse(kGood, "good.lesson");
  ASSERT_TRUE(parsed) << parsed.error();
  const Lesson& l = parsed.value();
  EXPECT_EQ(l.title, "Two steps");
  ASSERT_EQ(l.steps.size(), 2u);
  const Step& a = l.steps[0];
  EXPECT_EQ(a.title, "First");
  EXPECT_EQ(a.line, 4);
  ASSERT_EQ(a.caption.size(), 2u);
  EXPECT_EQ(a.caption[0],
            (CaptionLine{{"Plain then ", false}, {"bold", true}, {" words.", false}}));
  EXPECT_EQ(a.caption[1], (CaptionLine{{"A second line.", false}}));
  ASSERT_EQ(a.assignments.size(), 5u);
  EXPECT_EQ(a.assignments[0], (Assignment{"app.lab", "kernel-regression", 5}));
  EXPECT_EQ(a.assignments[1], (Assignment{"kernel.w", "3", 6}));
  EXPECT_EQ(a.assignments[2], (Assignment{"view.truth", "false", 9}));
  // "controls" is short for the controls column's key.
  EXPECT_EQ(a.assignments[3], (Assignment{"view.controls", "false", 10}));
  EXPECT_EQ(a.assignments[4], (Assignment{"view.query", "4", 11}));
  EXPECT_EQ(a.action, (Action{Action::Kind::Play, 7}));
  const Step& b = l.steps[1];
  EXPECT_EQ(b.title, "Second");
  EXPECT_EQ(b.line, 13);
  EXPECT_EQ(b.action, (Action{Action::Kind::Decode, 2}));
}

TEST(Lesson, StepsContinueFromTheStepBefore) {
  const Lesson l = parse(kGood, "good.lesson").value();
  Settings base;
  base.view_presentation = true;  // what the caller passes in stays unless a step sets it
  const Settings first = settings_at(l, 0, base, "good.lesson").value();
  EXPECT_EQ(first.kernel_w, 3.0);
  EXPECT_FALSE(first.view_truth);
  EXPECT_EQ(first.view_query, 4);
  EXPECT_EQ(first.app_lab, AppLab::KernelRegression);
  EXPECT_TRUE(first.view_presentation);
  EXPECT_FALSE(first.view_controls);
  EXPECT_EQ(first.decode_step, Settings{}.decode_step);
  // play: 7 in the kernel-regression lab trains 7 more epochs.
  EXPECT_EQ(first.train_epochs, Settings{}.train_epochs + 7);
  const Settings second = settings_at(l, 1, base, "good.lesson").value();
  EXPECT_EQ(second.kernel_w, 0.5);
  EXPECT_FALSE(second.view_truth);  // from step 1, not reset
  EXPECT_EQ(second.view_query, 4);
  EXPECT_EQ(second.app_lab, AppLab::Transformer);
  // decode: 2 in the Transformer lab adds 2 to decode.step.
  EXPECT_EQ(second.decode_step, Settings{}.decode_step + 2);
  // The Bahdanau lab's decoding has its own step key.
  const Lesson bahdanau =
      parse("lesson: B\nstep: s\nlab: bahdanau\nset: bahdanau.step=3\ndecode: 1\n", "b").value();
  EXPECT_EQ(settings_at(bahdanau, 0, Settings{}, "b").value().bahdanau_step, 4);
}

// The look is the user's where the lesson does not set it; a look key the lesson sets somewhere
// starts from the user's value when the lesson began.
TEST(Lesson, TheBaseKeepsTheUsersLookExceptWhatTheLessonSets) {
  const Lesson l = parse(kGood, "good.lesson").value();  // hides the controls at its first step
  Settings opened;
  opened.view_colormap = Colormap::Viridis;
  Settings now = opened;
  now.view_controls = false;            // the lesson hid them
  now.view_colormap = Colormap::Magma;  // the user changed it since
  now.kernel_w = 42.0;                  // not a look key: the base has the default
  const Settings base = lesson_base(l, now, opened);
  EXPECT_TRUE(base.view_controls);
  EXPECT_EQ(base.view_colormap, Colormap::Magma);
  EXPECT_EQ(base.kernel_w, Settings{}.kernel_w);
}

TEST(Lesson, Emphasis) {
  EXPECT_EQ(parse_emphasis("*a*"), (CaptionLine{{"a", true}}));
  EXPECT_EQ(parse_emphasis("2 * 3"), (CaptionLine{{"2 * 3", false}}));
  EXPECT_EQ(parse_emphasis("x ** y"), (CaptionLine{{"x ** y", false}}));
  EXPECT_EQ(parse_emphasis("*a* and *b"), (CaptionLine{{"a", true}, {" and *b", false}}));
  EXPECT_EQ(parse_emphasis(""), CaptionLine{});
}

// Each bad lesson fails with "FILE:LINE: ..." at the line that is wrong.
TEST(Lesson, EveryErrorNamesItsLine) {
  const std::string head = "lesson: T\nstep: s\n";  // lines 1 and 2
  const struct {
    std::string text;
    std::string error;
  } cases[] = {
      {"", "f.lesson:1: the file begins with 'lesson: TITLE'"},
      {"# only a comment\n", "f.lesson:1: the file begins with 'lesson: TITLE'"},
      {"step: s\n", "f.lesson:1: the file begins with 'lesson: TITLE'"},
      {"lesson: T\n", "f.lesson:1: the lesson has no step"},
      {"lesson:\n", "f.lesson:1: the lesson needs a title"},
      {"lesson: T\nlesson: U\n", "f.lesson:2: a second 'lesson:' line"},
      {"lesson: T\ntext: x\n", "f.lesson:2: 'text:' comes inside a step"},
      {"lesson: T\nstep:\n", "f.lesson:2: the step needs a title"},
      {head + "just words\n", "f.lesson:3: expected 'directive: value'"},
      {head + "colour: red\n", "f.lesson:3: unknown directive 'colour'"},
      {head + "set: kernel.w\n", "f.lesson:3: expected set: KEY=VALUE"},
      {head + "\nset: kernel.width=2\n", "f.lesson:4: unknown settings key 'kernel.width'"},
      {head + "set: kernel.w=0\n", "f.lesson:3: kernel.w: '0' is out of range"},
      {head + "lab: nowhere\n", "f.lesson:3: app.lab: 'nowhere' is not one of"},
      {head + "show: kernel.w\n", "f.lesson:3: 'kernel.w' is not a view"},
      {head + "hide: nothing\n", "f.lesson:3: 'nothing' is not a view"},
      {head + "select: -5\n", "f.lesson:3: view.query:"},
      {head + "play: 0\n", "f.lesson:3: play:"},
      {head + "decode: lots\n", "f.lesson:3: decode:"},
      {head + "play: 1\ndecode: 1\n", "f.lesson:4: a step has one action"},
      {head + "lab: transformer\nplay: 3\n",
       "f.lesson:4: play: the transformer lab does not train"},
      {head + "set: decode.step=1000\ndecode: 1\n",
       "f.lesson:4: decode.step: '1001' is out of range"},
      {head + std::string(kMaxLineBytes + 1, 'x') + "\n", "f.lesson:3: the line is longer"},
      {head + "text: \xff\n", "f.lesson:1: not UTF-8 text"},
      {"lesson: T\nstep: a\nlesson: U\n", "f.lesson:3: a second 'lesson:' line"},
  };
  for (const auto& c : cases) {
    const auto parsed = parse(c.text, "f.lesson");
    ASSERT_FALSE(parsed) << c.text;
    EXPECT_TRUE(parsed.error().starts_with(c.error))
        << "got:  " << parsed.error() << "\nwant: " << c.error;
    EXPECT_EQ(parsed.error().find('\n'), std::string::npos);
  }
}

TEST(Lesson, BoundsStepsAndCaptions) {
  std::string many = "lesson: T\n";
  for (std::size_t i = 0; i <= kMaxSteps; ++i) many += "step: s\n";
  EXPECT_EQ(parse(many, "m").error(), "m:" + std::to_string(kMaxSteps + 2) + ": more than " +
                                          std::to_string(kMaxSteps) + " steps");
  std::string long_caption = "lesson: T\nstep: s\n";
  for (std::size_t i = 0; i <= kMaxCaptionLines; ++i) long_caption += "text: x\n";
  EXPECT_TRUE(
      parse(long_caption, "c")
          .error()
          .starts_with("c:" + std::to_string(kMaxCaptionLines + 3) + ": a caption of more than"));
}

TEST(Lesson, LoadChecksTheFileBeforeReading) {
  EXPECT_TRUE(
      load("/nonexistent/x.lesson").error().starts_with("/nonexistent/x.lesson: cannot open"));
  EXPECT_TRUE(load("/tmp").error().find("is a directory") != std::string::npos);
  EXPECT_TRUE(load("/dev/zero").error().find("not a regular file") != std::string::npos);
  const auto big = std::filesystem::temp_directory_path() / "al_lesson_big.lesson";
  {
    std::ofstream out(big);
    out << std::string(kMaxFileBytes + 1, '#');
  }
  EXPECT_TRUE(load(big.string()).error().find("larger than") != std::string::npos);
  std::filesystem::remove(big);
}

// Every shipped lesson loads, and every one of its steps applies to a lab: a key renamed in a
// settings table breaks this test, not a class.
TEST(Lesson, EveryShippedLessonAppliesEveryStep) {
  int lessons = 0;
  for (const auto& entry :
       std::filesystem::directory_iterator(std::filesystem::path(AL_ASSETS_DIR) / "lessons")) {
    if (entry.path().extension() != ".lesson") continue;
    ++lessons;
    const std::string path = entry.path().string();
    const auto lesson = load(path);
    ASSERT_TRUE(lesson) << lesson.error();
    const std::size_t n = lesson.value().steps.size();
    EXPECT_GE(n, 8u) << path;
    EXPECT_LE(n, 15u) << path;
    for (std::size_t i = 0; i < n; ++i) {
      EXPECT_FALSE(lesson.value().steps[i].caption.empty()) << path << " step " << i + 1;
      const auto settings = settings_at(lesson.value(), i, Settings{}, path);
      ASSERT_TRUE(settings) << settings.error();
      Lab lab;
      EXPECT_FALSE(lab.update(settings.value())) << path << " step " << i + 1;
    }
  }
  EXPECT_EQ(lessons, 5);
}

}  // namespace
}  // namespace al::lesson
