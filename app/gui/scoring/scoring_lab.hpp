// The scoring lab: how a query scores keys (dot, scaled dot, additive, general), and how the
// masked softmax with a temperature turns the scores into weights and the weights into an output.
// Queries and keys are points of the plane the user drags, adds (a click: a key, Shift+click: a
// query) and deletes (right-click); each key's value is a number. Three views of the scoring.*
// settings: the plane, the score and weight matrices, and the followed query's weights with its
// output as the balance point of the values. A query or key under the mouse in any view is
// followed in every view; a click selects it (scoring.query, scoring.key). Nothing here computes:
// the engine (engine/mechanisms/scoring.hpp) does, the figures arrange it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/gui/figure_view.hpp"
#include "app/gui/lab_ui.hpp"
#include "app/gui/view_revision.hpp"

namespace al::gui {

class ScoringLab : public LabUi {
 public:
  ScoringLab();
  AppLab kind() const override { return AppLab::Scoring; }
  void controls(AppState& s) override;
  void figures(AppState& s, const fig::Rect& area) override;
  std::vector<FigureView*> views(AppState& s) override;
  std::string status(const AppState& s) const override;

  // What the views draw (shown_settings_view): the settings with scoring.query and scoring.key
  // replaced by what is hovered, built at view_revision().
  Settings shown_settings(const AppState& s) const;
  std::uint64_t view_revision() const { return revision_.value(); }

  // A point of the plane: query or key `index`.
  struct Point {
    bool key = false;
    int index = -1;
    bool operator==(const Point&) const = default;
  };

 private:
  void read_plane(AppState& s, const FigureInput& in);
  void read_matrices(AppState& s, const FigureInput& in);
  void read_bars(AppState& s, const FigureInput& in);
  std::optional<Point> point_near(const AppState& s, fig::Vec2 pixel) const;
  void scene_section(AppState& s);
  void scoring_section(AppState& s);
  void parameters_section(AppState& s);

  // What the views are built from: the lab's settings (their revision) and its own state.
  struct ViewKey {
    std::uint64_t lab = 0;
    std::optional<int> query, key;
    bool operator==(const ViewKey&) const = default;
  };
  ViewRevision<ViewKey> revision_;  // declared before the views, which read it
  FigureView plane_, matrices_, query_;
  std::optional<int> hovered_query_, hovered_key_;
  std::optional<Point> dragged_;
  bool pinned_ = false;  // the plane's axes hold still while a point moves
};

}  // namespace al::gui
