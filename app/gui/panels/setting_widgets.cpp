// Settings-bound widgets (see setting_widgets.hpp).
#include "setting_widgets.hpp"

#include <imgui.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "app/gui/actions.hpp"

namespace al::gui {
namespace {

std::vector<std::string> split_choices(const std::string& range) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= range.size()) {
    const std::size_t bar = std::min(range.find('|', start), range.size());
    out.push_back(range.substr(start, bar - start));
    start = bar + 1;
  }
  return out;
}

}  // namespace

std::string setting_text(const AppState& s, std::string_view key) {
  const SettingInfo* info = find_setting(key);
  return info ? info->get(s.lab.settings()) : std::string();
}

double setting_number(const AppState& s, std::string_view key) {
  return std::strtod(setting_text(s, key).c_str(), nullptr);
}

void bound_item(AppState& s, std::string_view key) {
  const ImVec2 lo = ImGui::GetItemRectMin(), hi = ImGui::GetItemRectMax();
  s.widget_rects.insert_or_assign(std::string(key), fig::Rect{lo.x, lo.y, hi.x, hi.y});
  if (!ImGui::IsItemHovered()) return;
  const SettingInfo* info = find_setting(key);
  if (!info) return;
  ImGui::BeginTooltip();
  ImGui::PushTextWrapPos(ImGui::GetFontSize() * 28);
  ImGui::Text("%s", info->key.c_str());
  ImGui::TextDisabled("%s", info->help.c_str());
  ImGui::TextDisabled("range: %s · default: %s", info->range.c_str(),
                      info->default_value.empty() ? "(none)" : info->default_value.c_str());
  ImGui::PopTextWrapPos();
  ImGui::EndTooltip();
}

void choice_combo(AppState& s, const char* label, std::string_view key) {
  const SettingInfo* info = find_setting(key);
  if (!info) return;
  const std::string current = info->get(s.lab.settings());
  if (ImGui::BeginCombo(label, current.c_str())) {
    for (const std::string& choice : split_choices(info->range))
      if (ImGui::Selectable(choice.c_str(), choice == current)) set_setting(s, key, choice);
    ImGui::EndCombo();
  }
  bound_item(s, key);
}

void setting_checkbox(AppState& s, const char* label, std::string_view key) {
  bool value = setting_text(s, key) == "true";
  if (ImGui::Checkbox(label, &value)) set_setting(s, key, value ? "true" : "false");
  bound_item(s, key);
}

void log_slider(AppState& s, const char* label, std::string_view key, float lo, float hi,
                const char* format) {
  float value = static_cast<float>(setting_number(s, key));
  if (ImGui::SliderFloat(label, &value, lo, hi, format, ImGuiSliderFlags_Logarithmic))
    set_setting(s, key, static_cast<double>(value));
  bound_item(s, key);
}

void linear_slider(AppState& s, const char* label, std::string_view key, float lo, float hi,
                   const char* format) {
  float value = static_cast<float>(setting_number(s, key));
  if (ImGui::SliderFloat(label, &value, lo, hi, format))
    set_setting(s, key, static_cast<double>(value));
  bound_item(s, key);
}

void int_input(AppState& s, const char* label, std::string_view key, int step) {
  // 64-bit: data.seed goes up to 2^53.
  long long value = std::strtoll(setting_text(s, key).c_str(), nullptr, 10);
  const long long small = step, large = 10LL * step;
  if (ImGui::InputScalar(label, ImGuiDataType_S64, &value, &small, &large, "%lld",
                         ImGuiInputTextFlags_EnterReturnsTrue))
    set_setting(s, key, std::to_string(value));
  bound_item(s, key);
}

}  // namespace al::gui
