// Settings-bound widgets (see setting_widgets.hpp).
#include "setting_widgets.hpp"

#include <imgui.h>
#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "app/figure/number_format.hpp"
#include "app/gui/actions.hpp"
#include "app/gui/record_control.hpp"

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

// "Seed##data.seed": the label shown, the ID made from the key.
std::string id_label(const char* label, std::string_view key) {
  std::string out(label);
  out += "##";
  out += key;
  return out;
}

// Applies a float widget's value as its shortest decimal: the slider's float 39.8f is
// 39.799999237060547 as a double, which would reach titles and sessions.
void set_float(AppState& s, std::string_view key, float value) {
  set_setting(s, key, fig::shortest_float(value));
}

// The text a field shows: what is being typed, or the setting.
std::string field_text(const AppState& s, std::string_view key) {
  const auto it = s.edits.find(key);
  return it != s.edits.end() ? it->second : setting_text(s, key);
}

// After a typed field: keeps the text while it has focus, applies it when focus leaves.
void commit_on_leave(AppState& s, std::string_view key, const std::string& text) {
  if (ImGui::IsItemActive()) {
    s.edits.insert_or_assign(std::string(key), text);
  } else if (ImGui::IsItemDeactivated()) {
    // Escape restored the text shown at activation, so applying it changes nothing.
    s.edits.erase(std::string(key));
    if (text != setting_text(s, key)) set_setting(s, key, text);
  }
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
  record_control(s, key);
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

bool action_button(AppState& s, const char* label, std::string_view name, const char* tooltip,
                   bool small) {
  // Buttons flow like words: one placed beside another (SameLine) that would run past the line's
  // end starts the next line, so a row of buttons never widens the column.
  const float width =
      ImGui::CalcTextSize(label, nullptr, true).x + 2 * ImGui::GetStyle().FramePadding.x;
  const ImGuiWindow* window = ImGui::GetCurrentWindow();
  const float line_start = window->Pos.x + window->DC.Indent.x + window->DC.ColumnsOffset.x;
  if (window->DC.CursorPos.x > line_start + 0.5f && ImGui::GetContentRegionAvail().x < width)
    ImGui::NewLine();
  ImGui::PushID(std::string(name).c_str());
  const bool pressed = small ? ImGui::SmallButton(label) : ImGui::Button(label);
  ImGui::PopID();
  record_control(s, name);
  if (tooltip && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tooltip);
  return pressed;
}

void followed_query_and_key(AppState& s, int Settings::*query, int Settings::*key,
                            std::string_view clear_name, const char* clear_tooltip) {
  const Settings& st = s.lab.settings();
  const auto index = [](int i) { return i >= 0 ? std::to_string(i) : std::string("none"); };
  ImGui::TextUnformatted(("Query " + index(st.*query) + " · key " + index(st.*key)).c_str());
  if (action_button(s, "Clear", clear_name, clear_tooltip)) {
    Settings next = st;
    next.*query = next.*key = -1;
    update_settings(s, next);
  }
}

bool section(AppState& s, const char* title, const char* name) {
  const std::string label = std::string(title) + "###" + name;
  const bool open = ImGui::CollapsingHeader(label.c_str(), ImGuiTreeNodeFlags_DefaultOpen);
  record_control(s, name);
  return open;
}

void help_text(const char* text) {
  wrapped_text(ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled), text);
}

void wrapped_text(const ImVec4& color, const std::string& text) {
  // Wrap at the window's visible right edge: below its minimum width the controls column scrolls
  // sideways, and text wrapped at the content's edge would run under the window's.
  const ImGuiStyle& style = ImGui::GetStyle();
  const float right = ImGui::GetScrollX() + ImGui::GetWindowWidth() - style.WindowPadding.x -
                      (ImGui::GetScrollMaxY() > 0 ? style.ScrollbarSize : 0.0f);
  ImGui::PushStyleColor(ImGuiCol_Text, color);
  ImGui::PushTextWrapPos(right);
  ImGui::TextUnformatted(text.c_str(), text.c_str() + text.size());
  ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
}

namespace {

// The byte offsets at which the UTF-8 characters of `text` start, and its end.
std::vector<std::size_t> char_starts(const std::string& text) {
  std::vector<std::size_t> starts;
  for (std::size_t at = 0; at < text.size(); ++at)
    if ((static_cast<unsigned char>(text[at]) & 0xC0) != 0x80) starts.push_back(at);
  starts.push_back(text.size());
  return starts;
}

}  // namespace

std::string elided(const std::string& text, float width, Elide side) {
  const char* begin = text.c_str();
  const char* end = begin + text.size();
  if (ImGui::CalcTextSize(begin, end).x <= width) return text;
  const float room = width - ImGui::CalcTextSize("…").x;
  // The most whole characters that fit, kept from the start or from the end: a binary search,
  // since the widths of longer runs are never smaller (a long status message each frame).
  const std::vector<std::size_t> starts = char_starts(text);
  const std::size_t chars = starts.size() - 1;
  const auto kept = [&](std::size_t n) {
    return side == Elide::End ? std::pair{begin, begin + starts[n]}
                              : std::pair{begin + starts[chars - n], end};
  };
  std::size_t fits = 0, too_many = chars;  // kept(fits) fits; kept(too_many) does not
  while (too_many - fits > 1) {
    const std::size_t mid = (fits + too_many) / 2;
    const auto [from, to] = kept(mid);
    (ImGui::CalcTextSize(from, to).x <= room ? fits : too_many) = mid;
  }
  const auto [from, to] = kept(fits);
  return side == Elide::End ? std::string(from, to) + "…" : "…" + std::string(from, to);
}

void elided_text(const std::string& text, Elide side, const ImVec4& color) {
  const std::string shown = elided(text, ImGui::GetContentRegionAvail().x, side);
  ImGui::PushStyleColor(ImGuiCol_Text, color);
  ImGui::TextUnformatted(shown.c_str(), shown.c_str() + shown.size());
  ImGui::PopStyleColor();
  if (shown != text && ImGui::IsItemHovered()) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 40);
    ImGui::TextUnformatted(text.c_str(), text.c_str() + text.size());
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
  }
}

std::string setting_tabs(AppState& s, const char* id, std::string_view key,
                         const std::vector<std::pair<std::string, std::string>>& tabs,
                         std::string& shown) {
  const std::string want = setting_text(s, key);
  const bool ask = want != shown;
  if (!ImGui::BeginTabBar(id)) return want;
  for (const auto& [value, title] : tabs) {
    const std::string label = title + "###" + value;
    const bool open = ImGui::BeginTabItem(label.c_str(), nullptr,
                                          ask && value == want ? ImGuiTabItemFlags_SetSelected : 0);
    if (open) ImGui::EndTabItem();
    record_control(s, std::string(key) + "." + value);
    if (open && value != shown) {
      shown = value;
      if (value != want) set_setting(s, key, value);
    }
  }
  ImGui::EndTabBar();
  return setting_text(s, key);
}

bool begin_menu(AppState& s, const char* label, const char* name) {
  const bool open = ImGui::BeginMenu(label);
  record_control(s, name);
  return open;
}

bool menu_item(AppState& s, const char* label, const char* name, const char* shortcut, bool enabled,
               bool selected) {
  const bool chosen = ImGui::MenuItem(label, shortcut, selected, enabled);
  record_control(s, name);
  return chosen;
}

void choice_combo(AppState& s, const char* label, std::string_view key) {
  const SettingInfo* info = find_setting(key);
  if (!info) return;
  const std::string current = info->get(s.lab.settings());
  if (ImGui::BeginCombo(id_label(label, key).c_str(), current.c_str())) {
    for (const std::string& choice : split_choices(info->range)) {
      if (ImGui::Selectable(choice.c_str(), choice == current) && choice != current)
        set_setting(s, key, choice);
      record_control(s, std::string(key) + "=" + choice);
    }
    ImGui::EndCombo();
  }
  bound_item(s, key);
}

void setting_checkbox(AppState& s, const char* label, std::string_view key) {
  bool value = setting_text(s, key) == "true";
  if (ImGui::Checkbox(id_label(label, key).c_str(), &value))
    set_setting(s, key, value ? "true" : "false");
  bound_item(s, key);
}

void log_slider(AppState& s, const char* label, std::string_view key, float lo, float hi,
                const char* format) {
  float value = static_cast<float>(setting_number(s, key));
  if (ImGui::SliderFloat(id_label(label, key).c_str(), &value, lo, hi, format,
                         ImGuiSliderFlags_Logarithmic))
    set_float(s, key, value);
  bound_item(s, key);
}

void linear_slider(AppState& s, const char* label, std::string_view key, float lo, float hi,
                   const char* format) {
  float value = static_cast<float>(setting_number(s, key));
  if (ImGui::SliderFloat(id_label(label, key).c_str(), &value, lo, hi, format))
    set_float(s, key, value);
  bound_item(s, key);
}

void int_slider(AppState& s, const char* label, std::string_view key, int lo, int hi) {
  int value = static_cast<int>(setting_number(s, key));
  if (ImGui::SliderInt(id_label(label, key).c_str(), &value, lo, hi))
    set_setting(s, key, std::to_string(value));
  bound_item(s, key);
}

void text_field(AppState& s, const char* label, std::string_view key) {
  std::string text = field_text(s, key);
  ImGui::InputText(id_label(label, key).c_str(), &text, ImGuiInputTextFlags_AutoSelectAll);
  commit_on_leave(s, key, text);
  bound_item(s, key);
}

void number_field(AppState& s, const char* label, std::string_view key, double step) {
  const ImGuiStyle& style = ImGui::GetStyle();
  const float button = ImGui::GetFrameHeight();
  ImGui::PushID(std::string(key).c_str());
  ImGui::SetNextItemWidth(
      std::max(button, ImGui::CalcItemWidth() - 2 * (button + style.ItemInnerSpacing.x)));
  std::string text = field_text(s, key);
  ImGui::InputText("##field", &text,
                   ImGuiInputTextFlags_AutoSelectAll | ImGuiInputTextFlags_CharsScientific);
  commit_on_leave(s, key, text);
  bound_item(s, key);
  // Whole numbers up to 2^53 (data.seed's range) are exact in a double.
  const double value = setting_number(s, key);
  ImGui::SameLine(0, style.ItemInnerSpacing.x);
  if (ImGui::Button("-", ImVec2(button, button)))
    set_setting(s, key, fig::shortest_number(value - step));
  record_control(s, std::string(key) + ".minus");
  ImGui::SameLine(0, style.ItemInnerSpacing.x);
  if (ImGui::Button("+", ImVec2(button, button)))
    set_setting(s, key, fig::shortest_number(value + step));
  record_control(s, std::string(key) + ".plus");
  ImGui::SameLine(0, style.ItemInnerSpacing.x);
  ImGui::TextUnformatted(label);
  ImGui::PopID();
}

void int_drag(AppState& s, const char* label, std::string_view key, int lo, int hi) {
  const auto it = s.edits.find(key);
  int value = static_cast<int>(std::strtol(
      it != s.edits.end() ? it->second.c_str() : setting_text(s, key).c_str(), nullptr, 10));
  ImGui::DragInt(id_label(label, key).c_str(), &value, 0.5f, lo, hi, "%d",
                 ImGuiSliderFlags_Logarithmic | ImGuiSliderFlags_AlwaysClamp);
  commit_on_leave(s, key, std::to_string(value));
  bound_item(s, key);
}

}  // namespace al::gui
