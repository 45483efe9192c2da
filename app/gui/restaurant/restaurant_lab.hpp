// The restaurant lab (seed 003's analogy): you look for a restaurant. Your preferences are the
// query, each restaurant's features (italian, cheap, cosy, near, ...) its key, and the restaurant
// itself, its name, the value. The query scores every key (dot or scaled dot), the softmax with a
// temperature weighs the restaurants, and the weights rank them and pool their features into the
// "expected restaurant". Preferences are sliders; the table of restaurants and features is
// edited in place (names, numbers, add and delete). A restaurant under the mouse in either view
// is outlined in both; a click keeps it (restaurant.selected).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/gui/figure_view.hpp"
#include "app/gui/lab_ui.hpp"
#include "app/gui/view_revision.hpp"

namespace al::gui {

class RestaurantLab : public LabUi {
 public:
  RestaurantLab();
  AppLab kind() const override { return AppLab::Restaurant; }
  void controls(AppState& s) override;
  void figures(AppState& s, const fig::Rect& area) override;
  std::vector<FigureView*> views(AppState& s) override;
  std::string status(const AppState& s) const override;

  // What the views draw (shown_settings_view): the settings with restaurant.selected replaced by
  // the hovered restaurant, built at view_revision().
  Settings shown_settings(const AppState& s) const;
  std::uint64_t view_revision() const { return revision_.value(); }

 private:
  void read_ranking(AppState& s, const FigureInput& in);
  void read_features(AppState& s, const FigureInput& in);

  // What the views are built from: the lab's settings (their revision) and its own state.
  struct ViewKey {
    std::uint64_t lab = 0;
    std::optional<int> hovered;
    bool operator==(const ViewKey&) const = default;
  };
  ViewRevision<ViewKey> revision_;  // declared before the views, which read it
  FigureView ranking_, features_;
  std::optional<int> hovered_;
};

}  // namespace al::gui
