// UI actions (see actions.hpp).
#include "actions.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "app/figure/export.hpp"
#include "app/session/session.hpp"
#include "linking.hpp"

namespace al::gui {
namespace {

// train.epochs' upper bound in the registry.
constexpr int kMaxEpochs = 100000;

// Longest frame time credited to playback: after a stall, training resumes at its speed
// instead of running a burst of catch-up epochs.
constexpr double kMaxPlaybackStep = 0.1;

}  // namespace

void show_message(AppState& s, std::string text, bool error) {
  s.status = {std::move(text), error, ImGui::GetTime()};
}

bool set_setting(AppState& s, std::string_view key, std::string_view value) {
  if (auto err = s.lab.set(key, value)) {
    show_message(s, *err, true);
    return false;
  }
  return true;
}

bool set_setting(AppState& s, std::string_view key, double value) {
  return set_setting(s, key, format_number(value));
}

std::string format_number(double v) {
  char buf[32];
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*g", precision, v);
    if (std::strtod(buf, nullptr) == v) break;
  }
  return buf;
}

void select_query(AppState& s, int query) {
  if (query != s.lab.settings().view_query) set_setting(s, "view.query", std::to_string(query));
}

void add_epochs(AppState& s, int epochs) {
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

void open_session(AppState& s, const std::string& path) {
  auto loaded = session::load(path);
  if (!loaded) return show_message(s, loaded.error(), true);
  s.lab = std::move(loaded).value();
  for (FigureView* v : {&s.regression, &s.attention, &s.training, &s.kernels}) v->limits.clear();
  s.playing = false;
  show_message(s, "Opened session " + path);
}

void save_session(AppState& s, const std::string& path) {
  if (auto err = session::save(s.lab, path)) return show_message(s, *err, true);
  show_message(s, "Saved session " + path);
}

void open_csv(AppState& s, const std::string& path) {
  if (set_setting(s, "data.csv", path))
    show_message(s, "Opened " + path + ": " + std::to_string(s.lab.data().x.size()) + " points");
}

void export_view(AppState& s, const FigureView& view, const std::string& path, int scale) {
  fig::Figure figure = view.shown;  // exactly what is drawn; frames skip the numbers' table
  if (fig::format_from_path(path) == fig::Format::Csv)
    figure.table = view.build(s.lab, fig::FigureContext{highlighted_query(s), true}).table;
  if (auto err = fig::export_figure(figure, path, scale)) return show_message(s, *err, true);
  show_message(s, "Saved " + path);
}

}  // namespace al::gui
