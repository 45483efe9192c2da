// The popups that ask for a path (Dear ImGui has no file dialog): open or save a session, open
// a CSV of points, export every figure to a folder. Menus and buttons only request one; it is
// opened here, from the main window, so that its id matches.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <array>
#include <filesystem>
#include <string>

#include "app/gui/actions.hpp"
#include "app/gui/lab_ui.hpp"
#include "app/gui/linking.hpp"
#include "app/gui/record_control.hpp"
#include "app/gui/shell/lesson.hpp"
#include "app/gui/widgets/setting_widgets.hpp"
#include "engine/user_text.hpp"
#include "shell.hpp"

namespace al::gui {
namespace {

constexpr const char* kPopupId = "###path_prompt";
constexpr std::array<const char*, 4> kFormats = {"png", "svg", "pdf", "csv"};

const char* prompt_title(PathPrompt p) {
  switch (p) {
    case PathPrompt::OpenSession:
      return "Open session";
    case PathPrompt::SaveSession:
      return "Save session";
    case PathPrompt::OpenCsv:
      return "Open CSV of x,y points";
    case PathPrompt::ExportAll:
      return "Export figures to a folder";
    case PathPrompt::OpenModel:
      return "Open a Transformer model (.safetensors)";
    case PathPrompt::SaveModel:
      return "Save the trained model (.safetensors)";
    case PathPrompt::OpenLesson:
      return "Open a lesson (.lesson)";
    case PathPrompt::None:
      break;
  }
  return "";
}

std::string default_path(const AppState& s, PathPrompt p) {
  switch (p) {
    case PathPrompt::OpenSession:
    case PathPrompt::SaveSession:
      return "session.json";
    case PathPrompt::OpenCsv:
      return s.lab.settings().data_csv.empty() ? "points.csv" : s.lab.settings().data_csv;
    case PathPrompt::ExportAll:
      return ".";
    case PathPrompt::OpenModel:
      return s.lab.settings().model_path;
    case PathPrompt::SaveModel:
      return std::string(name(s.lab.settings().tf_task)) + ".safetensors";
    case PathPrompt::OpenLesson:
      return s.lesson.active() ? s.lesson.path : std::string(AL_ASSETS_DIR "/lessons/");
    case PathPrompt::None:
      break;
  }
  return "";
}

// Writes every figure into `folder` as <figure>.<format>: as last shown, or, for a view not on
// screen (a hidden tab), as its builder makes it now.
void export_all(AppState& s) {
  const ExportDialog& d = s.export_all;
  for (FigureView* v : current_lab(s).views(s)) {
    if (v->shown.panels.empty()) {
      auto built = v->build(s, fig::FigureContext{highlighted_query(s)});
      if (!built) return show_message(s, built.error(), true);
      v->shown = std::move(built).value();
    }
    const auto path = std::filesystem::path(s.prompt_path) /
                      (v->name + "." + kFormats[static_cast<std::size_t>(d.format)]);
    export_view(s, *v, path.string(), d.format == 0 ? d.scale : 1);
    if (s.status.error) return;
  }
  show_message(s, "Saved the figures to " + printable(s.prompt_path));
}

void confirm(AppState& s) {
  switch (s.prompt_open) {
    case PathPrompt::OpenSession:
      open_session(s, s.prompt_path);
      break;
    case PathPrompt::SaveSession:
      save_session(s, s.prompt_path);
      break;
    case PathPrompt::OpenCsv:
      open_csv(s, s.prompt_path);
      break;
    case PathPrompt::ExportAll:
      export_all(s);
      break;
    case PathPrompt::OpenModel:
      open_model(s, s.prompt_path);
      break;
    case PathPrompt::SaveModel:
      save_trained_model(s, s.prompt_path);
      break;
    case PathPrompt::OpenLesson:
      open_lesson(s, s.prompt_path);
      break;
    case PathPrompt::None:
      break;
  }
}

}  // namespace

void path_prompts(AppState& s) {
  if (s.prompt_request != PathPrompt::None) {
    s.prompt_open = s.prompt_request;
    s.prompt_request = PathPrompt::None;
    s.prompt_path = default_path(s, s.prompt_open);
    ImGui::OpenPopup(kPopupId);
  }
  const std::string id = std::string(prompt_title(s.prompt_open)) + kPopupId;
  if (!ImGui::BeginPopupModal(id.c_str(), nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
  if (s.prompt_open == PathPrompt::ExportAll) {
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
    if (ImGui::BeginCombo("Format", kFormats[static_cast<std::size_t>(s.export_all.format)])) {
      for (int i = 0; i < static_cast<int>(kFormats.size()); ++i) {
        if (ImGui::Selectable(kFormats[static_cast<std::size_t>(i)], i == s.export_all.format))
          s.export_all.format = i;
        record_control(s, std::string("prompt.format=") + kFormats[static_cast<std::size_t>(i)]);
      }
      ImGui::EndCombo();
    }
    record_control(s, "prompt.format");
    if (s.export_all.format == 0) {
      ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
      ImGui::SliderInt("Scale", &s.export_all.scale, 1, 4, "%d×", ImGuiSliderFlags_AlwaysClamp);
      record_control(s, "prompt.scale");
    }
  }
  if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 24);
  const bool enter =
      ImGui::InputText(s.prompt_open == PathPrompt::ExportAll ? "Folder" : "File", &s.prompt_path,
                       ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_AutoSelectAll);
  record_control(s, "prompt.path");
  const bool ok = ImGui::Button("OK");
  record_control(s, "prompt.ok");
  if (ok || enter) {
    confirm(s);
    s.prompt_open = PathPrompt::None;
    ImGui::CloseCurrentPopup();
  }
  ImGui::SameLine();
  const bool cancel = ImGui::Button("Cancel");
  record_control(s, "prompt.cancel");
  if (cancel || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
    s.prompt_open = PathPrompt::None;
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

}  // namespace al::gui
