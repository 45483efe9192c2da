// Session files: every setting (by its registry key) and, when the user has edited or loaded
// them, the training points. JSON, written atomically (temporary file, then rename).
//
//   { "format": "attention-lab-session", "version": 1,
//     "settings": { "kernel.w": "1", "data.seed": "1", ... },
//     "points": { "x": [0.1, 0.4], "y": [1.2, 0.7] },        // optional
//     "views": { "regression": [[0, 5, -1, 4], null] },       // optional
//     "comparisons": { "attention": { "a": { "kernel.w": "0.1" } } } }   // optional
//
// Settings values may be written as strings, numbers or booleans; unknown keys are errors.
// "views" holds the pan/zoom of each figure view by its name: per panel, its data limits
// [x_min, x_max, y_min, y_max] (a heatmap's in cell coordinates), or null for the figure's own.
// Names the app does not show are ignored, so a session still opens after a view is renamed.
// "comparisons" holds each A/B comparison of the window by its view's name: the settings its
// snapshot A (and "b", a pinned B) was taken with, as the keys whose values differ from the
// session's; the window takes the snapshots again when it opens the session.
#pragma once

#include <nlohmann/json.hpp>

#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/expected.hpp"
#include "engine/kernel_regression/lab.hpp"

namespace al::session {

// Per view name, per panel: [x_min, x_max, y_min, y_max], or nullopt for the figure's limits.
using ViewLimits = std::map<std::string, std::vector<std::optional<std::array<double, 4>>>>;

// Settings as keys and values, in order.
using Assignments = std::vector<std::pair<std::string, std::string>>;
// An A/B comparison: the settings of A (and of a pinned B) where they differ from the session's.
struct SavedComparison {
  Assignments a;
  std::optional<Assignments> b;
  bool operator==(const SavedComparison&) const = default;
};
using Comparisons = std::map<std::string, SavedComparison>;

// What a session keeps of the window's figures, beside the lab.
struct WindowViews {
  ViewLimits limits;
  Comparisons comparisons;
};

std::string to_json(const Lab& lab, const WindowViews& views = {});
// A settings value of a session as the registry's text: JSON strings as they are, numbers and
// booleans printed (numbers with 17 significant digits, so they read back exactly).
std::optional<std::string> value_text(const nlohmann::json& v);
// `name` (usually the file name) prefixes every message: "<name>: settings.kernel.w: ...".
// `views`, when given, receives the session's "views" and "comparisons" (empty when it has none).
Expected<Lab> from_json(std::string_view text, std::string_view name, WindowViews* views = nullptr);

std::optional<std::string> save(const Lab& lab, const std::string& path,
                                const WindowViews& views = {});
Expected<Lab> load(const std::string& path, WindowViews* views = nullptr);

// Where the app keeps its last state between runs:
// $XDG_STATE_HOME/attention-lab/last-session.json (default ~/.local/state/...).
std::string last_state_path();

}  // namespace al::session
