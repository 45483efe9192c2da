// Shared by the GUI tests: the real app in a real window (under Xvfb with software OpenGL),
// driven frame by frame with synthetic mouse and keys, as a user would drive it.
#pragma once

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <memory>
#include <string>

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_internal.h>

#include "app/gui/actions.hpp"
#include "app/gui/app.hpp"
#include "app/gui/lab_ui.hpp"

namespace al::gui::testing {

inline std::unique_ptr<App> make_app(int width = 1280, int height = 800, Lab lab = Lab()) {
  AppOptions options;
  options.width = width;
  options.height = height;
  options.vsync = false;
  auto app = App::create(std::move(lab), options);
  if (!app) {
    ADD_FAILURE() << app.error();
    return nullptr;
  }
  return std::move(app).value();
}

// Dear ImGui floors the mouse position to whole pixels each frame, so tests aim at whole pixels
// and compute what they expect from those.
inline fig::Vec2 whole(fig::Vec2 p) {
  return {std::floor(p.x), std::floor(p.y)};
}

// Holds the synthetic input between frames, like a mouse that stays where it was left.
struct Driver {
  App& app;
  FrameInput input;

  std::function<void()> after_frame;  // runs after every frame (tests that watch each one)

  void frames(int n = 1) {
    for (int i = 0; i < n; ++i) {
      app.frame(input);
      if (after_frame) after_frame();
      // Wheel turns and typed text happen once, in the first frame.
      input.wheel = 0.0f;
      input.chars.clear();
    }
  }
  // Two clicks in quick succession (well within the double-click time).
  void double_click(fig::Vec2 p) {
    move(p);
    for (int i = 0; i < 2; ++i) {
      press();
      release();
    }
  }
  void move(fig::Vec2 p) {
    input.mouse = p;
    frames();
  }
  void leave() {
    input.mouse.reset();
    frames();
  }
  void press() {
    input.left = true;
    frames();
  }
  void release() {
    input.left = false;
    frames();
  }
  // Lets time pass (a click is reported once it can no longer become a double-click).
  void wait(double seconds) {
    const auto dt = input.dt;
    input.dt = 0.05;
    frames(static_cast<int>(seconds / 0.05) + 1);
    input.dt = dt;
  }
  void click(fig::Vec2 p) {
    tap(p);
    wait(0.5);
  }
  // A click on a widget: it acts on release, with no wait for a possible double-click (which
  // only figures tell apart from a click).
  void tap(fig::Vec2 p) {
    move(p);
    press();
    release();
  }
  void wheel(fig::Vec2 p, float notches) {
    input.mouse = p;
    input.wheel = notches;
    frames();
  }
  // A key pressed for one frame and released in the next.
  void key(int glfw_key) {
    input.set_key(glfw_key, true);
    frames();
    input.set_key(glfw_key, false);
    frames();
  }
  // Scrolls the controls column (as a user would, with the wheel) until the control recorded under
  // `name` is in view.
  void scroll_to(const std::string& name) {
    const ControlRegistry& controls = app.state().controls;
    const fig::Rect& column = controls.column;
    for (int i = 0; i < 50; ++i) {
      const auto it = controls.rects.find(name);
      if (it == controls.rects.end()) break;
      const fig::Rect& r = it->second;
      if (r.y1 <= column.y1 - 4 && r.y0 >= column.y0) break;
      wheel(whole({column.x0 + 10, (column.y0 + column.y1) / 2}),
            r.y1 > column.y1 - 4 ? -1.0f : 1.0f);
      frames(1);
    }
  }
  // A tap on the control recorded under `name` (a button), scrolled into view first.
  void tap_control(const std::string& name) {
    frames(1);  // rects are the last frame's
    scroll_to(name);
    const auto& rects = app.state().controls.rects;
    const auto it = rects.find(name);
    ASSERT_NE(it, rects.end()) << "no control " << name;
    const fig::Rect r = it->second;
    const fig::Rect& column = app.state().controls.column;
    move(whole({(r.x0 + r.x1) / 2, (r.y0 + r.y1) / 2}));
    // The mouse is on the control (not on a neighbour, a scroll bar or nothing): a tap that
    // missed says where it landed instead of failing later for want of its effect.
    const ImGuiID hovered = ImGui::GetCurrentContext()->HoveredId;
    const auto& ids = app.state().controls.ids;
    const auto on = ids.find(hovered);
    EXPECT_TRUE(on != ids.end() && on->second == name)
        << "a tap on " << name << " at (" << r.x0 << ", " << r.y0 << ")-(" << r.x1 << ", " << r.y1
        << ") in the column (" << column.x0 << ", " << column.y0 << ")-(" << column.x1 << ", "
        << column.y1 << ") points at "
        << (on != ids.end() ? on->second
            : hovered       ? "an unnamed item"
                            : "no item");
    press();
    release();
  }
  void escape() { key(GLFW_KEY_ESCAPE); }
  void type(const std::string& text) {
    for (char c : text) {
      input.chars.push_back(static_cast<unsigned char>(c));
      frames();
    }
  }
};

// The fixture of tests that drive the default app: created at the default size and run for three
// frames, so that fonts and layout have settled before the first synthetic event.
class AppTest : public ::testing::Test {
 protected:
  void SetUp() override {
    app = make_app();
    ASSERT_TRUE(app);
    driver = std::make_unique<Driver>(Driver{*app, FrameInput{}, {}});
    driver->frames(3);
  }
  AppState& s() { return app->state(); }
  const Settings& settings() { return s().lab.settings(); }
  // Opens the lab `lab` (a value of app.lab) and draws three frames.
  void show(const char* lab) {
    ASSERT_TRUE(set_setting(s(), "app.lab", lab)) << lab;
    driver->frames(3);
  }
  // The current lab's view called `name` (a test failure when it has none).
  FigureView& view(const std::string& name) {
    for (FigureView* v : current_lab(s()).views(s()))
      if (v->name == name) return *v;
    ADD_FAILURE() << "no view " << name;
    return *current_lab(s()).views(s()).front();
  }
  // The pixel of data point (x, y) of panel `panel` of a view, as last drawn.
  fig::Vec2 at(const std::string& name, int panel, double x, double y) {
    return whole(view(name).layout.panels.at(panel).to_pixel(x, y));
  }
  std::unique_ptr<App> app;
  std::unique_ptr<Driver> driver;
};

}  // namespace al::gui::testing
