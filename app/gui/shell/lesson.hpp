// A lesson shown in the window (engine/lesson): which step is on screen, how to move between
// steps, and the panel that shows its caption. Every step sets the lab to the lesson's state at
// that step (the defaults plus every step up to it), so whatever the user changed meanwhile is
// replaced by the lesson's next state; only the look (the workspace's view.* keys: presentation,
// font size, colormap, legend, controls column) is the user's, where the lesson does not set it
// (lesson::lesson_base).
#pragma once

#include <string>

#include "engine/lesson/lesson.hpp"

namespace al::gui {

struct AppState;

struct LessonRun {
  lesson::Lesson lesson;
  std::string path;
  Settings opened_with;  // the user's settings when the lesson began (lesson::lesson_base)
  int step = -1;         // the step on screen; -1: no lesson
  bool active() const { return step >= 0; }
};

// Shows `lesson` (read from `path`) at step `index`; false, with the error in the status line,
// if the step does not apply.
bool start_lesson(AppState& s, lesson::Lesson lesson, const std::string& path, int index);
// Reads the lesson at `path` and shows its first step (File > Open lesson…).
void open_lesson(AppState& s, const std::string& path);
// Another step of the lesson shown (clamped to its steps).
void go_to_lesson_step(AppState& s, int index);
void leave_lesson(AppState& s);

// Space or Right: next step; Left: back; Home: first; Escape: leave. Returns whether a key was
// taken (the lab's own shortcuts then are not run this frame).
bool lesson_shortcuts(AppState& s);
// The panel under the figures: progress, the step's title and caption, and the buttons.
void lesson_panel(AppState& s);
// Its height at the current font (0 without a lesson), so the figures leave it room.
float lesson_panel_height(const AppState& s);

}  // namespace al::gui
