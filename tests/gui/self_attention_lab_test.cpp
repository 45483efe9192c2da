// The self-attention lab driven frame by frame as a user would: the untrained network's attention
// is shown at once, Step and Play train it on its own thread while the heatmap's last row moves
// onto the asked value, a typed example is answered (a typo keeps what is shown and says why),
// hovering a row outlines it, a changed task starts again, and idle frames rebuild nothing.
#include <GLFW/glfw3.h>
#include <gtest/gtest.h>

#include "app/gui/actions.hpp"
#include "app/gui/lab_ui.hpp"
#include "app_driver.hpp"

namespace al::gui {
namespace {

class SelfAttentionLabTest : public testing::AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    show("self-attention");
  }
  const fig::Heatmap& heatmap() {
    return *view("self-attention-weights").shown.panels.at(0).heatmap;
  }
  // The weight of query `q` on key `k` as the heatmap shows it.
  float weight(int q, int k) { return (*heatmap().values)(q, k); }
  // Points of the accuracy curve as drawn, and the last one.
  const std::vector<double>& accuracy() {
    return view("self-attention-training").shown.panels.at(1).series.at(0).y;
  }
  // Types into a field and leaves it by clicking on the status line (focus loss applies it).
  void type_into(const std::string& name, const std::string& text) {
    driver->tap_control(name);  // a field selects its text when clicked, so typing replaces it
    driver->type(text);
    const ImVec2 size = ImGui::GetIO().DisplaySize;
    driver->click(testing::whole({size.x / 2, size.y - 4}));
  }
  // Lets the trainer work (the window is woken by it) until `done` or 30 s.
  template <class F>
  bool train_until(F done) {
    for (int i = 0; i < 600 && !done(); ++i) driver->wait(0.05);
    return done();
  }
};

TEST_F(SelfAttentionLabTest, ShowsTheUntrainedAttentionAtOnceAndIdleFramesBuildNothing) {
  ASSERT_EQ(heatmap().row_labels.size(), 10u);  // "b 5 e 2 a 7 g 0 ? a"
  EXPECT_EQ(heatmap().row_labels.at(5), "7");
  EXPECT_EQ(heatmap().col_labels.at(9), "a");
  EXPECT_EQ(heatmap().highlight_row, 9);  // where the answer is read
  EXPECT_EQ(accuracy().size(), 1u);       // step 0, measured before any training
  const int builds = view("self-attention-weights").cache.builds;
  const int curve_builds = view("self-attention-training").cache.builds;
  driver->frames(5);
  EXPECT_EQ(view("self-attention-weights").cache.builds, builds);
  EXPECT_EQ(view("self-attention-training").cache.builds, curve_builds);
}

TEST_F(SelfAttentionLabTest, TrainingMovesTheLastRowOntoTheAskedValue) {
  const float before = weight(9, 5);
  ASSERT_TRUE(set_setting(s(), "sa.step_steps", "15"));
  driver->tap_control("sa.step");
  const auto title = [&] { return view("self-attention-weights").shown.title; };
  ASSERT_TRUE(train_until([&] { return title() == "Attention after 15 steps"; }));
  driver->wait(0.2);
  EXPECT_EQ(accuracy().size(), 2u);                // steps 0 and 10; Step pauses after its steps
  EXPECT_EQ(title(), "Attention after 15 steps");  // the network as it is when paused

  ASSERT_TRUE(set_setting(s(), "sa.speed", "0"));
  driver->tap_control("sa.play");
  ASSERT_TRUE(train_until([&] { return !accuracy().empty() && accuracy().back() > 0.9; }));
  driver->key(GLFW_KEY_SPACE);  // pauses
  driver->wait(0.2);
  const std::size_t points = accuracy().size();
  driver->wait(0.3);
  EXPECT_EQ(accuracy().size(), points);
  // The last query now looks at the 7 after the asked key a, and the answer is 7.
  EXPECT_GT(weight(9, 5), 0.5f);
  EXPECT_GT(weight(9, 5), before);
  EXPECT_EQ(view("self-attention-answer").shown.title, "Answer '7' (right)");

  // A typed example is answered by the network as it is now.
  type_into("sa.input", "c 3 a 1 ? c");
  driver->frames(2);
  EXPECT_EQ(settings().sa_input, "c 3 a 1 ? c");
  ASSERT_EQ(heatmap().row_labels.size(), 6u);
  EXPECT_EQ(view("self-attention-answer").shown.title, "Answer '3' (right)");
  // A typo keeps the example shown and says why in red, naming the key.
  type_into("sa.input", "c 3 a 1 ? x");
  driver->frames(2);
  EXPECT_TRUE(s().status.error);
  EXPECT_NE(s().status.text.find("sa.input: 'x' is not a token"), std::string::npos)
      << s().status.text;
  EXPECT_EQ(heatmap().row_labels.size(), 6u);

  // Reset goes back to step 0.
  driver->tap_control("sa.reset");
  ASSERT_TRUE(train_until([&] { return accuracy().size() == 1; }));
}

TEST_F(SelfAttentionLabTest, HoveringARowOutlinesItAndAChangedTaskStartsAgain) {
  const FigureView& v = view("self-attention-weights");
  const fig::Vec2 cell = testing::whole(v.layout.panels.at(0).to_pixel(2, 4));
  driver->move(cell);
  driver->frames(2);
  EXPECT_EQ(heatmap().highlight_row, 4);
  EXPECT_NE(current_lab(s()).status(s()).find("query 4 'a'"), std::string::npos);
  driver->leave();
  driver->frames(2);
  EXPECT_EQ(heatmap().highlight_row, 9);

  ASSERT_TRUE(set_setting(s(), "sa.step_steps", "10"));
  driver->tap_control("sa.step");
  ASSERT_TRUE(train_until([&] { return accuracy().size() == 2; }));
  ASSERT_TRUE(set_setting(s(), "sa.pairs", "3"));
  driver->frames(3);
  EXPECT_EQ(accuracy().size(), 1u);  // a new run, at step 0
  EXPECT_NE(s().status.text.find("training starts again"), std::string::npos);
  // More pairs than keys: refused in red, naming the key; nothing crashes.
  ASSERT_TRUE(set_setting(s(), "sa.keys", "2"));
  driver->frames(3);
  EXPECT_TRUE(s().status.error);
  EXPECT_NE(s().status.text.find("sa.pairs: 3 pairs need"), std::string::npos) << s().status.text;
  driver->tap_control("sa.defaults");
  driver->frames(3);
  // The refusal's red line gives way (to the restarted training's line, which follows the reset).
  EXPECT_FALSE(s().status.error) << s().status.text;
  EXPECT_EQ(settings().sa_keys, 8);
  EXPECT_EQ(settings().sa_pairs, 4);
  ASSERT_EQ(heatmap().row_labels.size(), 10u);
}

}  // namespace
}  // namespace al::gui
