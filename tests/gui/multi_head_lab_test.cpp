// The multi-head attention lab driven frame by frame as a user would: hovering a cell of one head
// outlines it in every head and its query in the output, a click keeps it, the heads follow h and
// d (the title says d/h and the scale), d not divisible by h is refused in one line naming the
// key, the valid-length slider masks the shown sequence, and idle frames rebuild nothing.
#include <gtest/gtest.h>

#include "app/gui/actions.hpp"
#include "app/gui/lab_ui.hpp"
#include "app_driver.hpp"

namespace al::gui {
namespace {

class MultiHeadLabTest : public testing::AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    show("multi-head");
  }
};

TEST_F(MultiHeadLabTest, HoverOutlinesTheCellInEveryHead) {
  const int builds = view("multi-head").cache.builds;
  driver->frames(3);
  EXPECT_EQ(view("multi-head").cache.builds, builds);  // idle: nothing rebuilt
  ASSERT_EQ(view("multi-head").shown.panels.size(), 2u);
  driver->move(at("multi-head", 1, 4, 2));  // head 1, query 2, key 4
  driver->frames(1);
  for (const fig::Panel& p : view("multi-head").shown.panels) {
    EXPECT_EQ(p.heatmap->highlight_row, 2);
    EXPECT_EQ(p.heatmap->highlight_col, 4);
  }
  EXPECT_EQ(view("multi-head-output").shown.panels.at(2).heatmap->highlight_row, 2);
  EXPECT_EQ(settings().mh_query, -1);  // hovering sets nothing
  driver->click(at("multi-head", 0, 4, 2));
  EXPECT_EQ(settings().mh_query, 2);
  EXPECT_EQ(settings().mh_key, 4);
}

TEST_F(MultiHeadLabTest, HeadsFollowHAndDAndRefuseWhatDoesNotDivide) {
  ASSERT_TRUE(set_setting(s(), "mh.heads", "4"));
  driver->frames(2);
  EXPECT_EQ(view("multi-head").shown.panels.size(), 4u);
  EXPECT_NE(view("multi-head").shown.title.find("d/h = 2, scale 1/√2 = 0.7071"), std::string::npos)
      << view("multi-head").shown.title;
  EXPECT_EQ(view("multi-head-projections").shown.panels.size(), 12u);
  ASSERT_TRUE(set_setting(s(), "mh.hiddens", "10"));
  driver->frames(2);
  EXPECT_EQ(view("multi-head").cache.error,
            "mh.heads: num_hiddens mh.hiddens = 10 is not divisible by mh.heads = 4 (each head "
            "takes d/h of it)");
  ASSERT_TRUE(set_setting(s(), "mh.heads", "5"));
  driver->frames(2);
  EXPECT_TRUE(view("multi-head").cache.error.empty());
  EXPECT_EQ(view("multi-head").shown.panels.size(), 5u);
}

TEST_F(MultiHeadLabTest, BookPresetMasksEachSequence) {
  ASSERT_TRUE(set_setting(s(), "mh.preset", "book"));
  driver->frames(2);
  EXPECT_EQ(view("multi-head").shown.panels.at(0).heatmap->valid_cols, 3);
  ASSERT_TRUE(set_setting(s(), "mh.batch_item", "1"));
  driver->frames(2);
  for (const fig::Panel& p : view("multi-head").shown.panels) EXPECT_EQ(p.heatmap->valid_cols, 2);
  EXPECT_NE(view("multi-head-output").shown.panels.at(2).note.find("(2, 4, 100)"),
            std::string::npos);
  ASSERT_TRUE(set_setting(s(), "mh.valid_lens", "3,0"));
  driver->frames(2);
  EXPECT_FALSE(view("multi-head").shown.panels.at(0).heatmap->valid_cols);  // uniform, coloured
  EXPECT_NE(view("multi-head").shown.panels.at(0).note.find("1/6"), std::string::npos);
}

}  // namespace
}  // namespace al::gui
