// How the window behaves between the controls: typed values applied when the field loses focus,
// short presses at a low frame rate, double-click fit, Undo/Redo of the points, the status line,
// the bottom tab and the idle window.
#include <GLFW/glfw3.h>
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "app/gui/actions.hpp"
#include "app_driver.hpp"

namespace al::gui {
namespace {

using Window = testing::AppTest;
using Event = InputQueue::Event;

fig::Vec2 center_of(AppState& s, const std::string& name) {
  const fig::Rect& r = s.controls.rects.at(name);
  return testing::whole({(r.x0 + r.x1) / 2, (r.y0 + r.y1) / 2});
}

// Runs the app as the window does (run_frame) until nothing more is due.
void run_until_idle(App& app) {
  for (int i = 0; i < 200 && app.idle_timeout() < 1.0; ++i) app.run_frame();
}

TEST_F(Window, ATypedValueIsAppliedWhenTheFieldLosesFocusAndEscapeDropsIt) {
  AppState& s = app->state();
  driver->click(center_of(s, "data.seed"));
  driver->type("42");
  EXPECT_EQ(s.lab.settings().data_seed, 1u) << "not applied while typing";
  driver->click(center_of(s, "view.query"));  // a click elsewhere
  EXPECT_EQ(s.lab.settings().data_seed, 42u);

  driver->click(center_of(s, "data.seed"));
  driver->type("99");
  driver->escape();
  driver->frames(2);
  EXPECT_EQ(s.lab.settings().data_seed, 42u);
  EXPECT_TRUE(s.edits.empty());

  // A bad value is refused with a message naming the key, and the field shows the setting again.
  driver->click(center_of(s, "data.seed"));
  driver->type("-5");
  driver->key(GLFW_KEY_ENTER);
  EXPECT_EQ(s.lab.settings().data_seed, 42u);
  EXPECT_TRUE(s.status.error);
  EXPECT_NE(s.status.text.find("data.seed"), std::string::npos) << s.status.text;
  // The error stays until the next action succeeds.
  driver->frames(30);
  EXPECT_TRUE(s.status.error);
  driver->click(center_of(s, "train.add_one"));
  EXPECT_FALSE(s.status.error);
}

TEST_F(Window, AnEnterShorterThanAFrameConfirmsTheField) {
  AppState& s = app->state();
  driver->click(center_of(s, "data.seed"));
  driver->type("5");
  InputQueue& q = app->input_queue();
  q.push({.kind = Event::Kind::Key, .code = GLFW_KEY_ENTER, .down = true});
  q.push({.kind = Event::Kind::Key, .code = GLFW_KEY_ENTER, .down = false});
  run_until_idle(*app);
  EXPECT_EQ(s.lab.settings().data_seed, 5u);
}

TEST_F(Window, ADoubleClickWithinOneFrameFitsAndAddsNoPoint) {
  AppState& s = app->state();
  const fig::Rect plot = s.regression.layout.panels.at(0).plot;
  // Somewhere with no point and no curve: the plot's top-left corner.
  const fig::Vec2 p = testing::whole({plot.x0 + 6, plot.y0 + 6});
  driver->wheel(p, 2.0f);
  ASSERT_FALSE(s.regression.limits.empty());
  const std::size_t n = s.lab.data().x.size();
  InputQueue& q = app->input_queue();
  q.push({.kind = Event::Kind::Move, .x = p.x, .y = p.y});
  for (int i = 0; i < 2; ++i) {
    q.push({.kind = Event::Kind::Button, .code = 0, .down = true});
    q.push({.kind = Event::Kind::Button, .code = 0, .down = false});
  }
  run_until_idle(*app);
  EXPECT_TRUE(s.regression.limits.empty() || !s.regression.limits[0]) << "the view was fitted";
  EXPECT_EQ(s.lab.data().x.size(), n) << "no point was added";
}

TEST_F(Window, TheFKeyFitsEveryFigure) {
  AppState& s = app->state();
  const fig::Rect plot = s.regression.layout.panels.at(0).plot;
  driver->wheel(testing::whole({plot.x0 + 20, plot.y0 + 20}), 3.0f);
  ASSERT_FALSE(s.regression.limits.empty());
  driver->leave();
  driver->key(GLFW_KEY_F);
  EXPECT_TRUE(s.regression.limits.empty());
}

TEST_F(Window, PointEditsAreUndoneAndRedoneAndADragIsOneStep) {
  AppState& s = app->state();
  const std::size_t n = s.lab.data().x.size();
  const fig::PanelLayout& layout = s.regression.layout.panels.at(0);
  // Drag point 10 over several frames.
  const fig::Vec2 from = testing::whole(layout.to_pixel(s.lab.data().x[10], s.lab.data().y[10]));
  const double x10 = s.lab.data().x[10];
  driver->move(from);
  driver->press();
  for (int k = 1; k <= 5; ++k) driver->move({from.x + 4 * k, from.y - 6 * k});
  driver->release();
  driver->frames(2);
  ASSERT_TRUE(s.lab.points_edited());
  EXPECT_EQ(s.history.undo.size(), 1u) << "one drag, one step";

  // Changing the number of points replaces the edits, says so, and Ctrl+Z brings them back.
  ASSERT_TRUE(set_setting(s, "data.n_train", "30"));
  driver->frames(2);
  EXPECT_EQ(s.lab.data().x.size(), 30u);
  EXPECT_NE(s.status.text.find("Ctrl+Z"), std::string::npos) << s.status.text;
  driver->input.ctrl = true;
  driver->key(GLFW_KEY_Z);
  EXPECT_EQ(s.lab.data().x.size(), n);
  EXPECT_TRUE(s.lab.points_edited());
  EXPECT_EQ(s.lab.settings().data_n_train, 50);
  driver->key(GLFW_KEY_Z);  // before the drag
  EXPECT_FALSE(s.lab.points_edited());
  EXPECT_EQ(s.lab.data().x[10], x10);
  driver->input.shift = true;
  driver->key(GLFW_KEY_Z);  // redo the drag
  EXPECT_TRUE(s.lab.points_edited());
  EXPECT_NE(s.lab.data().x[10], x10);
  driver->input.ctrl = driver->input.shift = false;
}

TEST_F(Window, TheBottomTabFollowsItsSettingBothWays) {
  AppState& s = app->state();
  ASSERT_TRUE(set_setting(s, "view.bottom", "kernels"));
  driver->frames(3);
  EXPECT_EQ(s.bottom_tab, "kernels");
  EXPECT_FALSE(s.kernels.layout.panels.empty());
  driver->click(center_of(s, "view.bottom.training"));
  EXPECT_EQ(s.lab.settings().view_bottom, BottomView::Training);
}

TEST_F(Window, AnIdleWindowSleepsAndPlayingDoesNot) {
  AppState& s = app->state();
  run_until_idle(*app);
  EXPECT_TRUE(std::isinf(app->idle_timeout()));
  s.playing = true;
  EXPECT_EQ(app->idle_timeout(), 0.0);
  s.playing = false;
  // A message fades after a while: the window wakes once for it, not continually.
  show_message(s, "hello");
  const double t = app->idle_timeout();
  EXPECT_GT(t, 0.0);
  EXPECT_LE(t, kStatusFreshSeconds + 0.1);
}

TEST_F(Window, FiguresAreRebuiltOnlyWhenWhatTheyShowChanges) {
  AppState& s = app->state();
  driver->leave();
  const int regression = s.regression.cache.builds, attention = s.attention.cache.builds;
  driver->frames(10);
  EXPECT_EQ(s.regression.cache.builds, regression);
  EXPECT_EQ(s.attention.cache.builds, attention);
  // Hovering a heatmap row highlights its query everywhere: one rebuild each, not one a frame.
  const fig::Rect heat = s.attention.layout.panels.at(0).plot;
  driver->move(testing::whole({(heat.x0 + heat.x1) / 2, heat.y0 + 0.3 * heat.height()}));
  driver->frames(10);
  EXPECT_EQ(s.regression.cache.builds, regression + 1);
  EXPECT_EQ(s.attention.cache.builds, attention + 1);
  ASSERT_TRUE(set_setting(s, "kernel.w", "2"));
  driver->frames(3);
  EXPECT_EQ(s.attention.cache.builds, attention + 2);
}

TEST_F(Window, TrainingThatGoesWrongSaysSo) {
  AppState& s = app->state();
  ASSERT_TRUE(set_setting(s, "train.lr", "1000"));
  ASSERT_TRUE(set_setting(s, "train.epochs", "50"));
  EXPECT_NE(s.lab.training_warning().find("saturated"), std::string::npos)
      << s.lab.training_warning();
  ASSERT_TRUE(set_setting(s, "train.lr", "0.5"));
  ASSERT_TRUE(set_setting(s, "train.epochs", "5"));
  EXPECT_EQ(s.lab.training_warning(), "");
}

}  // namespace
}  // namespace al::gui
