// A lesson in the window: moving between steps and the caption panel (lesson.hpp).
#include "lesson.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>

#include <algorithm>
#include <string>

#include "app/gui/actions.hpp"
#include "app/gui/app_state.hpp"
#include "app/gui/widgets/setting_widgets.hpp"
#include "engine/user_text.hpp"

namespace al::gui {
namespace {

// The caption is drawn this much larger than the interface, to be read from the back of a room.
constexpr float kCaptionScale = 1.35f;
// Rows the panel keeps for a caption at least: the panel is as tall as the lesson's longest
// caption, so that it does not jump from step to step.
constexpr std::size_t kMinCaptionRows = 2;

// The lab at step `index`: the defaults with the lesson's steps up to it, in the user's look.
std::optional<std::string> apply_step(AppState& s, const LessonRun& run, int index) {
  const Settings base = lesson::lesson_base(run.lesson, s.lab.settings(), run.opened_with);
  auto settings = lesson::settings_at(run.lesson, static_cast<std::size_t>(index), base, run.path);
  if (!settings) return settings.error();
  if (auto err = s.lab.update(settings.value())) return *err;
  s.playing = false;
  return {};
}

// One caption line: plain runs, and bold runs drawn twice a pixel apart in a dark blue that stays
// readable on white (and on a projector).
void caption_line(const lesson::CaptionLine& line) {
  const ImVec4 accent(0.0f, 0.25f, 0.75f, 1.0f);
  for (std::size_t i = 0; i < line.size(); ++i) {
    const lesson::Span& span = line[i];
    if (i > 0) ImGui::SameLine(0.0f, 0.0f);
    const char* b = span.text.data();
    const char* e = b + span.text.size();
    if (!span.bold) {
      ImGui::TextUnformatted(b, e);
      continue;
    }
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImGui::PushStyleColor(ImGuiCol_Text, accent);
    ImGui::TextUnformatted(b, e);
    ImGui::PopStyleColor();
    ImGui::GetWindowDrawList()->AddText(ImVec2(at.x + 1.0f, at.y), ImGui::GetColorU32(accent), b,
                                        e);
  }
  if (line.empty()) ImGui::NewLine();
}

}  // namespace

bool start_lesson(AppState& s, lesson::Lesson lesson, const std::string& path, int index) {
  LessonRun run{std::move(lesson), path, s.lab.settings(), 0};
  index = std::clamp(index, 0, static_cast<int>(run.lesson.steps.size()) - 1);
  if (auto err = apply_step(s, run, index)) {
    show_message(s, *err, true);
    return false;
  }
  run.step = index;
  s.lesson = std::move(run);
  show_message(s, "Lesson: " + s.lesson.lesson.title + " (Space: next step, Esc: leave)");
  return true;
}

void open_lesson(AppState& s, const std::string& path) {
  auto loaded = lesson::load(path);
  if (!loaded) return show_message(s, loaded.error(), true);
  start_lesson(s, std::move(loaded).value(), path, 0);
}

void go_to_lesson_step(AppState& s, int index) {
  if (!s.lesson.active()) return;
  index = std::clamp(index, 0, static_cast<int>(s.lesson.lesson.steps.size()) - 1);
  if (auto err = apply_step(s, s.lesson, index)) return show_message(s, *err, true);
  s.lesson.step = index;
  if (s.status.error) s.status = {};
}

void leave_lesson(AppState& s) {
  if (!s.lesson.active()) return;
  s.lesson = {};
  // A lesson may have hidden the controls; the user exploring on needs them.
  set_setting(s, "view.controls", "true");
  show_message(s, "Left the lesson");
}

bool lesson_shortcuts(AppState& s) {
  if (!s.lesson.active()) return false;
  const auto pressed = [](int key) { return ImGui::IsKeyPressed(key, false); };
  const int step = s.lesson.step;
  if (pressed(GLFW_KEY_SPACE) || pressed(GLFW_KEY_RIGHT)) {
    go_to_lesson_step(s, step + 1);
  } else if (pressed(GLFW_KEY_LEFT)) {
    go_to_lesson_step(s, step - 1);
  } else if (pressed(GLFW_KEY_HOME)) {
    go_to_lesson_step(s, 0);
  } else if (pressed(GLFW_KEY_ESCAPE)) {
    leave_lesson(s);
  } else {
    return false;
  }
  return true;
}

float lesson_panel_height(const AppState& s) {
  if (!s.lesson.active()) return 0.0f;
  std::size_t rows = kMinCaptionRows;
  for (const lesson::Step& step : s.lesson.lesson.steps) rows = std::max(rows, step.caption.size());
  const ImGuiStyle& style = ImGui::GetStyle();
  const float caption =
      ImGui::GetTextLineHeightWithSpacing() * kCaptionScale * static_cast<float>(rows);
  return caption + ImGui::GetFrameHeightWithSpacing() + style.ItemSpacing.y +
         2.0f * style.WindowPadding.y;
}

void lesson_panel(AppState& s) {
  if (!s.lesson.active()) return;
  const LessonRun& run = s.lesson;
  const int n = static_cast<int>(run.lesson.steps.size());
  const lesson::Step& step = run.lesson.steps[static_cast<std::size_t>(run.step)];
  ImGui::BeginChild("lesson", ImVec2(0.0f, lesson_panel_height(s)), true);

  // The row: buttons, then the progress bar naming the lesson and the step.
  if (action_button(s, "First###lesson.first", "lesson.first", "The lesson's first step (Home)"))
    go_to_lesson_step(s, 0);
  ImGui::SameLine();
  if (action_button(s, "< Back###lesson.back", "lesson.back", "The step before (Left arrow)"))
    go_to_lesson_step(s, s.lesson.step - 1);
  ImGui::SameLine();
  if (action_button(s, "Next >###lesson.next", "lesson.next",
                    "The next step, from the lesson's state (Space or Right arrow)"))
    go_to_lesson_step(s, s.lesson.step + 1);
  ImGui::SameLine();
  if (action_button(s, "Leave###lesson.leave", "lesson.leave", "Close the lesson (Escape)"))
    leave_lesson(s);
  if (!s.lesson.active()) return ImGui::EndChild();
  ImGui::SameLine();
  const std::string progress = printable(run.lesson.title, 200) + ": step " +
                               std::to_string(run.step + 1) + " of " + std::to_string(n) + ", " +
                               printable(step.title, 200);
  ImGui::ProgressBar(static_cast<float>(run.step + 1) / static_cast<float>(n), ImVec2(-1.0f, 0.0f),
                     progress.c_str());

  // The caption, larger than the interface, from the nearest larger baked font.
  const float pixels = ImGui::GetFontSize() * kCaptionScale;
  const BakedFont& font = s.fonts.for_size(pixels);
  ImGui::BeginChild("caption");
  if (font.font != nullptr) {
    ImGui::PushFont(font.font);
    ImGui::SetWindowFontScale(pixels / font.pixel_size);
  }
  for (const lesson::CaptionLine& line : step.caption) caption_line(line);
  if (font.font != nullptr) ImGui::PopFont();
  ImGui::EndChild();
  ImGui::EndChild();
}

}  // namespace al::gui
