// Session files: every setting (by its registry key) and, when the user has edited or loaded
// them, the training points. JSON, written atomically (temporary file, then rename).
//
//   { "format": "attention-lab-session", "version": 1,
//     "settings": { "kernel.w": "1", "data.seed": "1", ... },
//     "points": { "x": [0.1, 0.4], "y": [1.2, 0.7] } }      // optional
//
// Settings values may be written as strings, numbers or booleans; unknown keys are errors.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>

#include "engine/expected.hpp"
#include "engine/lab.hpp"

namespace al::session {

std::string to_json(const Lab& lab);
// A settings value of a session as the registry's text: JSON strings as they are, numbers and
// booleans printed (numbers with 17 significant digits, so they read back exactly).
std::optional<std::string> value_text(const nlohmann::json& v);
// `name` (usually the file name) prefixes every message: "<name>: settings.kernel.w: ...".
Expected<Lab> from_json(std::string_view text, std::string_view name);

std::optional<std::string> save(const Lab& lab, const std::string& path);
Expected<Lab> load(const std::string& path);

// Where the app keeps its last state between runs:
// $XDG_STATE_HOME/attention-lab/last-session.json (default ~/.local/state/...).
std::string last_state_path();

}  // namespace al::session
