// Taking a session's A/B snapshots again (comparison_restore.hpp).
#include "comparison_restore.hpp"

#include "actions.hpp"
#include "app/figure/comparison.hpp"
#include "app_state.hpp"
#include "engine/user_text.hpp"
#include "figure_view.hpp"
#include "lab_ui.hpp"

namespace al::gui {
namespace {

FigureView* shown_view(AppState& s, const std::string& name) {
  for (FigureView* v : current_lab(s).views(s))
    if (v->name == name) return v;
  return nullptr;
}

// The session's settings again, once the last snapshot is taken.
void finish(AppState& s) {
  ComparisonRestore& r = s.restore;
  if (auto err = s.lab.update(r.session)) show_message(s, *err, true);
  // Only when a shot replaced them: giving the same points back would retrain for nothing.
  if (r.points && (s.lab.data().x != r.points->first || s.lab.data().y != r.points->second))
    if (auto err = s.lab.set_points(std::move(r.points->first), std::move(r.points->second)))
      show_message(s, *err, true);
  r = {};
}

}  // namespace

void restore_comparisons(AppState& s) {
  ComparisonRestore& r = s.restore;
  if (!r.pending()) return;
  const ComparisonRestore::Shot& shot = r.shots.front();
  if (!r.applied) {
    if (auto err = s.lab.update(shot.settings)) {
      show_message(s, "comparison of " + printable(shot.view) + " not restored: " + *err, true);
      r.shots.erase(r.shots.begin());
      if (!r.pending()) finish(s);
      return;
    }
    r.applied = true;
    return;
  }
  // This frame drew the view with the shot's settings.
  FigureView* view = shown_view(s, shot.view);
  if (view == nullptr || !view->cache.valid || !view->cache.error.empty() ||
      live_figure(*view).panels.empty()) {
    show_message(
        s, "comparison of " + printable(shot.view) + " not restored: the view shows nothing", true);
  } else {
    ViewComparison& c = view->compare;
    fig::Figure snap = fig::snapshot(live_figure(*view));
    if (shot.pinned_b) {
      c.b = std::move(snap);
      c.b_settings = shot.settings;
    } else {
      c.a = std::move(snap);
      c.a_settings = shot.settings;
    }
    compare_changed(*view);
  }
  r.shots.erase(r.shots.begin());
  r.applied = false;
  if (!r.pending()) finish(s);
}

}  // namespace al::gui
