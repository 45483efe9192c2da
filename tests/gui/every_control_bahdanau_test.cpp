// The Bahdanau lab: its model, decoding step by step, its views, and training in the window.
#include "every_control.hpp"

namespace al::gui {
namespace {

TEST_F(EveryControl, BahdanauLab) {
  show_lab("bahdanau");
  use("bahdanau.shipped");
  EXPECT_NE(settings().model_path.find("bahdanau.safetensors"), std::string::npos);
  EXPECT_EQ(settings().app_lab, AppLab::Bahdanau);
  use("bahdanau.open");
  cancel_prompt();
  use("bahdanau.open");
  answer_prompt(AL_TEST_DATA "/bad_binary.bin");
  EXPECT_NE(settings().model_path.find("bahdanau.safetensors"), std::string::npos);
  EXPECT_TRUE(s().status.error);
  type_into("input.src", "i'm home .");  // a click selects the field's text: typing replaces it
  EXPECT_EQ(settings().input_src, "i'm home .");
  type_into("input.tgt", "je suis");
  EXPECT_EQ(settings().input_tgt, "je suis");
  use("input.tgt");
  driver->key(GLFW_KEY_BACKSPACE);
  click_elsewhere();
  EXPECT_EQ(settings().input_tgt, "");
  type_into("decode.max_steps", "9");
  use("decode.max_steps.plus");
  EXPECT_EQ(settings().decode_max_steps, 10);
  use("decode.max_steps.minus");
  use("decode.max_steps.plus");
  use("bahdanau.back");  // "je suis chez moi ." + <eos>: 6 steps, back to 5
  EXPECT_EQ(settings().bahdanau_step, 5);
  use("bahdanau.next");
  EXPECT_EQ(settings().bahdanau_step, 0);
  use("bahdanau.back");
  use("bahdanau.all");
  EXPECT_EQ(settings().bahdanau_step, 0);
  type_into("bahdanau.key", "1");
  EXPECT_EQ(settings().bahdanau_key, 1);
  use("bahdanau.key.plus");
  EXPECT_EQ(settings().bahdanau_key, 2);
  use("bahdanau.key.minus");
  EXPECT_EQ(settings().bahdanau_key, 1);
  fold_each({"section.bahdanau_model", "section.bahdanau_input", "section.bahdanau_decoding"});
  view_toolbar("bahdanau-weights");
  view_toolbar("bahdanau-alignment");
  view_toolbar("bahdanau-score");
  typed_steppers({{"bahdanau.hiddens", "8"},
                  {"bahdanau.layers", "1"},
                  {"bahdanau.batch", "64"},
                  {"bahdanau.seed", "2"},
                  {"bahdanau.speed", "0"}});
  const double bahdanau_lr = settings().bahdanau_lr;
  used.insert("bahdanau.lr");
  driver->click(along("bahdanau.lr", 0.3));
  EXPECT_NE(settings().bahdanau_lr, bahdanau_lr);
  ASSERT_TRUE(set_setting(s(), "bahdanau.lr", "0.005"));
  type_into("bahdanau.step_epochs", "2");
  EXPECT_EQ(settings().bahdanau_step_epochs, 2);
  FigureView* bahdanau_curves = nullptr;
  for (FigureView* v : current_lab(s()).views(s()))
    if (v->name == "bahdanau-training") bahdanau_curves = v;
  ASSERT_NE(bahdanau_curves, nullptr);
  const auto epoch_points = [&] {
    return bahdanau_curves->shown.panels.empty() || bahdanau_curves->shown.panels[0].series.empty()
               ? std::size_t{0}
               : bahdanau_curves->shown.panels[0].series[0].x.size();
  };
  use("bahdanau.run_epochs");  // two epochs, then it pauses
  for (int i = 0; i < 200 && epoch_points() < 2; ++i) driver->wait(0.05);
  EXPECT_EQ(epoch_points(), 2u);
  use("bahdanau.play");
  for (int i = 0; i < 200 && epoch_points() < 5; ++i) driver->wait(0.05);
  use("bahdanau.play");  // pauses
  EXPECT_GE(epoch_points(), 5u);
  view_toolbar("bahdanau-training");
  toggles("bahdanau.show_training");
  use("bahdanau.reset");
  driver->frames(3);
  EXPECT_EQ(epoch_points(), 0u);
  use("section.bahdanau_training");
  use("section.bahdanau_training");
}

}  // namespace
}  // namespace al::gui
