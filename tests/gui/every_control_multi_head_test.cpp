// The multi-head attention lab: the preset, typed vectors, every size, the heads, the batch and
// valid-length sliders, its views.
#include "every_control.hpp"

namespace al::gui {
namespace {

TEST_F(EveryControl, MultiHeadLab) {
  show_lab("multi-head");
  choose("mh.preset", "book");
  EXPECT_EQ(settings().mh_hiddens, 100);
  choose("mh.preset", "small");
  choose_each("mh.input");
  typed_steppers({{"mh.dim", "3"},
                  {"mh.n_queries", "4"},
                  {"mh.n_kv", "6"},
                  {"mh.batch", "3"},
                  {"mh.seed", "2"},
                  {"mh.hiddens", "12"},
                  {"mh.heads", "3"}});
  // Sequence 2 of 3, then its valid length from the slider.
  used.insert("mh.batch_item");
  driver->click(along("mh.batch_item", 0.6));  // within the slider (the rect holds its label)
  EXPECT_EQ(settings().mh_batch_item, 2);
  used.insert("mh.valid_len");
  driver->click(along("mh.valid_len", 0.3));
  ASSERT_EQ(settings().mh_valid_lens.size(), 3u);
  EXPECT_EQ(settings().mh_valid_lens[0], 6);
  EXPECT_LT(settings().mh_valid_lens[2], 6);
  type_into("mh.valid_lens", "2");
  EXPECT_EQ(settings().mh_valid_lens, std::vector<int>{2});
  type_into("mh.queries", "1,0;0,1");
  EXPECT_EQ(settings().mh_queries.count(), 2);
  type_into("mh.keys", "1,1;0,1;2,0");
  EXPECT_EQ(settings().mh_keys.count(), 3);
  type_into("mh.values", "1;2;3");
  EXPECT_EQ(settings().mh_values.dim, 1);
  use("mh.untyped");
  EXPECT_TRUE(settings().mh_keys.empty());
  ASSERT_TRUE(set_setting(s(), "mh.query", "1"));
  driver->frames(2);
  use("mh.clear");
  EXPECT_EQ(settings().mh_query, -1);
  for (const char* view : {"multi-head", "multi-head-projections", "multi-head-output"})
    view_toolbar(view);
  use("mh.defaults");
  EXPECT_EQ(static_cast<const MultiHeadSettings&>(settings()), MultiHeadSettings{});
  fold_each({"section.mh_about", "section.mh_input", "section.mh_heads", "section.mh_mask",
             "section.mh_follow"});
}

}  // namespace
}  // namespace al::gui
