// The restaurant lab: the presets, every preference slider, the table's names and numbers, adding
// and deleting restaurants and features, the scoring, the follow section and its views.
#include "engine/mechanisms/restaurant.hpp"
#include "every_control.hpp"

namespace al::gui {
namespace {

TEST_F(EveryControl, RestaurantLab) {
  show_lab("restaurant");
  const auto controls_named = [&](const std::string& prefix) {
    driver->frames(1);
    std::vector<std::string> names;
    for (const auto& [name, rect] : s().controls.rects)
      if (name.starts_with(prefix)) names.push_back(name);
    return names;
  };
  const auto top = [&] {
    const auto ranked = restaurant::rank(settings());
    EXPECT_TRUE(ranked) << ranked.error();
    return ranked ? ranked.value().order.front() : -1;
  };

  // The scaled preset: eight features. Its wider table is the same widgets as the default one,
  // which the walk uses below: not watched while it is shown.
  watching = false;
  choose("restaurant.preset", "scaled");
  EXPECT_EQ(settings().restaurant_features.size(), 8u);
  choose("restaurant.preset", "dot");
  EXPECT_EQ(settings().restaurant_features.size(), 4u);
  watching = true;
  for (const std::string& name : controls_named("restaurant.query.")) {
    const std::string before = find_setting("restaurant.query")->get(settings());
    used.insert(name);
    driver->click(along(name, 0.05));  // near -1: rather not
    EXPECT_NE(find_setting("restaurant.query")->get(settings()), before) << name;
  }
  // The ranking follows q·k, worked out here: a preference moved moves it.
  const auto best_by_hand = [&] {
    const Settings& st = settings();
    int best = -1;
    double best_score = 0.0;
    for (int i = 0; i < st.restaurant_keys.count(); ++i) {
      double score = 0.0;
      for (int j = 0; j < st.restaurant_keys.dim; ++j)
        score += st.restaurant_query[static_cast<std::size_t>(j)] * st.restaurant_keys.at(i, j);
      if (best < 0 || score > best_score) {
        best = i;
        best_score = score;
      }
    }
    return best;
  };
  EXPECT_EQ(top(), best_by_hand());
  driver->click(along("restaurant.query.0", 0.98));
  EXPECT_EQ(top(), best_by_hand());
  for (const std::string& name : controls_named("restaurant.keys.")) {
    const std::string before = find_setting("restaurant.keys")->get(settings());
    used.insert(name);
    const fig::Vec2 from = center(name);
    driver->move(from);
    driver->press();
    driver->move({from.x - 20, from.y});
    driver->release();
    EXPECT_NE(find_setting("restaurant.keys")->get(settings()), before) << name;
  }
  // Each name typed: "f3" for feature 3, "R2" for restaurant 2.
  const auto typed_names = [&](const std::string& prefix, char letter, const char* key) {
    for (const std::string& name : controls_named(prefix)) {
      std::string typed(1, letter);
      typed += name.substr(name.rfind('.') + 1);
      type_into(name, typed);
      EXPECT_NE(find_setting(key)->get(settings()).find(typed), std::string::npos) << name;
    }
  };
  typed_names("restaurant.feature.", 'f', "restaurant.features");
  typed_names("restaurant.name.", 'R', "restaurant.names");
  type_into("restaurant.name.0", "a;b");  // the separator is refused, naming the key
  EXPECT_TRUE(s().status.error);
  EXPECT_EQ(s().status.text.rfind("restaurant.names: ", 0), 0u) << s().status.text;

  // Rows and columns added and removed.
  const int restaurants = settings().restaurant_keys.count();
  use("restaurant.add");
  EXPECT_EQ(settings().restaurant_keys.count(), restaurants + 1);
  // The new row's name and cells: the same widgets as the others, used above.
  {
    const std::string row = std::to_string(restaurants);
    used.insert("restaurant.name." + row);
    for (int j = 0; j < settings().restaurant_keys.dim; ++j) {
      std::string cell = "restaurant.keys.";
      cell += row;
      cell += '.';
      cell += std::to_string(j);
      used.insert(cell);
    }
  }
  for (const std::string& name : controls_named("restaurant.delete."))
    used.insert(name);  // every row's delete button: the last one is pressed
  std::string last = "restaurant.delete.";
  last += std::to_string(restaurants);
  use(last);
  EXPECT_EQ(settings().restaurant_keys.count(), restaurants);
  use("restaurant.add_feature");
  EXPECT_EQ(settings().restaurant_keys.dim, 5);
  // The new feature's slider, name and cells: the same widgets as the others, used above.
  for (const std::string& prefix :
       {std::string("restaurant.query.4"), std::string("restaurant.feature.4")})
    used.insert(prefix);
  for (int i = 0; i < settings().restaurant_keys.count(); ++i) {
    std::string cell = "restaurant.keys.";
    cell += std::to_string(i);
    cell += ".4";
    used.insert(cell);
  }
  use("restaurant.remove_feature");
  EXPECT_EQ(settings().restaurant_keys.dim, 4);
  choose_each("restaurant.function");
  const double temperature = settings().restaurant_temperature;
  used.insert("restaurant.temperature");
  driver->click(along("restaurant.temperature", 0.5));  // within the slider, not its label
  EXPECT_GT(settings().restaurant_temperature, temperature);

  ASSERT_TRUE(set_setting(s(), "restaurant.selected", "2"));
  driver->frames(2);
  use("restaurant.clear");
  EXPECT_EQ(settings().restaurant_selected, -1);
  for (const char* view : {"restaurant", "restaurant-features"}) view_toolbar(view);
  use("restaurant.defaults");
  EXPECT_EQ(static_cast<const RestaurantSettings&>(settings()), RestaurantSettings{});
  fold_each({"section.restaurant_about", "section.restaurant_query", "section.restaurant_scoring",
             "section.restaurant_table", "section.restaurant_follow"});
}

}  // namespace
}  // namespace al::gui
