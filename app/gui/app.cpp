// The window and the frame loop (see app.hpp).
#include "app.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <algorithm>
#include <cfloat>
#include <chrono>
#include <cmath>
#include <cstring>
#include <limits>

#include "actions.hpp"
#include "lab_ui.hpp"
#include "main_window.hpp"
#include "screenshot.hpp"
#include "theme.hpp"

namespace al::gui {
namespace {

std::string glfw_error() {
  const char* description = nullptr;
  glfwGetError(&description);
  return description ? description : "unknown GLFW error";
}

// GLFW is process-wide state: initialised on first use, terminated at exit. Consecutive windows
// (the tests open many) share its display connection; closing it in between would let the X
// server reset (it does when its last client leaves) and fail the next window.
bool glfw_library() {
  struct Library {
    bool ready = glfwInit() == GLFW_TRUE;
    ~Library() {
      if (ready) glfwTerminate();
    }
  };
  static Library library;
  return library.ready;
}

// Frames drawn after the last event: a change made by a widget reaches the widgets drawn before
// it one frame later, and popups open a frame after they are asked for.
constexpr int kSettleFrames = 3;

void apply_input(const FrameInput& in) {
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = in.mouse ? ImVec2(static_cast<float>(in.mouse->x), static_cast<float>(in.mouse->y))
                         : ImVec2(-FLT_MAX, -FLT_MAX);
  std::memset(io.MouseDown, 0, sizeof io.MouseDown);
  io.MouseDown[ImGuiMouseButton_Left] = in.left;
  io.MouseDown[ImGuiMouseButton_Right] = in.right;
  io.MouseDown[ImGuiMouseButton_Middle] = in.middle;
  io.MouseWheel = in.wheel;
  io.MouseWheelH = in.wheel_h;
  std::memset(io.KeysDown, 0, sizeof io.KeysDown);
  for (int key : in.keys)
    if (key >= 0 && key < static_cast<int>(IM_ARRAYSIZE(io.KeysDown))) io.KeysDown[key] = true;
  io.KeyCtrl = in.ctrl;
  io.KeyShift = in.shift;
  io.KeyAlt = in.alt;
  io.KeySuper = in.super;
  for (unsigned c : in.chars) io.AddInputCharacter(c);
  if (in.dt) io.DeltaTime = static_cast<float>(std::max(*in.dt, 1e-6));
}

}  // namespace

Expected<std::unique_ptr<App>> App::create(Lab lab, const AppOptions& options) {
  std::unique_ptr<App> app(new App());
  if (!glfw_library()) return Error{"cannot open a window: " + glfw_error()};
  glfwDefaultWindowHints();
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
  app->window_ = glfwCreateWindow(options.width, options.height, "Attention Lab", nullptr, nullptr);
  if (!app->window_) return Error{"cannot open a window: " + glfw_error()};
  glfwMakeContextCurrent(app->window_);
  glfwSwapInterval(options.vsync ? 1 : 0);

  IMGUI_CHECKVERSION();
  app->context_ = ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // the layout is fixed; the lab's state goes to the session file
  // The app installs its own callbacks: every event goes through its queue (input_queue.hpp).
  app->glfw_backend_ = ImGui_ImplGlfw_InitForOpenGL(app->window_, false);
  glfwSetWindowUserPointer(app->window_, app.get());
  install_callbacks(app->window_);
  // The caret does not blink: an idle window draws nothing, so a blinking caret would freeze
  // in whichever phase the last frame left it.
  io.ConfigInputTextCursorBlink = false;
  app->gl_backend_ = ImGui_ImplOpenGL3_Init("#version 330 core");
  if (!app->glfw_backend_ || !app->gl_backend_)
    return Error{"cannot open a window: the Dear ImGui backends failed to start"};

  app->state_ = std::make_unique<AppState>(std::move(lab));
  reset_points_history(*app->state_);
  app->update_scale();
  ImGui_ImplOpenGL3_CreateDeviceObjects();  // uploads the atlas just built
  return app;
}

App::~App() {
  if (state_) {
    glfwMakeContextCurrent(window_);
    state_.reset();  // its GL textures go while the context still exists
  }
  if (gl_backend_) ImGui_ImplOpenGL3_Shutdown();
  if (glfw_backend_) ImGui_ImplGlfw_Shutdown();
  if (context_) ImGui::DestroyContext(context_);
  if (window_) glfwDestroyWindow(window_);
}

void App::update_scale() {
  AppState& s = *state_;
  float content_x = 1.0f, content_y = 1.0f;
  glfwGetWindowContentScale(window_, &content_x, &content_y);
  s.ui_scale = content_x * (s.lab.settings().view_presentation ? kPresentationScale : 1.0f);
  const float pixels = std::round(static_cast<float>(s.lab.settings().view_font_size) * s.ui_scale);
  const bool contrast = s.lab.settings().view_contrast;
  if (pixels == font_pixels_ && contrast == contrast_) return;
  apply_style(s.ui_scale, contrast);
  contrast_ = contrast;
  if (pixels == font_pixels_) return;
  s.fonts = build_fonts(*ImGui::GetIO().Fonts, pixels);
  if (font_pixels_ > 0) {  // the first atlas is uploaded with the other device objects
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
  }
  font_pixels_ = pixels;
}

void App::install_callbacks(GLFWwindow* window) {
  using Event = InputQueue::Event;
  static constexpr auto queue = [](GLFWwindow* w) -> InputQueue& {
    return static_cast<App*>(glfwGetWindowUserPointer(w))->queue_;
  };
  glfwSetCursorPosCallback(window, [](GLFWwindow* w, double x, double y) {
    queue(w).push({.kind = Event::Kind::Move, .x = x, .y = y});
  });
  glfwSetCursorEnterCallback(window, [](GLFWwindow* w, int entered) {
    if (!entered) queue(w).push({.kind = Event::Kind::Leave});
  });
  glfwSetMouseButtonCallback(window, [](GLFWwindow* w, int button, int action, int mods) {
    if (button >= 0 && button < 3)
      queue(w).push({.kind = Event::Kind::Button,
                     .code = button,
                     .down = action == GLFW_PRESS,
                     .mods = mods});
  });
  glfwSetScrollCallback(window, [](GLFWwindow* w, double x, double y) {
    queue(w).push({.kind = Event::Kind::Scroll, .x = x, .y = y});
  });
  glfwSetKeyCallback(window, [](GLFWwindow* w, int key, int, int action, int mods) {
    if (key >= 0 && action != GLFW_REPEAT)
      queue(w).push(
          {.kind = Event::Kind::Key, .code = key, .down = action == GLFW_PRESS, .mods = mods});
    // Held keys repeat: a release and a press in one frame, so the repeat is seen as a press.
    if (key >= 0 && action == GLFW_REPEAT) {
      queue(w).push({.kind = Event::Kind::Key, .code = key, .down = false, .mods = mods});
      queue(w).push({.kind = Event::Kind::Key, .code = key, .down = true, .mods = mods});
    }
  });
  glfwSetCharCallback(window, [](GLFWwindow* w, unsigned int c) {
    queue(w).push({.kind = Event::Kind::Char, .code = static_cast<int>(c)});
  });
  glfwSetWindowFocusCallback(window, ImGui_ImplGlfw_WindowFocusCallback);
  glfwSetDropCallback(window, [](GLFWwindow* w, int count, const char** paths) {
    static_cast<App*>(glfwGetWindowUserPointer(w))
        ->drop_files(std::vector<std::string>(paths, paths + count));
  });
}

double App::idle_timeout() const {
  AppState& s = *state_;
  const FrameInput& held = queue_.state();
  if (settle_frames_ > 0 || !queue_.empty() || !dropped_.empty() || held.left || held.right ||
      held.middle)
    return 0.0;
  for (const auto& lab : s.labs)
    if (lab->animating(s)) return 0.0;
  if (s.restore.pending()) return 0.0;
  const double now = ImGui::GetTime();
  double timeout = std::numeric_limits<double>::infinity();
  for (const auto& lab : s.labs)
    for (const FigureView* v : lab->views(s))
      if (v->pending_click.waiting)
        timeout = std::min(timeout, v->pending_click.press_time +
                                        ImGui::GetIO().MouseDoubleClickTime - now + 0.01);
  if (!s.status.text.empty() && now - s.status.time < kStatusFreshSeconds)
    timeout = std::min(timeout, kStatusFreshSeconds - (now - s.status.time) + 0.01);
  return std::max(timeout, 0.0);
}

void App::run_frame() {
  const double timeout = idle_timeout();
  if (timeout <= 0.0) {
    glfwPollEvents();
  } else {
    if (std::isinf(timeout)) {
      // Woken by input (queued, settled below) or by an empty event a background thread posted
      // (a trainer's new progress: one frame shows it, at the trainer's pace).
      glfwWaitEvents();
    } else {
      glfwWaitEventsTimeout(timeout);
      settle_frames_ = kSettleFrames;
    }
  }
  if (!queue_.empty()) settle_frames_ = kSettleFrames;
  const FrameInput input = queue_.next_frame();
  render(input);
  present();
  if (settle_frames_ > 0) --settle_frames_;
}

void App::render(const FrameInput& input) {
  const auto start = std::chrono::steady_clock::now();
  update_scale();
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  apply_input(input);
  ImGui::NewFrame();

  for (const std::string& path : dropped_) open_dropped(*state_, path);
  dropped_.clear();
  for (const auto& lab : state_->labs) lab->advance(*state_, ImGui::GetIO().DeltaTime);
  main_window(*state_);
  restore_comparisons(*state_);

  ImGui::Render();
  int width = 0, height = 0;
  glfwGetFramebufferSize(window_, &width, &height);
  glViewport(0, 0, width, height);
  glClearColor(1.0f, 1.0f, 1.0f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  state_->frame_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  if (state_->quit) glfwSetWindowShouldClose(window_, GLFW_TRUE);
}

void App::present() {
  glfwSwapBuffers(window_);
}

void App::frame(const FrameInput& input) {
  glfwPollEvents();  // the window's own events; its input is replaced by `input`
  queue_ = InputQueue();
  render(input);
  present();
}

fig::Image App::capture_frame(const FrameInput& input) {
  glfwPollEvents();
  queue_ = InputQueue();
  render(input);
  int width = 0, height = 0;
  glfwGetFramebufferSize(window_, &width, &height);
  fig::Image image = read_back_buffer(width, height);
  present();
  return image;
}

bool App::should_close() const {
  return glfwWindowShouldClose(window_);
}

}  // namespace al::gui
