// The desktop app: a GLFW window with an OpenGL 3.3 context, Dear ImGui and the main window.
// It runs one frame at a time so that tests can create it, feed it mouse and keys (FrameInput)
// frame by frame, and inspect what it drew (the figure views' layouts and the hovered query).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/figure/canvas.hpp"
#include "app_state.hpp"
#include "engine/expected.hpp"
#include "frame_input.hpp"
#include "input_queue.hpp"

struct GLFWwindow;
struct ImGuiContext;

namespace al::gui {

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

  // One frame of a real run: waits for the window's events unless something moves (training
  // plays, a button is held, events are queued or the last ones are settling), so an idle
  // window uses no CPU; then draws a frame with the next queued input.
  void run_frame();
  // One frame with the given input instead of the window's (tests, screenshots).
  void frame(const FrameInput& input);
  // Runs a frame and returns what it rendered, framebuffer pixels, top row first.
  fig::Image capture_frame(const FrameInput& input);

  bool should_close() const;
  AppState& state() { return *state_; }
  // How long run_frame would sleep before the next frame: 0 when something moves, a time-out
  // when something is due (a click becomes a click once it can no longer be a double-click; a
  // message fades), infinity when nothing is.
  double idle_timeout() const;
  // The window's input events (tests push events here to drive run_frame as the window would).
  InputQueue& input_queue() { return queue_; }
  // Files dropped on the window (GLFW's drop callback, or a test): opened at the next frame.
  void drop_files(std::vector<std::string> paths) {
    for (std::string& p : paths) dropped_.push_back(std::move(p));
  }

 private:
  App() = default;
  void render(const FrameInput& input);
  static void install_callbacks(GLFWwindow* window);
  void present();
  // Re-bakes the fonts and rescales the style when the UI scale or font size has changed;
  // between frames only (Dear ImGui 1.86 cannot swap the atlas inside one).
  void update_scale();

  GLFWwindow* window_ = nullptr;
  ImGuiContext* context_ = nullptr;
  bool glfw_backend_ = false, gl_backend_ = false;
  float font_pixels_ = 0;  // size the atlas holds, 0 before the first build
  bool contrast_ = false;  // the style holds the high-contrast theme (view.contrast)
  InputQueue queue_;
  std::vector<std::string> dropped_;  // files dropped on the window, opened next frame
  int settle_frames_ = 0;             // frames still to draw after the last event
  std::unique_ptr<AppState> state_;
};

}  // namespace al::gui
