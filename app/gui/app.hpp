// The desktop app: a GLFW window with an OpenGL 3.3 context, Dear ImGui and the main window.
// It runs one frame at a time so that tests can create it, feed it synthetic mouse and keys
// frame by frame, and inspect what it drew (the figure views' layouts and the hovered query).
#pragma once

#include <memory>
#include <optional>

#include "app/figure/canvas.hpp"
#include "app_state.hpp"
#include "engine/expected.hpp"

struct GLFWwindow;
struct ImGuiContext;

namespace al::gui {

// Input for one frame. With `synthetic` false the real mouse and keyboard are used; otherwise
// the fields below replace them (written after the GLFW backend has polled, which would
// overwrite them) and the frame lasts exactly `dt`.
struct FrameInput {
  bool synthetic = false;
  std::optional<fig::Vec2> mouse;  // window pixels; nullopt: the mouse is elsewhere
  bool left = false, right = false;
  float wheel = 0.0f;  // notches, up is positive
  bool escape = false;
  double dt = 1.0 / 60.0;
};

struct AppOptions {
  int width = 1600, height = 1000;  // window size in screen coordinates
  bool vsync = true;
};

class App {
 public:
  // Opens the window; the error is one line ("cannot open a window: ...").
  static Expected<std::unique_ptr<App>> create(Lab lab, const AppOptions& options);
  ~App();
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  void frame(const FrameInput& input = {});
  // Runs a frame and returns what it rendered, framebuffer pixels, top row first.
  fig::Image capture_frame(const FrameInput& input = {});

  bool should_close() const;
  AppState& state() { return *state_; }

 private:
  App() = default;
  void render(const FrameInput& input);
  void present();
  // Re-bakes the fonts and rescales the style when the UI scale or font size has changed;
  // between frames only (Dear ImGui 1.86 cannot swap the atlas inside one).
  void update_scale();

  GLFWwindow* window_ = nullptr;
  ImGuiContext* context_ = nullptr;
  bool glfw_backend_ = false, gl_backend_ = false;
  float font_pixels_ = 0;  // size the atlas holds, 0 before the first build
  std::unique_ptr<AppState> state_;
};

}  // namespace al::gui
