// The scoring and attention-as-a-kernel labs driven frame by frame as a user would: dragging a key
// toward a query raises its weight, a click adds a key and a right-click deletes it, hovering a
// cell follows its query and key in every view, a valid length masks the keys after it, and idle
// frames rebuild nothing.
#include <GLFW/glfw3.h>
#include <gtest/gtest.h>

#include "app/gui/actions.hpp"
#include "app/gui/lab_ui.hpp"
#include "app_driver.hpp"
#include "engine/mechanisms/scoring.hpp"

namespace al::gui {
namespace {

class MechanismLabTest : public testing::AppTest {
 protected:
  double weight(int query, int key) {
    return scoring::score(scoring::problem_of(settings()).value()).weights(query, key);
  }
};

TEST_F(MechanismLabTest, DraggingAKeyTowardAQueryRaisesItsWeight) {
  show("scoring");
  // Key 2 at (-1.5, 0), query 1 at (-1, 1): drag the key onto the query.
  const double before = weight(1, 2);
  driver->move(at("scoring-plane", 0, -1.5, 0.0));
  driver->press();
  for (int i = 1; i <= 5; ++i) driver->move(at("scoring-plane", 0, -1.5 + 0.1 * i, 0.2 * i));
  driver->release();
  // Dragged points land on a 0.01 grid, within a pixel of the mouse.
  EXPECT_NEAR(settings().scoring_keys.at(2, 0), -1.0, 0.02);
  EXPECT_NEAR(settings().scoring_keys.at(2, 1), 1.0, 0.02);
  EXPECT_GT(weight(1, 2), before + 0.08);
  // The other points did not move.
  EXPECT_EQ(settings().scoring_keys.at(0, 0), 1.0);
  EXPECT_EQ(settings().scoring_queries.at(1, 0), -1.0);
}

TEST_F(MechanismLabTest, ClickAddsAKeyRightClickDeletesIt) {
  show("scoring");
  driver->click(at("scoring-plane", 0, 2.0, -2.0));
  ASSERT_EQ(settings().scoring_keys.count(), 5);
  EXPECT_NEAR(settings().scoring_keys.at(4, 0), 2.0, 0.02);
  EXPECT_NEAR(settings().scoring_keys.at(4, 1), -2.0, 0.02);
  driver->move(
      at("scoring-plane", 0, settings().scoring_keys.at(4, 0), settings().scoring_keys.at(4, 1)));
  driver->input.right = true;
  driver->frames(1);
  driver->input.right = false;
  driver->frames(2);
  EXPECT_EQ(settings().scoring_keys.count(), 4);
  // Shift+click: a query.
  driver->input.shift = true;
  driver->input.set_key(GLFW_KEY_LEFT_SHIFT, true);
  driver->click(at("scoring-plane", 0, -2.0, -2.0));
  driver->input.shift = false;
  driver->input.set_key(GLFW_KEY_LEFT_SHIFT, false);
  EXPECT_EQ(settings().scoring_queries.count(), 3);
  EXPECT_EQ(settings().scoring_keys.count(), 4);
}

TEST_F(MechanismLabTest, HoverFollowsAQueryAndKeyEverywhere) {
  show("scoring");
  const int builds = view("scoring").cache.builds;
  driver->frames(3);
  EXPECT_EQ(view("scoring").cache.builds, builds);  // idle: nothing rebuilt
  // The weights (panel 1) at query 1, key 3.
  driver->move(at("scoring", 1, 3, 1));
  driver->frames(1);
  for (const fig::Panel& p : view("scoring").shown.panels) {
    EXPECT_EQ(p.heatmap->highlight_row, 1);
    EXPECT_EQ(p.heatmap->highlight_col, 3);
  }
  EXPECT_EQ(view("scoring-query").shown.panels.at(0).title, "Weights of q1");
  EXPECT_EQ(view("scoring-plane").shown.panels.at(0).title, "Query q1: keys sized by its weights");
  EXPECT_EQ(settings().scoring_query, 0);  // hovering sets nothing
  driver->click(at("scoring", 1, 3, 1));
  EXPECT_EQ(settings().scoring_query, 1);
  EXPECT_EQ(settings().scoring_key, 3);
}

TEST_F(MechanismLabTest, ValidLengthMasksAndZeroIsUniform) {
  show("scoring");
  ASSERT_TRUE(set_setting(s(), "scoring.valid_len", "2"));
  driver->frames(2);
  EXPECT_EQ(view("scoring").shown.panels.at(1).heatmap->valid_cols, 2);
  EXPECT_EQ(weight(0, 3), 0.0);
  ASSERT_TRUE(set_setting(s(), "scoring.valid_len", "0"));
  driver->frames(2);
  EXPECT_FALSE(view("scoring").shown.panels.at(1).heatmap->valid_cols);  // uniform, coloured
  EXPECT_NE(view("scoring").shown.panels.at(1).note.find("1/4"), std::string::npos);
  EXPECT_EQ(weight(1, 2), 0.25);
}

TEST_F(MechanismLabTest, KernelIdentityHoverOutlinesEveryMapAndShowsRounding) {
  show("kernel-identity");
  const FigureView& v = view("kernel-identity");
  ASSERT_EQ(v.shown.panels.size(), 4u);
  EXPECT_NE(v.shown.panels[3].note.find("(rounding)"), std::string::npos);
  driver->move(at("kernel-identity", 3, 5, 2));
  driver->frames(1);
  for (const fig::Panel& p : view("kernel-identity").shown.panels) {
    EXPECT_EQ(p.heatmap->highlight_row, 2);
    EXPECT_EQ(p.heatmap->highlight_col, 5);
  }
  driver->click(at("kernel-identity", 0, 5, 2));
  EXPECT_EQ(settings().identity_query, 2);
  EXPECT_EQ(settings().identity_key, 5);
  // The Nadaraya-Watson figure follows its own hovered query.
  driver->move(at("kernel-identity-nw", 1, 10, 20));
  driver->frames(1);
  EXPECT_EQ(view("kernel-identity-nw").shown.panels.at(0).heatmap->highlight_row, 20);
}

}  // namespace
}  // namespace al::gui
