#include "session.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "engine/atomic_file.hpp"
#include "engine/json_reader.hpp"
#include "engine/read_file.hpp"
#include "engine/user_text.hpp"

namespace al::session {
namespace {

using nlohmann::json;

constexpr std::string_view kFormat = "attention-lab-session";
constexpr int kVersion = 1;
constexpr std::size_t kMaxFileBytes = 64u << 20;  // a session with 1e6 points is ~40 MB
constexpr std::size_t kMaxPoints = 1'000'000;
// A session is three levels deep (the document, "points", its arrays) and holds the points and
// a value per setting; the limits stop a hostile file before it is built into gigabytes.
constexpr JsonLimits kLimits{
    .max_bytes = kMaxFileBytes, .max_values = 2 * kMaxPoints + 10'000, .max_depth = 8};

Error fail(std::string_view name, const std::string& what) {
  return Error{printable(name) + ": " + what};
}

Expected<std::vector<double>> read_numbers(const json& arr, std::string_view name,
                                           const std::string& where) {
  if (!arr.is_array()) return fail(name, where + " is not an array");
  if (arr.size() > kMaxPoints)
    return fail(name, where + " has more than " + std::to_string(kMaxPoints) + " values");
  std::vector<double> out;
  out.reserve(arr.size());
  for (std::size_t i = 0; i < arr.size(); ++i) {
    const json& v = arr[i];
    if (!v.is_number() || !std::isfinite(v.get<double>()))
      return fail(name, where + "[" + std::to_string(i) + "] is not a finite number");
    out.push_back(v.get<double>());
  }
  return out;
}

// A session names at most this many views, of at most this many panels each.
constexpr std::size_t kMaxViews = 64, kMaxViewPanels = 256, kMaxViewName = 100;

Expected<ViewLimits> read_views(const json& v, std::string_view name) {
  if (!v.is_object()) return fail(name, "\"views\" must be an object");
  if (v.size() > kMaxViews)
    return fail(name, "\"views\" names more than " + std::to_string(kMaxViews) + " views");
  ViewLimits views;
  for (const auto& [view, panels] : v.items()) {
    const std::string where = "views." + view;
    if (view.size() > kMaxViewName || !is_utf8(view))
      return fail(name, printable(where, 120) + ": not a view name");
    if (!panels.is_array() || panels.size() > kMaxViewPanels)
      return fail(name, printable(where) + ": must be an array of at most " +
                            std::to_string(kMaxViewPanels) + " panels");
    auto& out = views[view];
    for (std::size_t i = 0; i < panels.size(); ++i) {
      const json& p = panels[i];
      const std::string at = printable(where) + "[" + std::to_string(i) + "]";
      if (p.is_null()) {
        out.emplace_back();
        continue;
      }
      auto limits = read_numbers(p, name, at);
      if (!limits) return Error{limits.error()};
      const std::vector<double>& l = limits.value();
      if (l.size() != 4 || !(l[0] < l[1]) || !(l[2] < l[3]))
        return fail(name, at + ": must be null or [x_min, x_max, y_min, y_max] with min < max");
      out.push_back(std::array<double, 4>{l[0], l[1], l[2], l[3]});
    }
  }
  return views;
}

// A comparison's settings: an object of registry keys, each value one the key takes on top of
// the session's `settings`.
Expected<Assignments> read_assignments(const json& v, const Settings& settings,
                                       std::string_view name, const std::string& where) {
  if (!v.is_object() || v.size() > setting_registry().size())
    return fail(name, where + ": must be an object of settings keys");
  Assignments out;
  for (const auto& [key, value] : v.items()) {
    auto text_value = value_text(value);
    if (!text_value)
      return fail(name, printable(where + "." + key) + ": must be a string, number or boolean");
    out.emplace_back(key, *text_value);
  }
  Settings check = settings;
  if (auto err = apply_settings(check, out)) return fail(name, where + ": " + *err);
  return out;
}

Expected<Comparisons> read_comparisons(const json& v, const Settings& settings,
                                       std::string_view name) {
  if (!v.is_object()) return fail(name, "\"comparisons\" must be an object");
  if (v.size() > kMaxViews)
    return fail(name, "\"comparisons\" names more than " + std::to_string(kMaxViews) + " views");
  Comparisons out;
  for (const auto& [view, c] : v.items()) {
    const std::string where = "comparisons." + view;
    if (view.size() > kMaxViewName || !is_utf8(view))
      return fail(name, printable(where, 120) + ": not a view name");
    if (!c.is_object() || !c.contains("a"))
      return fail(name, printable(where) + ": must be an object with \"a\" (and \"b\")");
    for (const auto& [key, _] : c.items())
      if (key != "a" && key != "b")
        return fail(name, "unknown field " + quote_for_message(where + "." + key));
    auto a = read_assignments(c["a"], settings, name, printable(where) + ".a");
    if (!a) return Error{a.error()};
    SavedComparison& saved = out[view];
    saved.a = std::move(a).value();
    if (c.contains("b")) {
      auto b = read_assignments(c["b"], settings, name, printable(where) + ".b");
      if (!b) return Error{b.error()};
      saved.b = std::move(b).value();
    }
  }
  return out;
}

json assignments_json(const Assignments& assignments) {
  json out = json::object();
  for (const auto& [key, value] : assignments) out[key] = value;
  return out;
}

}  // namespace

std::optional<std::string> value_text(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  if (v.is_number_integer()) return v.dump();
  if (v.is_number_float()) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.17g", v.get<double>());
    return std::string(buf);
  }
  return {};
}

std::string to_json(const Lab& lab, const WindowViews& views) {
  json settings = json::object();
  for (const SettingInfo& info : setting_registry()) settings[info.key] = info.get(lab.settings());
  // A selection left beyond the query grid (the grid shrank after it was made) highlights
  // nothing in the window; it is saved as none so that the session reads back.
  if (check_selected_query(lab)) settings["view.query"] = "-1";
  json doc = {{"format", kFormat}, {"version", kVersion}, {"settings", settings}};
  // Points are saved whenever they are not what the settings generate, so the session does not
  // depend on a CSV file staying where it was.
  if (lab.data().source != "generated") {
    settings["data.csv"] = "";
    doc["settings"] = settings;
    doc["points"] = {{"x", lab.data().x}, {"y", lab.data().y}};
  }
  // Only views that are panned or zoomed.
  json zoomed = json::object();
  for (const auto& [view, panels] : views.limits) {
    json list = json::array();
    bool any = false;
    for (const auto& p : panels) {
      list.push_back(p ? json(*p) : json(nullptr));
      any = any || p.has_value();
    }
    if (any) zoomed[view] = std::move(list);
  }
  if (!zoomed.empty()) doc["views"] = std::move(zoomed);
  json compared = json::object();
  for (const auto& [view, c] : views.comparisons) {
    compared[view] = {{"a", assignments_json(c.a)}};
    if (c.b) compared[view]["b"] = assignments_json(*c.b);
  }
  if (!compared.empty()) doc["comparisons"] = std::move(compared);
  return doc.dump(2) + "\n";
}

Expected<Lab> from_json(std::string_view text, std::string_view name, WindowViews* views) {
  auto parsed = read_json(text, kLimits);
  if (!parsed) return fail(name, parsed.error());
  json& doc = parsed.value();
  if (!doc.is_object()) return fail(name, "a session must be a JSON object");
  if (!doc.contains("format") || doc["format"] != kFormat)
    return fail(
        name, "not an Attention Lab session (\"format\" must be \"" + std::string(kFormat) + "\")");
  if (!doc.contains("version") || !doc["version"].is_number_integer() ||
      doc["version"].get<long long>() != kVersion)
    return fail(name, "unsupported session version (this build reads version " +
                          std::to_string(kVersion) + ")");
  for (const auto& [key, _] : doc.items())
    if (key != "format" && key != "version" && key != "settings" && key != "points" &&
        key != "views" && key != "comparisons")
      return fail(name, "unknown field " + quote_for_message(key));

  std::vector<std::pair<std::string, std::string>> assignments;
  if (doc.contains("settings")) {
    const json& s = doc["settings"];
    if (!s.is_object()) return fail(name, "\"settings\" must be an object");
    for (const auto& [key, value] : s.items()) {
      auto text_value = value_text(value);
      if (!text_value)
        return fail(name, printable("settings." + key) + ": must be a string, number or boolean");
      assignments.emplace_back(key, *text_value);
    }
  }

  std::optional<std::pair<std::vector<double>, std::vector<double>>> points;
  if (doc.contains("points")) {
    const json& p = doc["points"];
    if (!p.is_object() || !p.contains("x") || !p.contains("y"))
      return fail(name, "\"points\" must be an object with arrays \"x\" and \"y\"");
    for (const auto& [key, _] : p.items())
      if (key != "x" && key != "y")
        return fail(name, "unknown field " + quote_for_message("points." + key));
    auto x = read_numbers(p["x"], name, "points.x");
    if (!x) return Error{x.error()};
    auto y = read_numbers(p["y"], name, "points.y");
    if (!y) return Error{y.error()};
    if (x.value().size() != y.value().size())
      return fail(name, "points.x and points.y have different lengths");
    if (x.value().empty()) return fail(name, "\"points\" is empty");
    points.emplace(std::move(x).value(), std::move(y).value());
    // The saved points replace any CSV named in the settings.
    assignments.emplace_back("data.csv", "");
  }

  ViewLimits zoom;
  if (doc.contains("views")) {
    auto read = read_views(doc["views"], name);
    if (!read) return Error{read.error()};
    zoom = std::move(read).value();
  }

  Settings settings;
  if (auto err = apply_settings(settings, assignments)) return fail(name, *err);
  auto lab = Lab::create(settings);
  if (!lab) return fail(name, lab.error());
  if (points) {
    if (auto err = lab.value().set_points(std::move(points->first), std::move(points->second)))
      return fail(name, *err);
  }
  if (auto err = check_selected_query(lab.value())) return fail(name, *err);
  Comparisons comparisons;
  if (doc.contains("comparisons")) {
    auto read = read_comparisons(doc["comparisons"], lab.value().settings(), name);
    if (!read) return Error{read.error()};
    comparisons = std::move(read).value();
  }
  if (views) *views = {std::move(zoom), std::move(comparisons)};
  return lab;
}

std::optional<std::string> save(const Lab& lab, const std::string& path, const WindowViews& views) {
  std::error_code ec;
  const auto dir = std::filesystem::path(path).parent_path();
  if (!dir.empty()) std::filesystem::create_directories(dir, ec);
  return write_file_atomic(path, to_json(lab, views));
}

Expected<Lab> load(const std::string& path, WindowViews* views) {
  auto text = read_regular_file(path, kMaxFileBytes, "a session");
  if (!text) return Error{text.error()};
  return from_json(text.value(), path, views);
}

std::string last_state_path() {
  std::filesystem::path base;
  if (const char* xdg = std::getenv("XDG_STATE_HOME"); xdg && *xdg) {
    base = xdg;
  } else if (const char* home = std::getenv("HOME"); home && *home) {
    base = std::filesystem::path(home) / ".local" / "state";
  } else {
    base = std::filesystem::temp_directory_path();
  }
  return (base / "attention-lab" / "last-session.json").string();
}

}  // namespace al::session
