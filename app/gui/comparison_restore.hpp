// A session's A/B comparisons, taken again when the window opens it. A session keeps the settings
// each snapshot was taken with (session.hpp); a snapshot is the view's figure made with those
// settings. A lab makes some of its figures' state while it draws (a Transformer's run), so each
// snapshot takes two frames: its settings are applied after one frame, the next frame draws the
// view with them, and the snapshot is taken after that. Once every snapshot is taken the
// session's own settings come back.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/settings.hpp"

namespace al::gui {

struct AppState;

struct ComparisonRestore {
  struct Shot {
    std::string view;
    bool pinned_b = false;  // a pinned B, else A
    Settings settings;
  };
  std::vector<Shot> shots;  // still to take, in order (A before B of the same view)
  Settings session;         // what the window shows once they are taken
  // The session's own points (edited, or read from a file), which its settings do not describe:
  // a shot with other data.* keys generates points, so these are given back after the last one.
  std::optional<std::pair<std::vector<double>, std::vector<double>>> points;
  bool applied = false;  // the first shot's settings are applied: its figure is drawn next
  bool pending() const { return !shots.empty(); }
};

// One step, after each frame's figures are drawn (the window keeps drawing while one is pending).
void restore_comparisons(AppState& s);

}  // namespace al::gui
