// The window's input events, queued and handed to frames so that no event is lost.
//
// Dear ImGui 1.86 reads the mouse buttons and keys as states once per frame. When a frame takes
// longer than a click (software OpenGL on a large window, a projector laptop), a press and its
// release land in the same frame and the press is never seen: a short Enter does not confirm a
// field, and a double-click becomes one click (which adds a point instead of fitting the view).
// The queue records every event and gives each frame at most one change per button or key (the
// rest wait for the next frame), like later Dear ImGui versions' "input trickling".
#pragma once

#include <deque>

#include "frame_input.hpp"

namespace al::gui {

class InputQueue {
 public:
  InputQueue() { state_.dt.reset(); }  // real frames last the time that really passed
  struct Event {
    enum class Kind { Move, Leave, Button, Key, Char, Scroll } kind;
    double x = 0, y = 0;  // Move: position; Scroll: offsets
    int code = 0;         // Button: 0 left, 1 right, 2 middle; Key: GLFW key; Char: code point
    bool down = false;    // Button, Key
    int mods = 0;         // Button, Key: GLFW modifier bits
  };

  void push(const Event& e) { events_.push_back(e); }
  bool empty() const { return events_.empty(); }

  // The input of the next frame: the state after as many queued events as can be applied
  // without a button or key changing twice (and without the mouse moving after a button changed,
  // so a press lands where it happened). The rest stay queued.
  FrameInput next_frame();

  // The state last handed out (what is held now, as far as frames know).
  const FrameInput& state() const { return state_; }

 private:
  std::deque<Event> events_;
  FrameInput state_;
};

}  // namespace al::gui
