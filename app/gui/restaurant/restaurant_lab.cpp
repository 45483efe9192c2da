// The restaurant lab (see restaurant_lab.hpp).
#include "restaurant_lab.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "app/figure/restaurant_figures.hpp"
#include "app/gui/actions.hpp"
#include "app/gui/restaurant/restaurant_table.hpp"
#include "app/gui/view_slots.hpp"
#include "app/gui/widgets/setting_widgets.hpp"
#include "engine/mechanisms/restaurant.hpp"

namespace al::gui {
namespace {

// The ranking's share of the width.
constexpr double kLeftShare = 0.55;

constexpr const char* kAbout =
    "You are looking for a restaurant. Your preferences are the query: how much you want it "
    "italian, cheap, cosy, near. Each restaurant's features are its key, and the restaurant "
    "itself, its name, is the value. The query scores every key by a dot product (scaled: "
    "divided by √d), the softmax turns the scores into weights, and the weights rank the "
    "restaurants. A low temperature gives nearly all the attention to the best match; a high "
    "one spreads it. Pooling the features by the weights gives the expected restaurant: the "
    "place attention 'sees' for you, close to your best matches.";

}  // namespace

RestaurantLab::RestaurantLab()
    : ranking_(shown_settings_view("restaurant", *this, fig::restaurant_figure)),
      features_(
          shown_settings_view("restaurant-features", *this, fig::restaurant_features_figure)) {}

Settings RestaurantLab::shown_settings(const AppState& s) const {
  Settings shown = s.lab.settings();
  if (hovered_) shown.restaurant_selected = *hovered_;
  return shown;
}

void RestaurantLab::read_ranking(AppState& s, const FigureInput& in) {
  // The bars are in rank order: the engine's ranking says which restaurant each one is.
  const auto ranked = restaurant::rank(s.lab.settings());
  if (!ranked) return;
  const std::vector<int>& order = ranked.value().order;
  const auto at = [&order](double x) -> std::optional<int> {
    const auto place = static_cast<long>(std::lround(x));
    if (place < 0 || place >= static_cast<long>(order.size())) return std::nullopt;
    return order[static_cast<std::size_t>(place)];
  };
  if (in.hovered && in.panel >= 0 && ranking_.gesture.kind == Gesture::Kind::None)
    if (const auto i = at(in.data.x)) hovered_ = *i;
  if (in.click && in.click->panel >= 0)
    if (const auto i = at(in.click->data.x))
      set_setting(s, "restaurant.selected", std::to_string(*i));
}

void RestaurantLab::read_features(AppState& s, const FigureInput& in) {
  if (features_.shown.panels.empty() || features_.layout.panels.empty()) return;
  const auto& heatmap = features_.shown.panels[0].heatmap;
  if (!heatmap) return;
  const int n = s.lab.settings().restaurant_keys.count();
  const auto row = [&](fig::Vec2 pixel) -> std::optional<int> {
    const auto c = heatmap_cell(features_.layout.panels[0], *heatmap, pixel);
    if (!c || c->row >= n) return std::nullopt;
    return c->row;
  };
  if (in.hovered && in.panel == 0 && features_.gesture.kind == Gesture::Kind::None)
    if (const auto i = row(in.mouse)) hovered_ = *i;
  if (in.click && in.click->panel == 0)
    if (const auto i = row(in.click->pixel))
      set_setting(s, "restaurant.selected", std::to_string(*i));
}

void RestaurantLab::controls(AppState& s) {
  ImGui::PushItemWidth(-ImGui::GetFontSize() * 6.5f);  // room for "Temperature"
  if (section(s, "About this lab", "section.restaurant_about")) help_text(kAbout);
  if (section(s, "Your preferences (the query)", "section.restaurant_query")) preference_sliders(s);
  if (section(s, "Scoring", "section.restaurant_scoring")) {
    choice_combo(s, "Preset", "restaurant.preset");
    choice_combo(s, "Function", "restaurant.function");
    log_slider(s, "Temperature", "restaurant.temperature", 0.02f, 5.0f, "T = %.3g");
  }
  if (section(s, "Restaurants (values) and features (keys)", "section.restaurant_table")) {
    restaurant_table(s);
    help_text("Names and features are typed in place; numbers are dragged (-1 to 1).");
  }
  if (section(s, "Follow", "section.restaurant_follow")) {
    const Settings& st = s.lab.settings();
    const int i = st.restaurant_selected;
    std::string line = "Restaurant: ";
    line += i >= 0 && i < static_cast<int>(st.restaurant_names.size())
                ? st.restaurant_names[static_cast<std::size_t>(i)]
                : std::string("none");
    ImGui::TextUnformatted(line.c_str());
    if (action_button(s, "Clear", "restaurant.clear", "No restaurant outlined"))
      set_setting(s, "restaurant.selected", "-1");
  }
  if (action_button(s, "Defaults", "restaurant.defaults",
                    "Every restaurant.* key back to its default")) {
    restore_defaults<RestaurantSettings>(s, "restaurant");
  }
  ImGui::PopItemWidth();
}

void RestaurantLab::figures(AppState& s, const fig::Rect& r) {
  const auto [left, right] = split_columns(r, kLeftShare);
  const ViewSlot ranking = view_slot(left), features = view_slot(right);

  hovered_.reset();
  read_ranking(s, figure_input(ranking_, ranking.figure, s.ui_scale));
  read_features(s, figure_input(features_, features.figure, s.ui_scale));
  revision_.update(ViewKey{s.lab.revision(), hovered_});
  const fig::FigureContext ctx{-1, /*table=*/false};
  show_figure(s, ranking_, ctx);
  show_figure(s, features_, ctx);
  figure_toolbar(s, ranking_, ranking.bar, "the best match first · hover or click a restaurant");
  figure_toolbar(s, features_, features.bar, "each restaurant, the expected one, and you");
}

std::vector<FigureView*> RestaurantLab::views(AppState&) {
  return {&ranking_, &features_};
}

std::string RestaurantLab::status(const AppState& s) const {
  const Settings& st = s.lab.settings();
  std::string out = "The restaurant query · ";
  out += std::to_string(st.restaurant_keys.count());
  out += " restaurants x ";
  out += std::to_string(st.restaurant_keys.dim);
  out += " features";
  if (hovered_ && *hovered_ < static_cast<int>(st.restaurant_names.size())) {
    out += " | hovered: ";
    out += st.restaurant_names[static_cast<std::size_t>(*hovered_)];
  }
  return out;
}

}  // namespace al::gui
