// The input queue gives each frame at most one change per button or key, so events shorter than
// a frame (a click, a quick Enter, a double-click at 5 frames per second) are all seen, in order.
#include "app/gui/input_queue.hpp"

#include <GLFW/glfw3.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace al::gui {
namespace {

using Kind = InputQueue::Event::Kind;

InputQueue::Event key(int code, bool down) {
  return {.kind = Kind::Key, .code = code, .down = down};
}
InputQueue::Event button(int code, bool down) {
  return {.kind = Kind::Button, .code = code, .down = down};
}
InputQueue::Event move(double x, double y) {
  return {.kind = Kind::Move, .x = x, .y = y};
}
InputQueue::Event text(char c) {
  return {.kind = Kind::Char, .code = c};
}

std::vector<FrameInput> drain(InputQueue& q) {
  std::vector<FrameInput> frames;
  while (!q.empty() && frames.size() < 100) frames.push_back(q.next_frame());
  return frames;
}

TEST(InputQueue, APressAndReleaseInOneFrameAreSeenInTwo) {
  InputQueue q;
  q.push(key(GLFW_KEY_ENTER, true));
  q.push(key(GLFW_KEY_ENTER, false));
  const auto frames = drain(q);
  ASSERT_EQ(frames.size(), 2u);
  EXPECT_TRUE(frames[0].holds(GLFW_KEY_ENTER));
  EXPECT_FALSE(frames[1].holds(GLFW_KEY_ENTER));
}

TEST(InputQueue, ADoubleClickInOneFrameIsTwoClicksAtThePressPosition) {
  InputQueue q;
  q.push(move(10, 20));
  for (int i = 0; i < 2; ++i) {
    q.push(button(0, true));
    q.push(button(0, false));
  }
  q.push(move(50, 60));  // moved on after the clicks
  const auto frames = drain(q);
  ASSERT_EQ(frames.size(), 5u);
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(frames[i].left, i % 2 == 0) << i;
    ASSERT_TRUE(frames[i].mouse);
    EXPECT_EQ(frames[i].mouse->x, 10) << i;  // each press and release where it happened
  }
  // The move after the clicks waits for a frame in which no button changed.
  EXPECT_FALSE(frames[4].left);
  ASSERT_TRUE(frames[4].mouse);
  EXPECT_EQ(frames[4].mouse->x, 50);
}

TEST(InputQueue, TextAndKeysKeepTheirOrder) {
  InputQueue q;
  // "ab", Enter, "c": the Enter must confirm "ab" before "c" is typed.
  for (char c : std::string("ab")) q.push(text(c));
  q.push(key(GLFW_KEY_ENTER, true));
  q.push(key(GLFW_KEY_ENTER, false));
  q.push(text('c'));
  const auto frames = drain(q);
  std::string typed_before_enter, typed_after;
  bool enter_seen = false;
  for (const FrameInput& f : frames) {
    for (unsigned c : f.chars) (enter_seen ? typed_after : typed_before_enter) += char(c);
    if (f.holds(GLFW_KEY_ENTER)) enter_seen = true;
  }
  EXPECT_EQ(typed_before_enter, "ab");
  EXPECT_EQ(typed_after, "c");
}

TEST(InputQueue, HeldStateAndModifiersCarryOverAndWheelDoesNot) {
  InputQueue q;
  q.push({.kind = Kind::Key, .code = GLFW_KEY_Z, .down = true, .mods = GLFW_MOD_CONTROL});
  q.push({.kind = Kind::Scroll, .x = 0, .y = 2});
  FrameInput f = q.next_frame();
  EXPECT_TRUE(f.ctrl);
  EXPECT_TRUE(f.holds(GLFW_KEY_Z));
  EXPECT_EQ(f.wheel, 2.0f);
  f = q.next_frame();
  EXPECT_TRUE(f.holds(GLFW_KEY_Z));
  EXPECT_EQ(f.wheel, 0.0f);
  q.push({.kind = Kind::Leave});
  EXPECT_FALSE(q.next_frame().mouse);
}

}  // namespace
}  // namespace al::gui
