// Widgets bound to settings keys, and the controls registry every control reports to.
//
// Each settings widget reads its value from the lab, writes through set_setting (so errors reach
// the status line), and shows the key, its help line and its range in a tooltip: what the user
// sees is what `--set KEY=VALUE` and session files use. Its ImGui ID is made from the key, which
// the registry keeps unique, so two widgets can never share an ID however they are labelled.
// Typed text is applied when the field loses focus (Enter, Tab, a click elsewhere); Escape drops
// it.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <imgui.h>

#include "app/gui/app_state.hpp"
#include "app/gui/record_control.hpp"

namespace al::gui {

// record_control under the key, plus a tooltip with the key, its help, range and default.
void bound_item(AppState& s, std::string_view key);

// A button that records itself as `name` and shows `tooltip` on hover (may be null).
bool action_button(AppState& s, const char* label, std::string_view name, const char* tooltip,
                   bool small = false);

// What a lab follows, a query and a key (fields of Settings, -1: none), as one line ("Query 2 ·
// key none"), and a Clear button (control `clear_name`) setting both to -1 in one change.
void followed_query_and_key(AppState& s, int Settings::*query, int Settings::*key,
                            std::string_view clear_name, const char* clear_tooltip);

// A combo over the key's choices (the registry's "a|b|c" range).
void choice_combo(AppState& s, const char* label, std::string_view key);
void setting_checkbox(AppState& s, const char* label, std::string_view key);
// Sliders over [lo, hi] (logarithmic or linear); ctrl+click types any value the key accepts.
// The value set is the float's shortest decimal ("39.8", not 39.79999923706055).
void log_slider(AppState& s, const char* label, std::string_view key, float lo, float hi,
                const char* format);
void linear_slider(AppState& s, const char* label, std::string_view key, float lo, float hi,
                   const char* format);
// A slider over whole numbers lo to hi (a position, a column); ctrl+click types one.
void int_slider(AppState& s, const char* label, std::string_view key, int lo, int hi);
// A typed field for any key (numbers, "random", paths), applied when it loses focus.
void text_field(AppState& s, const char* label, std::string_view key);
// A typed number with - and + buttons that add -step and +step at once.
void number_field(AppState& s, const char* label, std::string_view key, double step = 1.0);
// A logarithmic drag over [lo, hi] applied when released (each value may retrain the lab).
void int_drag(AppState& s, const char* label, std::string_view key, int lo, int hi);

// A collapsing section of the controls column, open at first, recorded as the control `name`.
bool section(AppState& s, const char* title, const char* name);
// Wrapped text in grey (help) or in a colour (errors, warnings).
void help_text(const char* text);
void wrapped_text(const ImVec4& color, const std::string& text);
// `text` cut to fit `width` with "…" in place of what is cut (whole UTF-8 characters): its end
// (a message) or its start (a path, whose file name is the part to keep).
enum class Elide { End, Start };
std::string elided(const std::string& text, float width, Elide side);
// One line of `text` in `color`, elided to the room left on the line; the whole text on hover.
void elided_text(const std::string& text, Elide side,
                 const ImVec4& color = ImGui::GetStyleColorVec4(ImGuiCol_Text));

// A tab bar bound to a setting whose values are `tabs` (value, title): returns the value shown.
// Dear ImGui selects a tab one frame after it is asked to, so a change of the setting (a session)
// asks, and a change of the tab that was not asked for (a click) sets the setting. `shown` is
// the tab Dear ImGui showed last frame. Each tab records itself as the control "KEY.VALUE".
std::string setting_tabs(AppState& s, const char* id, std::string_view key,
                         const std::vector<std::pair<std::string, std::string>>& tabs,
                         std::string& shown);

// A menu of the menu bar and one of its items, recorded as controls under `name`.
bool begin_menu(AppState& s, const char* label, const char* name);
bool menu_item(AppState& s, const char* label, const char* name, const char* shortcut = nullptr,
               bool enabled = true, bool selected = false);

// A setting's current value as text and as a number.
std::string setting_text(const AppState& s, std::string_view key);
double setting_number(const AppState& s, std::string_view key);

}  // namespace al::gui
