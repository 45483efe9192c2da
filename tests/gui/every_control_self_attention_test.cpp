// The self-attention lab: the task, the network, training in the window, a typed example.
#include "every_control.hpp"

namespace al::gui {
namespace {

TEST_F(EveryControl, SelfAttentionLab) {
  show_lab("self-attention");
  typed_steppers({{"sa.pairs", "3"},
                  {"sa.keys", "6"},
                  {"sa.values", "5"},
                  {"sa.dim", "12"},
                  {"sa.batch", "16"},
                  {"sa.seed", "2"},
                  {"sa.speed", "0"}});
  const double sa_lr = settings().sa_lr;
  used.insert("sa.lr");
  driver->click(along("sa.lr", 0.6));
  EXPECT_NE(settings().sa_lr, sa_lr);
  ASSERT_TRUE(set_setting(s(), "sa.lr", "0.01"));
  type_into("sa.input", "a 1 b 2 ? b");
  EXPECT_EQ(settings().sa_input, "a 1 b 2 ? b");
  use("sa.new_example");
  EXPECT_NE(settings().sa_input, "a 1 b 2 ? b");
  type_into("sa.step_steps", "20");
  EXPECT_EQ(settings().sa_step_steps, 20);
  FigureView* sa_curves = nullptr;
  for (FigureView* v : current_lab(s()).views(s()))
    if (v->name == "self-attention-training") sa_curves = v;
  ASSERT_NE(sa_curves, nullptr);
  const auto sa_points = [&] {
    return sa_curves->shown.panels.empty() || sa_curves->shown.panels[0].series.empty()
               ? std::size_t{0}
               : sa_curves->shown.panels[0].series[0].x.size();
  };
  use("sa.step");  // 20 steps (a point per 10), then it pauses
  for (int i = 0; i < 200 && sa_points() < 3; ++i) driver->wait(0.05);
  EXPECT_EQ(sa_points(), 3u);
  use("sa.play");
  for (int i = 0; i < 200 && sa_points() < 6; ++i) driver->wait(0.05);
  use("sa.play");  // pauses
  EXPECT_GE(sa_points(), 6u);
  for (const char* view :
       {"self-attention-weights", "self-attention-answer", "self-attention-training"})
    view_toolbar(view);
  use("sa.reset");
  for (int i = 0; i < 100 && sa_points() != 1; ++i) driver->wait(0.05);
  EXPECT_EQ(sa_points(), 1u);
  use("sa.defaults");
  EXPECT_EQ(settings().sa_pairs, 4);
  EXPECT_EQ(settings().sa_step_steps, 10);
  fold_each({"section.sa_about", "section.sa_training", "section.sa_example", "section.sa_task"});
}

}  // namespace
}  // namespace al::gui
