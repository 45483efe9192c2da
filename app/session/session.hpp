// Session files: every setting (by its registry key) and, when the user has edited or loaded
// them, the training points. JSON, written atomically (temporary file, then rename).
//
//   { "format": "attention-lab-session", "version": 1,
//     "settings": { "kernel.w": "1", "data.seed": "1", ... },
//     "points": { "x": [0.1, 0.4], "y": [1.2, 0.7] },        // optional
//     "views": { "regression": [[0, 5, -1, 4], null] } }      // optional
//
// Settings values may be written as strings, numbers or booleans; unknown keys are errors.
// "views" holds the pan/zoom of each figure view by its name: per panel, its data limits
// [x_min, x_max, y_min, y_max] (a heatmap's in cell coordinates), or null for the figure's own.
// Names the app does not show are ignored, so a session still opens after a view is renamed.
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

std::string to_json(const Lab& lab, const ViewLimits& views = {});
// A settings value of a session as the registry's text: JSON strings as they are, numbers and
// booleans printed (numbers with 17 significant digits, so they read back exactly).
std::optional<std::string> value_text(const nlohmann::json& v);
// `name` (usually the file name) prefixes every message: "<name>: settings.kernel.w: ...".
// `views`, when given, receives the session's "views" (empty when it has none).
Expected<Lab> from_json(std::string_view text, std::string_view name, ViewLimits* views = nullptr);

std::optional<std::string> save(const Lab& lab, const std::string& path,
                                const ViewLimits& views = {});
Expected<Lab> load(const std::string& path, ViewLimits* views = nullptr);

// Where the app keeps its last state between runs:
// $XDG_STATE_HOME/attention-lab/last-session.json (default ~/.local/state/...).
std::string last_state_path();

}  // namespace al::session
