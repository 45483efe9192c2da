// What the app knows of the mouse and keyboard during one frame. Real runs build it from the
// window's events (input_queue.hpp); tests write it directly. Both go through the same code, so a
// test drives exactly what a user drives.
#pragma once

#include <optional>
#include <vector>

#include "app/figure/canvas.hpp"

namespace al::gui {

struct FrameInput {
  std::optional<fig::Vec2> mouse;  // window pixels; nullopt: the mouse is outside the window
  bool left = false, right = false, middle = false;  // buttons held
  float wheel = 0.0f, wheel_h = 0.0f;                // notches this frame, up/right positive
  std::vector<int> keys;                             // GLFW key codes held
  std::vector<unsigned> chars;                       // text typed this frame (code points)
  bool ctrl = false, shift = false, alt = false, super = false;
  // Seconds this frame lasts; nullopt: the time that really passed (real runs).
  std::optional<double> dt = 1.0 / 60.0;

  bool holds(int key) const {
    for (int k : keys)
      if (k == key) return true;
    return false;
  }
  void set_key(int key, bool down) {
    std::erase(keys, key);
    if (down) keys.push_back(key);
  }
};

}  // namespace al::gui
