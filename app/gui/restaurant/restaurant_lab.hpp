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

namespace al::gui {

class RestaurantLab : public LabUi {
 public:
  RestaurantLab();
  AppLab kind() const override { return AppLab::Restaurant; }
  void controls(AppState& s) override;
  void figures(AppState& s, const fig::Rect& area) override;
  std::vector<FigureView*> views(AppState& s) override;
  std::string status(const AppState& s) const override;

 private:
  Settings shown_settings(const AppState& s) const;
  void read_ranking(AppState& s, const FigureInput& in);
  void read_features(AppState& s, const FigureInput& in);

  FigureView ranking_, features_;
  std::optional<int> hovered_;
  struct ViewKey {
    std::uint64_t lab = 0;
    std::optional<int> hovered;
    bool operator==(const ViewKey&) const = default;
  };
  ViewKey view_key_;
  std::uint64_t view_revision_ = 1;
};

}  // namespace al::gui
