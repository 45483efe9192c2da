// al::gui::run: from command-line options to a running window (or a screenshot), and the last
// state kept between runs.
#include "run.hpp"

#include <GLFW/glfw3.h>
#include <pthread.h>

#include <atomic>
#include <cctype>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <system_error>
#include <thread>

#include "actions.hpp"
#include "app.hpp"
#include "app/session/session.hpp"
#include "engine/lesson/lesson.hpp"
#include "engine/user_text.hpp"
#include "screenshot.hpp"
#include "shell/lesson.hpp"

namespace al::gui {
namespace {

constexpr std::chrono::seconds kAutosaveInterval{60};

// Frames rendered before a screenshot: the layout settles a frame or two after the first.
constexpr int kScreenshotFrames = 5;

// Messages quote user text printably where they are made; printable() again (idempotent) keeps
// any that did not to one line.
int fail(const std::string& message, int code) {
  std::fprintf(stderr, "attention-lab: %s\n", printable(message, 1000).c_str());
  return code;
}

void warn(const std::string& message) {
  std::fprintf(stderr, "attention-lab: warning: %s\n", printable(message, 1000).c_str());
}

// The lab the options describe: the last state (unless disabled), or the --session file, then
// the --set assignments. A broken last-state file is only a warning: it was not the user's input.
Expected<Lab> initial_lab(const RunOptions& o, session::WindowViews& views, std::string& warning) {
  Lab lab;
  if (!o.session_path.empty()) {
    auto loaded = session::load(o.session_path, &views);
    if (!loaded) return Error{loaded.error()};
    lab = std::move(loaded).value();
  } else if (o.restore_last_state) {
    const std::string path = session::last_state_path();
    std::error_code ec;
    if (std::filesystem::exists(path, ec)) {
      auto loaded = session::load(path, &views);
      if (loaded)
        lab = std::move(loaded).value();
      else
        warning = "last state not restored: " + loaded.error();
    }
  }
  if (!o.assignments.empty()) {
    Settings next = lab.settings();
    if (auto err = apply_settings(next, o.assignments)) return Error{*err};
    if (auto err = lab.update(next)) return Error{*err};
    // The same check as a session's and the figure command's: a selection must name a query.
    if (auto err = check_selected_query(lab)) return Error{*err};
  }
  return lab;
}

bool is_png_path(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext == ".png";
}

int screenshot(App& app, const std::string& path) {
  // No mouse over the window: a screenshot shows the state, not wherever the pointer happens to
  // be on the X server.
  const FrameInput still;
  // A session's A/B snapshots are taken again first: two frames each, a bounded number.
  while (app.state().restore.pending()) app.frame(still);
  for (int i = 1; i < kScreenshotFrames; ++i) app.frame(still);
  const fig::Image image = app.capture_frame(still);
  if (auto err = write_png(image, path)) return fail(*err, 1);
  return 0;
}

// SIGINT, SIGTERM and SIGHUP end an interactive run as closing the window does: the last state
// is saved, then the process exits with 128 + the signal. They are blocked in every thread (the
// trainer's threads inherit the mask) and taken by one thread in sigwait(), which wakes the
// window: a signal handler could not safely post the wake-up nor save a file. The signal is
// process-wide, so its record is too.
std::atomic<int> g_quit_signal{0};

void quit_on_signals() {
  static sigset_t signals;
  sigemptyset(&signals);
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) sigaddset(&signals, sig);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  std::thread([] {
    int sig = 0;
    if (sigwait(&signals, &sig) != 0) return;
    g_quit_signal = sig;
    glfwPostEmptyEvent();
  }).detach();
}

void save_last_state(AppState& s) {
  const std::string path = session::last_state_path();
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
  if (auto err = session::save(s.lab, path, window_views(s))) warn("last state not saved: " + *err);
}

}  // namespace

int run(const RunOptions& options) {
  const bool screenshot_mode = !options.screenshot_path.empty();
  if (screenshot_mode && !is_png_path(options.screenshot_path))
    return fail(
        "--screenshot: " + quote_for_message(options.screenshot_path) + " is not a .png file", 2);
  if (options.width < 1 || options.height < 1)
    return fail("--size: the window needs a positive width and height", 2);

  std::string warning;
  session::WindowViews views;
  auto lab = initial_lab(options, views, warning);
  if (!lab) return fail(lab.error(), 2);
  if (!warning.empty()) warn(warning);

  // A lesson is read and checked before the window opens: a bad one exits with status 2.
  std::optional<lesson::Lesson> lesson;
  if (!options.lesson_path.empty()) {
    auto loaded = lesson::load(options.lesson_path);
    if (!loaded) return fail(loaded.error(), 2);
    const auto steps = loaded.value().steps.size();
    if (static_cast<std::size_t>(options.lesson_step) > steps)
      return fail(printable(options.lesson_path) +
                      ": lesson.step: " + std::to_string(options.lesson_step) +
                      " is past the lesson's last step (" + std::to_string(steps) + ")",
                  2);
    lesson = std::move(loaded).value();
  }

  // Before any thread starts (the GL driver's among them), so that every thread blocks them.
  if (!screenshot_mode) quit_on_signals();
  AppOptions app_options;
  app_options.width = options.width;
  app_options.height = options.height;
  app_options.vsync = !screenshot_mode;
  auto app = App::create(std::move(lab).value(), app_options);
  if (!app) return fail(app.error(), 1);
  App& a = *app.value();
  apply_window_views(a.state(), views);
  if (!warning.empty()) a.state().status = {warning, true, 0.0};
  if (lesson &&
      !start_lesson(a.state(), std::move(*lesson), options.lesson_path, options.lesson_step - 1))
    return fail(a.state().status.text, 2);
  if (screenshot_mode) return screenshot(a, options.screenshot_path);

  // Only an interactive run is remembered; screenshots and tests leave no trace. The state is
  // also saved every minute while it changes, so a crash loses at most a minute of edits (an
  // idle window has nothing new to save, and sleeps).
  auto saved_at = std::chrono::steady_clock::now();
  std::uint64_t saved_revision = a.state().lab.revision();
  while (!a.should_close() && g_quit_signal == 0) {
    a.run_frame();
    const auto now = std::chrono::steady_clock::now();
    if (a.state().lab.revision() != saved_revision && now - saved_at > kAutosaveInterval) {
      save_last_state(a.state());
      saved_revision = a.state().lab.revision();
      saved_at = now;
    }
  }
  save_last_state(a.state());
  return g_quit_signal == 0 ? 0 : 128 + g_quit_signal;
}

}  // namespace al::gui
