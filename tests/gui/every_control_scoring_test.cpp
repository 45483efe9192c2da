// The scoring lab: typed vectors, the preset, every function, the sliders, the parameter table, and
// the plane's points dragged, added and deleted.
#include "every_control.hpp"

namespace al::gui {
namespace {

TEST_F(EveryControl, ScoringLab) {
  show_lab("scoring");
  const auto plane_at = [&](double x, double y) {
    return testing::whole(lab_view("scoring-plane").layout.panels.at(0).to_pixel(x, y));
  };
  driver->move(plane_at(1.0, 0.0));  // key 0, dragged to (0.5, 0.5)
  driver->press();
  for (int i = 1; i <= 4; ++i) driver->move(plane_at(1.0 - 0.125 * i, 0.125 * i));
  driver->release();
  EXPECT_NEAR(settings().scoring_keys.at(0, 0), 0.5, 0.02);
  driver->click(plane_at(2.0, 2.0));
  EXPECT_EQ(settings().scoring_keys.count(), 5);
  driver->move(plane_at(settings().scoring_keys.at(4, 0), settings().scoring_keys.at(4, 1)));
  driver->input.right = true;
  driver->frames(1);
  driver->input.right = false;
  driver->frames(2);
  EXPECT_EQ(settings().scoring_keys.count(), 4);
  choose("scoring.preset", "book");
  EXPECT_EQ(settings().scoring_keys.count(), 10);
  choose("scoring.preset", "plane");
  type_into("scoring.queries", "1,0;0,1");
  EXPECT_EQ(settings().scoring_queries.count(), 2);
  type_into("scoring.keys", "1,0;0,1;1,1");
  EXPECT_EQ(settings().scoring_keys.count(), 3);
  type_into("scoring.values", "5,6,7");
  EXPECT_EQ(settings().scoring_values, (std::vector<double>{5, 6, 7}));
  for (const char* key : {"scoring.temperature", "scoring.valid_len"}) {
    const std::string before = find_setting(key)->get(settings());
    used.insert(key);
    driver->click(along(key, 0.2));
    EXPECT_NE(find_setting(key)->get(settings()), before) << key;
  }
  choose_each("scoring.function");
  for (const char* function : {"additive", "general"}) {
    choose("scoring.function", function);
    driver->frames(2);
    // Every parameter entry, dragged a little to the right.
    std::vector<std::string> entries;
    for (const auto& [name, rect] : s().controls.rects)
      if (name.starts_with("scoring.w")) entries.push_back(name);
    ASSERT_FALSE(entries.empty()) << function;
    for (const std::string& entry : entries) {
      const std::string key = entry.substr(0, entry.find('.', std::string("scoring.w").size()));
      const std::string before = find_setting(key)->get(settings());
      used.insert(entry);
      const fig::Vec2 from = center(entry);
      driver->move(from);
      driver->press();
      driver->move({from.x + 12, from.y});
      driver->release();
      EXPECT_NE(find_setting(key)->get(settings()), before) << entry;
    }
    use("scoring.randomise");
    EXPECT_TRUE(settings().scoring_w_q.empty());
    EXPECT_TRUE(settings().scoring_w.empty());
  }
  choose("scoring.function", "additive");
  type_into("scoring.hidden", "4");
  EXPECT_EQ(settings().scoring_hidden, 4);
  use("scoring.hidden.plus");
  EXPECT_EQ(settings().scoring_hidden, 5);
  use("scoring.hidden.minus");
  type_into("scoring.seed", "3");
  use("scoring.seed.plus");
  EXPECT_EQ(settings().scoring_seed, 4u);
  use("scoring.seed.minus");
  EXPECT_EQ(settings().scoring_seed, 3u);
  for (const char* view : {"scoring-plane", "scoring", "scoring-query"}) view_toolbar(view);
  use("scoring.clear");
  EXPECT_EQ(settings().scoring_query, -1);
  use("scoring.defaults");
  EXPECT_EQ(static_cast<const ScoringSettings&>(settings()), ScoringSettings{});
  fold_each({"section.scoring_about", "section.scoring_scene", "section.scoring_function",
             "section.scoring_follow"});
  choose("scoring.function", "general");
  use("section.scoring_parameters");
  use("section.scoring_parameters");
  use("scoring.defaults");
}

}  // namespace
}  // namespace al::gui
