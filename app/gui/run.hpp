// Entry point of the desktop app (GLFW + OpenGL3 + Dear ImGui).
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace al::gui {

struct RunOptions {
  std::vector<std::pair<std::string, std::string>> assignments;  // --set KEY=VALUE, in order
  std::string session_path;         // --session FILE: start from this session
  std::string screenshot_path;      // --screenshot FILE.png: render a few frames, save, exit
  std::string lesson_path;          // --lesson FILE: show this lesson
  int lesson_step = 1;              // --set lesson.step=N: its step shown first (1 is the first)
  int width = 1600, height = 1000;  // --size WxH (window size in pixels)
  // Restore the last state (from the previous run) before applying the options above. Off for
  // --screenshot and --session, so those are reproducible.
  bool restore_last_state = true;
};

// Runs the app; returns the process exit code (2 for bad options or settings, with one line on
// stderr, as the command line does).
int run(const RunOptions& options);

}  // namespace al::gui
