// Widgets bound to settings keys. Each reads its value from the lab, writes through
// set_setting (so errors reach the status line), and shows the key, its help line and its range
// in a tooltip: what the user sees is what `--set KEY=VALUE` and session files use.
#pragma once

#include <string_view>

#include "app/gui/app_state.hpp"

namespace al::gui {

// Call after the widget bound to `key`: records its screen rectangle (tests click it) and gives
// it a tooltip with the key, its help line, its range and its default.
void bound_item(AppState& s, std::string_view key);

// A combo over the key's choices (the registry's "a|b|c" range).
void choice_combo(AppState& s, const char* label, std::string_view key);
void setting_checkbox(AppState& s, const char* label, std::string_view key);
// A logarithmic slider over [lo, hi]; ctrl+click types any value the key accepts.
void log_slider(AppState& s, const char* label, std::string_view key, float lo, float hi,
                const char* format);
void linear_slider(AppState& s, const char* label, std::string_view key, float lo, float hi,
                   const char* format);
// Integer entry: the +/- buttons apply at once, typed text on Enter.
void int_input(AppState& s, const char* label, std::string_view key, int step = 1);
// A setting's current value as text and as a number.
std::string setting_text(const AppState& s, std::string_view key);
double setting_number(const AppState& s, std::string_view key);

}  // namespace al::gui
