// Every change the UI makes goes through these functions, so each error lands in the status
// line (red) and the lab keeps its previous state; panels only decide what to call.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "app_state.hpp"

namespace al::gui {

void show_message(AppState& s, std::string text, bool error = false);

// lab.set(key, value); returns true if the lab took it.
bool set_setting(AppState& s, std::string_view key, std::string_view value);
bool set_setting(AppState& s, std::string_view key, double value);

// The shortest text that reads back as exactly `v` (what settings values look like).
std::string format_number(double v);

// view.query: the selected query (-1 clears it).
void select_query(AppState& s, int query);

// Training playback: adds dt x train.speed to the accumulator and raises train.epochs by its
// whole part (the same lab.set path as "+1 epoch"); stops at a training message or the limit.
void advance_training(AppState& s, double dt);
void add_epochs(AppState& s, int epochs);

// Files. Sessions replace the whole lab and reset every view's pan/zoom.
void open_session(AppState& s, const std::string& path);
void save_session(AppState& s, const std::string& path);
void open_csv(AppState& s, const std::string& path);

// Exports one view as shown (its limits, its highlight) to `path`; the format follows the
// extension.
void export_view(AppState& s, const FigureView& view, const std::string& path, int scale);

}  // namespace al::gui
