// UI actions (see actions.hpp).
#include "actions.hpp"

#include "figure_view.hpp"

#include <filesystem>

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "app/figure/comparison.hpp"
#include "app/figure/export.hpp"
#include "app/figure/number_format.hpp"
#include "app/session/session.hpp"
#include "engine/bahdanau/model_file.hpp"
#include "engine/transformer/model_file.hpp"
#include "engine/user_text.hpp"
#include "lab_ui.hpp"
#include "linking.hpp"

namespace al::gui {
namespace {

// train.epochs' upper bound in the registry.
constexpr int kMaxEpochs = 100000;

// Longest frame time credited to playback: after a stall, training resumes at its speed
// instead of running a burst of catch-up epochs.
constexpr double kMaxPlaybackStep = 0.1;

// Undo keeps at most this many bytes of points (100 000 points take 1.6 MB a step).
constexpr std::size_t kHistoryBytes = 64u << 20;

PointsSnapshot snapshot(const Lab& lab) {
  return {lab.settings(), lab.data().x, lab.data().y, lab.points_edited()};
}

std::size_t bytes(const PointsSnapshot& p) {
  return (p.x.size() + p.y.size()) * sizeof(double) + sizeof p;
}

// Restores the data.* settings and the points of `p`, keeping every other setting as it is.
void restore(AppState& s, const PointsSnapshot& p) {
  Settings next = s.lab.settings();
  for (const SettingInfo& info : setting_registry())
    if (info.key.starts_with("data.")) apply_setting(next, info.key, info.get(p.settings));
  if (auto err = s.lab.update(next)) return show_message(s, *err, true);
  if (p.edited) {
    if (auto err = s.lab.set_points(p.x, p.y)) return show_message(s, *err, true);
  } else if (s.lab.points_edited()) {
    s.lab.regenerate();
  }
  s.history.committed = snapshot(s.lab);
  s.history.committed_revision = s.lab.data_revision();
}

}  // namespace

void show_message(AppState& s, std::string text, bool error) {
  s.status = {std::move(text), error, ImGui::GetTime()};
}

bool set_setting(AppState& s, std::string_view key, std::string_view value) {
  if (auto err = s.lab.set(key, value)) {
    show_message(s, *err, true);
    return false;
  }
  if (s.status.error) s.status = {};
  return true;
}

bool update_settings(AppState& s, const Settings& next) {
  if (auto err = s.lab.update(next)) {
    show_message(s, *err, true);
    return false;
  }
  if (s.status.error) s.status = {};
  return true;
}

void toggle_setting(AppState& s, std::string_view key) {
  const SettingInfo* info = find_setting(key);
  const bool on = info != nullptr && info->get(s.lab.settings()) == "true";
  set_setting(s, key, on ? "false" : "true");
}

void select_query(AppState& s, int query) {
  if (query != s.lab.settings().view_query) set_setting(s, "view.query", std::to_string(query));
}

void add_epochs(AppState& s, int epochs) {
  if (!s.lab.training_message().empty())
    return show_message(s, "Training is stopped: " + s.lab.training_message(), true);
  const int target = std::clamp(s.lab.settings().train_epochs + epochs, 0, kMaxEpochs);
  set_setting(s, "train.epochs", std::to_string(target));
}

void advance_training(AppState& s, double dt) {
  if (!s.playing) return;
  const Settings& settings = s.lab.settings();
  if (!s.lab.training_message().empty() || settings.train_epochs >= kMaxEpochs) {
    s.playing = false;
    return;
  }
  s.epoch_accumulator += std::min(dt, kMaxPlaybackStep) * settings.train_speed;
  const double whole = std::floor(s.epoch_accumulator);
  if (whole < 1) return;
  s.epoch_accumulator -= whole;
  add_epochs(s, static_cast<int>(whole));
  if (!s.lab.training_message().empty()) s.playing = false;
}

void toggle_playing(AppState& s) {
  s.playing = !s.playing;
  s.epoch_accumulator = 0;
}

void reset_training(AppState& s) {
  s.playing = false;
  set_setting(s, "train.epochs", "0");
}

void regenerate(AppState& s) {
  s.lab.regenerate();
  if (s.status.error) s.status = {};
}

void reset_points_history(AppState& s) {
  s.history = {};
  s.history.committed = snapshot(s.lab);
  s.history.committed_revision = s.lab.data_revision();
}

void commit_points_history(AppState& s, bool gesture_held) {
  PointsHistory& h = s.history;
  if (s.lab.data_revision() == h.committed_revision || gesture_held) return;
  const bool dropped_edits = h.committed.edited && !s.lab.points_edited();
  h.undo.push_back(std::move(h.committed));
  h.redo.clear();
  std::size_t total = 0;
  for (const PointsSnapshot& p : h.undo) total += bytes(p);
  while (h.undo.size() > 1 && total > kHistoryBytes) {
    total -= bytes(h.undo.front());
    h.undo.erase(h.undo.begin());
  }
  h.committed = snapshot(s.lab);
  h.committed_revision = s.lab.data_revision();
  if (dropped_edits && !s.status.error)
    show_message(s, "Your edited points were replaced; Ctrl+Z brings them back");
}

// Undo and Redo: the top of `from` becomes the points, the points go on top of `to`.
void step_history(AppState& s, std::vector<PointsSnapshot>& from, std::vector<PointsSnapshot>& to) {
  if (from.empty()) return;
  PointsSnapshot target = std::move(from.back());
  from.pop_back();
  to.push_back(snapshot(s.lab));
  restore(s, target);
}

void undo_points(AppState& s) {
  step_history(s, s.history.undo, s.history.redo);
}

void redo_points(AppState& s) {
  step_history(s, s.history.redo, s.history.undo);
}

void fit_all(AppState& s) {
  for (const auto& lab : s.labs)
    for (FigureView* v : lab->views(s)) v->limits.clear();
}

namespace {

// The keys whose values in `shot` differ from `now`: what a session keeps of a snapshot's
// settings.
session::Assignments settings_diff(const Settings& shot, const Settings& now) {
  session::Assignments out;
  for (const SettingInfo& info : setting_registry())
    if (std::string value = info.get(shot); value != info.get(now))
      out.emplace_back(info.key, std::move(value));
  return out;
}

Settings with(const Settings& base, const session::Assignments& assignments) {
  Settings out = base;
  apply_settings(out, assignments);  // checked when the session was read
  return out;
}

}  // namespace

session::WindowViews window_views(AppState& s) {
  session::WindowViews out;
  const Settings& now = s.lab.settings();
  for (const auto& lab : s.labs)
    for (FigureView* v : lab->views(s)) {
      auto& panels = out.limits[v->name];
      for (const auto& l : v->limits)
        panels.push_back(l ? std::optional(std::array{l->x_min, l->x_max, l->y_min, l->y_max})
                           : std::nullopt);
      const ViewComparison& c = v->compare;
      if (!c.a_settings) continue;
      session::SavedComparison& saved = out.comparisons[v->name];
      saved.a = settings_diff(*c.a_settings, now);
      if (c.b_settings) saved.b = settings_diff(*c.b_settings, now);
    }
  return out;
}

void apply_window_views(AppState& s, const session::WindowViews& views) {
  s.restore = {};
  for (const auto& lab : s.labs)
    for (FigureView* v : lab->views(s)) {
      v->limits.clear();
      if (v->compare.active()) {
        v->compare.clear();
        compare_changed(*v);
      }
      if (const auto it = views.limits.find(v->name); it != views.limits.end())
        for (const auto& l : it->second)
          v->limits.push_back(l ? std::optional(AxisLimits{(*l)[0], (*l)[1], (*l)[2], (*l)[3]})
                                : std::nullopt);
    }
  const Settings& now = s.lab.settings();
  for (const auto& [view, c] : views.comparisons) {
    s.restore.shots.push_back({view, false, with(now, c.a)});
    if (c.b) s.restore.shots.push_back({view, true, with(now, *c.b)});
  }
  s.restore.session = now;
  if (s.restore.pending() && s.lab.points_edited())
    s.restore.points.emplace(s.lab.data().x, s.lab.data().y);
}

void open_session(AppState& s, const std::string& path) {
  session::WindowViews views;
  auto loaded = session::load(path, &views);
  if (!loaded) return show_message(s, loaded.error(), true);
  s.lab = std::move(loaded).value();
  apply_window_views(s, views);
  reset_points_history(s);
  s.playing = false;
  show_message(s, "Opened session " + printable(path));
}

void save_session(AppState& s, const std::string& path) {
  if (auto err = session::save(s.lab, path, window_views(s))) return show_message(s, *err, true);
  show_message(s, "Saved session " + printable(path));
}

void open_csv(AppState& s, const std::string& path) {
  if (set_setting(s, "data.csv", path))
    show_message(s,
                 "Opened " + printable(path) + ": " + fig::count(s.lab.data().x.size(), "point"));
}

void open_model(AppState& s, const std::string& path) {
  // The file is read as a Transformer, else as a Bahdanau model; when neither reads it, the
  // error is the one of the lab shown.
  auto transformer = tf::load_model(path);
  const auto bahdanau =
      transformer ? Expected<bahdanau::Model>(Error{""}) : bahdanau::load_model(path);
  if (!transformer && !bahdanau)
    return show_message(
        s, s.lab.settings().app_lab == AppLab::Bahdanau ? bahdanau.error() : transformer.error(),
        true);
  if (!set_setting(s, "model.path", path)) return;
  set_setting(s, "app.lab", bahdanau ? "bahdanau" : "transformer");
  show_message(s, "Opened model " + printable(path));
}

void open_dropped(AppState& s, const std::string& path) {
  const std::string ext = std::filesystem::path(path).extension().string();
  if (ext == ".safetensors") {
    open_model(s, path);
  } else if (ext == ".json") {
    open_session(s, path);
  } else if (ext == ".csv") {
    open_csv(s, path);
  } else {
    show_message(s,
                 printable(path) +
                     ": drop a model (.safetensors), a session (.json) or points "
                     "(.csv)",
                 true);
  }
}

void save_trained_model(AppState& s, const std::string& path) {
  const ModelToSave& m = s.model_to_save;
  if (!m.model) return show_message(s, "No trained model to save", true);
  if (auto err = tf::save_model(*m.model, path)) return show_message(s, *err, true);
  std::string text = "Saved the model at step ";
  text += std::to_string(m.step);
  text += " to ";
  text += printable(path);
  show_message(s, std::move(text));
}

void export_view(AppState& s, const FigureView& view, const std::string& path, int scale) {
  if (view.shown.panels.empty())
    return show_message(s, "Nothing to export: " + view.name + " shows no figure", true);
  fig::Figure figure = view.shown;  // exactly what is drawn; frames skip the numbers' table
  if (fig::format_from_path(path) == fig::Format::Csv) {
    auto built = view.build(s, fig::FigureContext{view.cache.query, true});
    if (!built) return show_message(s, built.error(), true);
    if (const ViewComparison& c = view.compare; c.active()) {
      // The comparison's own table (query,key,a,b,difference), or B's under A's dimmed curves.
      auto compared = fig::compare_figures(*c.a, c.b ? *c.b : built.value(), true);
      if (!compared) return show_message(s, compared.error(), true);
      figure.table = std::move(compared).value().table;
    } else {
      figure.table = std::move(built).value().table;
    }
  }
  if (auto err = fig::export_figure(figure, path, scale, s.lab.settings().view_font_size))
    return show_message(s, *err, true);
  show_message(s, "Saved " + printable(path));
}

}  // namespace al::gui
