// The window and the frame loop (see app.hpp).
#include "app.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <cfloat>
#include <cmath>
#include <cstring>

#include "actions.hpp"
#include "main_window.hpp"
#include "screenshot.hpp"
#include "theme.hpp"

namespace al::gui {
namespace {

constexpr float kPresentationScale = 1.75f;

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

void apply_synthetic_input(const FrameInput& in) {
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = in.mouse ? ImVec2(static_cast<float>(in.mouse->x), static_cast<float>(in.mouse->y))
                         : ImVec2(-FLT_MAX, -FLT_MAX);
  std::memset(io.MouseDown, 0, sizeof io.MouseDown);
  io.MouseDown[ImGuiMouseButton_Left] = in.left;
  io.MouseDown[ImGuiMouseButton_Right] = in.right;
  io.MouseWheel = in.wheel;
  io.MouseWheelH = 0.0f;
  std::memset(io.KeysDown, 0, sizeof io.KeysDown);
  io.KeysDown[io.KeyMap[ImGuiKey_Escape]] = in.escape;
  io.KeyCtrl = io.KeyShift = io.KeyAlt = io.KeySuper = false;
  io.DeltaTime = static_cast<float>(in.dt);
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
  app->glfw_backend_ = ImGui_ImplGlfw_InitForOpenGL(app->window_, true);
  app->gl_backend_ = ImGui_ImplOpenGL3_Init("#version 330 core");
  if (!app->glfw_backend_ || !app->gl_backend_)
    return Error{"cannot open a window: the Dear ImGui backends failed to start"};

  app->state_ = std::make_unique<AppState>(std::move(lab));
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
  s.ui_scale = content_x * (s.presentation ? kPresentationScale : 1.0f);
  const float pixels = std::round(static_cast<float>(s.lab.settings().view_font_size) * s.ui_scale);
  if (pixels == font_pixels_) return;
  s.fonts = build_fonts(*ImGui::GetIO().Fonts, pixels);
  apply_style(s.ui_scale);
  if (font_pixels_ > 0) {  // the first atlas is uploaded with the other device objects
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
  }
  font_pixels_ = pixels;
}

void App::render(const FrameInput& input) {
  glfwPollEvents();
  update_scale();
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  if (input.synthetic) apply_synthetic_input(input);
  ImGui::NewFrame();

  advance_training(*state_, ImGui::GetIO().DeltaTime);
  main_window(*state_);

  ImGui::Render();
  int width = 0, height = 0;
  glfwGetFramebufferSize(window_, &width, &height);
  glViewport(0, 0, width, height);
  glClearColor(1.0f, 1.0f, 1.0f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  if (state_->quit) glfwSetWindowShouldClose(window_, GLFW_TRUE);
}

void App::present() {
  glfwSwapBuffers(window_);
}

void App::frame(const FrameInput& input) {
  render(input);
  present();
}

fig::Image App::capture_frame(const FrameInput& input) {
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
