// Every change the UI makes goes through these functions, so each error lands in the status
// line (red) and the lab keeps its previous state; panels only decide what to call.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "app/session/session.hpp"
#include "app_state.hpp"

namespace al::gui {

void show_message(AppState& s, std::string text, bool error = false);

// lab.set(key, value); returns true if the lab took it. Success clears an error in the status
// line (the error was about an earlier action).
bool set_setting(AppState& s, std::string_view key, std::string_view value);

// set_setting for several keys at once (a click that selects a cell): lab.update(next).
bool update_settings(AppState& s, const Settings& next);

// A lab's "Defaults": every key of its part of the settings (e.g. MultiHeadSettings, the keys
// `prefix`.*) back to its default, then a message saying so.
template <class Part>
void restore_defaults(AppState& s, const char* prefix) {
  Settings next = s.lab.settings();
  static_cast<Part&>(next) = Part{};
  if (update_settings(s, next))
    show_message(s, std::string("Every ") + prefix + ".* key is back to its default");
}

// A true|false key to its other value (menu items and keys that switch a view on and off).
void toggle_setting(AppState& s, std::string_view key);

// view.query: the selected query (-1 clears it).
void select_query(AppState& s, int query);

// Training playback: adds dt x train.speed to the accumulator and raises train.epochs by its
// whole part (the same lab.set path as "+1 epoch"); stops at a training message or the limit.
void advance_training(AppState& s, double dt);
void add_epochs(AppState& s, int epochs);
void toggle_playing(AppState& s);
void reset_training(AppState& s);  // stops and sets train.epochs = 0

// Points. Every change of the training points (edits, regeneration, new data settings, a CSV)
// becomes one Undo step when the gesture that made it ends (commit_points_history, once per
// frame), so a drag is one step. Undo and Redo restore the points and the data.* settings.
void regenerate(AppState& s);
void reset_points_history(AppState& s);  // a new lab: nothing to undo
void commit_points_history(AppState& s, bool gesture_held);
void undo_points(AppState& s);
void redo_points(AppState& s);

// Every view back to its builder's limits.
void fit_all(AppState& s);
// What sessions keep of the views, by view name: every view's pan/zoom, and the settings of each
// A/B comparison's snapshots. Setting them back: views the session does not name, and panels
// beyond a view's figure, keep the builder's limits; every comparison is dropped, and the
// session's are taken again over the next frames (comparison_restore.hpp).
session::WindowViews window_views(AppState& s);
void apply_window_views(AppState& s, const session::WindowViews& views);

// Files. Sessions replace the whole lab and reset every view's pan/zoom.
void open_session(AppState& s, const std::string& path);
void save_session(AppState& s, const std::string& path);
void open_csv(AppState& s, const std::string& path);
// Sets model.path after loading the file once and shows the lab of its architecture (the
// Bahdanau lab for a Bahdanau model, else the Transformer lab): a bad file changes nothing and
// says why.
void open_model(AppState& s, const std::string& path);
// A file dropped on the window, by its extension: a model (.safetensors, opened as open_model
// does), a session (.json) or training points (.csv); anything else says so.
void open_dropped(AppState& s, const std::string& path);
// Writes s.model_to_save to `path` (.safetensors, atomically).
void save_trained_model(AppState& s, const std::string& path);

// Exports one view as shown (its limits, its highlight) to `path`; the format follows the
// extension.
void export_view(AppState& s, const FigureView& view, const std::string& path, int scale);

}  // namespace al::gui
