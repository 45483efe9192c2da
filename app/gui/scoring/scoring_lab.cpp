// The scoring lab (see scoring_lab.hpp).
#include "scoring_lab.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "app/figure/number_format.hpp"
#include "app/figure/scoring_figures.hpp"
#include "app/gui/actions.hpp"
#include "app/gui/scoring/parameter_table.hpp"
#include "app/gui/view_limits.hpp"
#include "app/gui/view_slots.hpp"
#include "app/gui/widgets/setting_widgets.hpp"

namespace al::gui {
namespace {

// The plane's share of the width and the top row's share of the height.
constexpr double kLeftShare = 0.42, kTopShare = 0.6;
// How close (pixels at scale 1) the mouse must be to a point to hover or grab it.
constexpr double kPickRadius = 10.0;

constexpr const char* kAbout =
    "Attention pools values by weights that come from scores. Each query q scores every key k "
    "with a scoring function a(q, k); the softmax over the keys turns a query's scores into "
    "weights that are positive and sum to 1; the output is the values weighted by them. Drag a "
    "key toward a query and its weight grows. The scaled dot product divides q·k by √d so that "
    "scores keep unit variance as d grows; the temperature T divides every score: below 1 the "
    "weights sharpen toward the best key, above 1 they flatten toward uniform. A valid length "
    "masks the keys from it on: their scores become -1e6, so their weights are exactly 0.";

// Points dragged or added land on a 0.01 grid, so the typed scoring.queries and scoring.keys stay
// short ("1.25,-0.5", not "1.2487310345,-0.50113").
double on_grid(double v) {
  return std::round(v * 100.0) / 100.0;
}

// The point's first two coordinates (0 where the vectors have fewer).
fig::Vec2 coordinates(const Vectors& v, int row) {
  return {v.at(row, 0), v.dim > 1 ? v.at(row, 1) : 0.0};
}

}  // namespace

ScoringLab::ScoringLab()
    : plane_(shown_settings_view("scoring-plane", *this, fig::scoring_plane_figure)),
      matrices_(shown_settings_view("scoring", *this, fig::scoring_figure)),
      query_(shown_settings_view("scoring-query", *this, fig::scoring_query_figure)) {}

Settings ScoringLab::shown_settings(const AppState& s) const {
  Settings shown = s.lab.settings();
  if (hovered_query_) shown.scoring_query = *hovered_query_;
  if (hovered_key_) shown.scoring_key = *hovered_key_;
  return shown;
}

std::optional<ScoringLab::Point> ScoringLab::point_near(const AppState& s, fig::Vec2 pixel) const {
  if (plane_.layout.panels.empty()) return std::nullopt;
  const fig::PanelLayout& layout = plane_.layout.panels[0];
  const Settings& st = s.lab.settings();
  std::optional<Point> best;
  double best_distance = kPickRadius * s.ui_scale;
  for (const bool key : {false, true}) {
    const Vectors& v = key ? st.scoring_keys : st.scoring_queries;
    for (int i = 0; i < v.count(); ++i) {
      const fig::Vec2 at = coordinates(v, i);
      const fig::Vec2 p = layout.to_pixel(at.x, at.y);
      const double distance = std::hypot(p.x - pixel.x, p.y - pixel.y);
      if (distance <= best_distance) best = Point{key, i}, best_distance = distance;
    }
  }
  return best;
}

void ScoringLab::read_plane(AppState& s, const FigureInput& in) {
  const Settings& st = s.lab.settings();
  if (in.pressed && plane_.gesture.kind == Gesture::Kind::Own) {
    dragged_ = point_near(s, in.mouse);
    if (plane_.limits.empty() || !plane_.limits[0]) {
      set_override(plane_.limits, 0, limits_of(plane_.layout.panels[0]));
      pinned_ = true;
    }
  }
  if (in.own_drag && dragged_) {
    Settings next = st;
    Vectors& v = dragged_->key ? next.scoring_keys : next.scoring_queries;
    v.at(dragged_->index, 0) = on_grid(in.data.x);
    if (v.dim > 1) v.at(dragged_->index, 1) = on_grid(in.data.y);
    update_settings(s, next);
  }
  if (in.released) {
    dragged_.reset();
    if (pinned_ && !plane_.limits.empty()) plane_.limits[0].reset();
    pinned_ = false;
  }
  if (in.hovered && plane_.gesture.kind == Gesture::Kind::None)
    if (const auto p = point_near(s, in.mouse)) (p->key ? hovered_key_ : hovered_query_) = p->index;
  if (dragged_) (dragged_->key ? hovered_key_ : hovered_query_) = dragged_->index;

  // Right-click on a point deletes it (the last query or key stays).
  if (in.right_clicked)
    if (const auto p = point_near(s, in.mouse)) {
      Settings next = st;
      Vectors& v = p->key ? next.scoring_keys : next.scoring_queries;
      if (v.count() <= 1)
        return show_message(
            s, p->key ? "The last key cannot be deleted" : "The last query cannot be deleted",
            true);
      const auto first = v.values.begin() + static_cast<std::ptrdiff_t>(p->index) * v.dim;
      v.values.erase(first, first + v.dim);
      int& followed = p->key ? next.scoring_key : next.scoring_query;
      if (followed == p->index) followed = -1;
      if (followed > p->index) --followed;
      if (p->key && !next.scoring_values.empty())
        next.scoring_values.erase(next.scoring_values.begin() + p->index);
      update_settings(s, next);
    }
  // A click on a point follows it; on empty space adds a key there (Shift: a query).
  if (in.click && in.click->panel == 0) {
    if (const auto p = point_near(s, in.click->pixel)) {
      set_setting(s, p->key ? "scoring.key" : "scoring.query", std::to_string(p->index));
      return;
    }
    const bool query = ImGui::GetIO().KeyShift;
    Settings next = st;
    Vectors& v = query ? next.scoring_queries : next.scoring_keys;
    if (v.count() >= kMaxScoringVectors)
      return show_message(
          s, "At most " + std::to_string(kMaxScoringVectors) + (query ? " queries" : " keys"),
          true);
    v.values.push_back(on_grid(in.click->data.x));
    if (v.dim > 1) v.values.push_back(on_grid(in.click->data.y));
    for (int c = 2; c < v.dim; ++c) v.values.push_back(0.0);
    if (!query && !next.scoring_values.empty())
      next.scoring_values.push_back(static_cast<double>(v.count()));
    update_settings(s, next);
  }
}

void ScoringLab::read_matrices(AppState& s, const FigureInput& in) {
  for (int panel = 0; panel < static_cast<int>(matrices_.shown.panels.size()) &&
                      panel < static_cast<int>(matrices_.layout.panels.size());
       ++panel) {
    const auto& heatmap = matrices_.shown.panels[static_cast<std::size_t>(panel)].heatmap;
    if (!heatmap) continue;
    const fig::PanelLayout& layout = matrices_.layout.panels[static_cast<std::size_t>(panel)];
    if (in.hovered && in.panel == panel && matrices_.gesture.kind == Gesture::Kind::None)
      if (const auto c = heatmap_cell(layout, *heatmap, in.mouse)) {
        hovered_query_ = c->row;
        hovered_key_ = c->col;
      }
    if (in.click && in.click->panel == panel)
      if (const auto c = heatmap_cell(layout, *heatmap, in.click->pixel)) {
        set_setting(s, "scoring.query", std::to_string(c->row));
        set_setting(s, "scoring.key", std::to_string(c->col));
      }
  }
}

void ScoringLab::read_bars(AppState& s, const FigureInput& in) {
  const int nk = s.lab.settings().scoring_keys.count();
  const auto key_at = [nk](double x) -> std::optional<int> {
    const auto k = static_cast<int>(std::lround(x));
    if (k < 0 || k >= nk) return std::nullopt;
    return k;
  };
  if (in.hovered && in.panel == 0 && query_.gesture.kind == Gesture::Kind::None)
    if (const auto k = key_at(in.data.x)) hovered_key_ = *k;
  if (in.click && in.click->panel == 0)
    if (const auto k = key_at(in.click->data.x)) set_setting(s, "scoring.key", std::to_string(*k));
}

void ScoringLab::scene_section(AppState& s) {
  if (!section(s, "Queries, keys and values", "section.scoring_scene")) return;
  choice_combo(s, "Preset", "scoring.preset");
  text_field(s, "Queries", "scoring.queries");
  text_field(s, "Keys", "scoring.keys");
  text_field(s, "Values", "scoring.values");
  help_text(
      "Rows are separated by ';', numbers by ','. Values: one number per key (empty: 1, 2, "
      "3, ...). On the plane: drag a point; click empty space for a new key, Shift+click for a "
      "new query; right-click a point to delete it.");
}

void ScoringLab::scoring_section(AppState& s) {
  if (!section(s, "Scoring", "section.scoring_function")) return;
  const Settings& st = s.lab.settings();
  choice_combo(s, "Function", "scoring.function");
  log_slider(s, "Temperature", "scoring.temperature", 0.05f, 20.0f, "T = %.3g");
  // The valid length: the slider runs over the keys, its right end masks none.
  const int nk = st.scoring_keys.count();
  int shown = std::min(st.scoring_valid_len, nk);
  const std::string format = shown >= nk ? "%d (all keys)" : "%d";
  if (ImGui::SliderInt("Valid length##scoring.valid_len", &shown, 0, nk, format.c_str(),
                       ImGuiSliderFlags_AlwaysClamp))
    set_setting(s, "scoring.valid_len", std::to_string(shown >= nk ? kMaxScoringVectors : shown));
  bound_item(s, "scoring.valid_len");
  if (st.scoring_valid_len == 0)
    help_text(
        "Valid length 0: every score is replaced by -1e6. They are all equal, so the softmax "
        "gives every key 1/n: the book's uniform weights, where -inf would give NaN.");
  else if (st.scoring_valid_len < nk)
    help_text("Masked keys (grey) score -1e6 before the softmax: exp(-1e6) is exactly 0.");
}

void ScoringLab::parameters_section(AppState& s) {
  const ScoringFunction f = s.lab.settings().scoring_function;
  if (f != ScoringFunction::Additive && f != ScoringFunction::General) return;
  if (!section(s, "Parameters", "section.scoring_parameters")) return;
  parameter_table(s);
}

void ScoringLab::controls(AppState& s) {
  ImGui::PushItemWidth(-ImGui::GetFontSize() * 6.5f);  // room for "Temperature"
  if (section(s, "About this lab", "section.scoring_about")) help_text(kAbout);
  scene_section(s);
  scoring_section(s);
  parameters_section(s);
  if (section(s, "Follow", "section.scoring_follow")) {
    followed_query_and_key(s, &Settings::scoring_query, &Settings::scoring_key, "scoring.clear",
                           "No query or key followed (scoring.query = scoring.key = -1)");
    help_text("Hover a query or key in any view to follow it there; click to keep it.");
  }
  if (action_button(s, "Defaults", "scoring.defaults", "Every scoring.* key back to its default")) {
    restore_defaults<ScoringSettings>(s, "scoring");
  }
  ImGui::PopItemWidth();
}

void ScoringLab::figures(AppState& s, const fig::Rect& r) {
  const auto [top, bottom] = split_rows(r, kTopShare);
  const auto [left, right] = split_columns(top, kLeftShare);
  const ViewSlot plane = view_slot(left), matrices = view_slot(right), query = view_slot(bottom);

  hovered_query_.reset();
  hovered_key_.reset();
  const auto claim = [this, &s](int panel, fig::Vec2 pixel) {
    return panel == 0 && point_near(s, pixel).has_value();
  };
  read_plane(s, figure_input(plane_, plane.figure, s.ui_scale, claim));
  read_matrices(s, figure_input(matrices_, matrices.figure, s.ui_scale));
  read_bars(s, figure_input(query_, query.figure, s.ui_scale));

  revision_.update(ViewKey{s.lab.revision(), hovered_query_, hovered_key_});
  const fig::FigureContext ctx{-1, /*table=*/false};
  show_figure(s, plane_, ctx);
  show_figure(s, matrices_, ctx);
  show_figure(s, query_, ctx);
  figure_toolbar(s, plane_, plane.bar, "drag a point · click: a key · Shift+click: a query");
  figure_toolbar(s, matrices_, matrices.bar, "hover: a query and key everywhere · click: follow");
  figure_toolbar(s, query_, query.bar, "the followed query: its weights and its output");
}

std::vector<FigureView*> ScoringLab::views(AppState&) {
  return {&plane_, &matrices_, &query_};
}

std::string ScoringLab::status(const AppState& s) const {
  const Settings& st = s.lab.settings();
  std::string out = "Scoring · ";
  out += std::to_string(st.scoring_queries.count());
  out += " queries x ";
  out += std::to_string(st.scoring_keys.count());
  out += " keys · ";
  out += name(st.scoring_function);
  if (hovered_query_ || hovered_key_) {
    out += " | hovered:";
    if (hovered_query_) {
      out += " q";
      out += std::to_string(*hovered_query_);
    }
    if (hovered_key_) {
      out += " k";
      out += std::to_string(*hovered_key_);
    }
  }
  return out;
}

}  // namespace al::gui
