// The input queue (see input_queue.hpp).
#include "input_queue.hpp"

#include <GLFW/glfw3.h>

#include <algorithm>
#include <vector>

namespace al::gui {
namespace {

void apply_mods(FrameInput& s, int mods) {
  s.ctrl = (mods & GLFW_MOD_CONTROL) != 0;
  s.shift = (mods & GLFW_MOD_SHIFT) != 0;
  s.alt = (mods & GLFW_MOD_ALT) != 0;
  s.super = (mods & GLFW_MOD_SUPER) != 0;
}

bool* button(FrameInput& s, int code) {
  switch (code) {
    case 0:
      return &s.left;
    case 1:
      return &s.right;
    case 2:
      return &s.middle;
    default:
      return nullptr;
  }
}

// Keys that type text (letters, digits, punctuation, the keypad) as opposed to keys that act.
bool is_text_key(int key) {
  return key < GLFW_KEY_ESCAPE || (key >= GLFW_KEY_KP_0 && key <= GLFW_KEY_KP_EQUAL);
}

}  // namespace

FrameInput InputQueue::next_frame() {
  using Kind = Event::Kind;
  state_.wheel = state_.wheel_h = 0.0f;
  state_.chars.clear();
  std::vector<int> changed_keys;
  bool changed_buttons[3] = {false, false, false};
  bool any_button_changed = false;
  while (!events_.empty()) {
    const Event& e = events_.front();
    if (e.kind == Kind::Button) {
      bool* held = button(state_, e.code);
      if (held && *held != e.down) {
        if (changed_buttons[e.code]) break;
        changed_buttons[e.code] = any_button_changed = true;
        *held = e.down;
      }
      apply_mods(state_, e.mods);
    } else if (e.kind == Kind::Key) {
      if (state_.holds(e.code) != e.down) {
        if (std::find(changed_keys.begin(), changed_keys.end(), e.code) != changed_keys.end())
          break;
        changed_keys.push_back(e.code);
        state_.set_key(e.code, e.down);
      }
      apply_mods(state_, e.mods);
    } else if (e.kind == Kind::Move || e.kind == Kind::Leave) {
      if (any_button_changed) break;
      if (e.kind == Kind::Move)
        state_.mouse = fig::Vec2{e.x, e.y};
      else
        state_.mouse.reset();
    } else if (e.kind == Kind::Char) {
      // Dear ImGui applies a frame's text before its keys, so text typed after Enter, Tab or
      // Backspace changed in this frame waits for the next one: "a", Enter, "b" keeps its order.
      if (std::any_of(changed_keys.begin(), changed_keys.end(),
                      [](int k) { return !is_text_key(k); }))
        break;
      state_.chars.push_back(static_cast<unsigned>(e.code));
    } else if (e.kind == Kind::Scroll) {
      state_.wheel_h += static_cast<float>(e.x);
      state_.wheel += static_cast<float>(e.y);
    }
    events_.pop_front();
  }
  return state_;
}

}  // namespace al::gui
