// The Transformer lab: the shipped models, a model file, the input, decoding, the grid, its views,
// and training in the window.
#include "every_control.hpp"

namespace al::gui {
namespace {

TEST_F(EveryControl, TransformerLab) {
  show_lab("transformer");
  EXPECT_NE(settings().model_path.find("phrases.safetensors"), std::string::npos)
      << "the lab opens with the shipped phrase model";
  use("model.reverse");
  EXPECT_NE(settings().model_path.find("reverse.safetensors"), std::string::npos);
  EXPECT_EQ(settings().input_src, "1 2 3 4 5 6 7 8");
  use("model.open");
  cancel_prompt();
  use("model.open");
  answer_prompt(AL_TEST_DATA "/bad_binary.bin");  // a bad file changes nothing, says why
  EXPECT_NE(settings().model_path.find("reverse.safetensors"), std::string::npos);
  EXPECT_TRUE(s().status.error);
  use("model.phrases");
  EXPECT_NE(settings().model_path.find("phrases.safetensors"), std::string::npos);
  ASSERT_TRUE(set_setting(s(), "input.src", "i'm home ."));
  type_into("input.tgt", "je suis");
  EXPECT_EQ(settings().input_tgt, "je suis");
  use("input.tgt");  // selects the whole target: Backspace empties it
  driver->key(GLFW_KEY_BACKSPACE);
  click_elsewhere();
  EXPECT_EQ(settings().input_tgt, "");
  used.insert("input.src");
  type_into("decode.max_steps", "3");
  EXPECT_EQ(settings().decode_max_steps, 3);
  use("decode.max_steps.plus");
  EXPECT_EQ(settings().decode_max_steps, 4);
  use("decode.max_steps.minus");
  EXPECT_EQ(settings().decode_max_steps, 3);
  choose_each("attention.kind");
  ASSERT_TRUE(set_setting(s(), "attention.kind", "cross"));
  for (const char* key : {"attention.layer", "attention.head", "attention.query"}) {
    type_into(key, "1");
    EXPECT_EQ(find_setting(key)->get(settings()), "1") << key;
    use(std::string(key) + ".plus");
    EXPECT_EQ(find_setting(key)->get(settings()), "2") << key;
    use(std::string(key) + ".minus");
    EXPECT_EQ(find_setting(key)->get(settings()), "1") << key;
  }
  // The grid: which maps it shows.
  choose_each("attention.average");
  toggles("attention.enlarged");
  use("attention.heads=1");  // hides head 1 (from 0)
  EXPECT_EQ(find_setting("attention.heads")->get(settings()), "0,2,3");
  driver->wait(1.0);         // not a double-click
  use("attention.heads=1");  // shows it again: all of them
  EXPECT_EQ(find_setting("attention.heads")->get(settings()), "all");
  used.insert("attention.heads=2");
  driver->double_click(center("attention.heads=2"));  // shows it alone
  driver->frames(2);
  EXPECT_EQ(find_setting("attention.heads")->get(settings()), "2");
  use("attention.heads=0");
  use("attention.heads=3");
  EXPECT_EQ(find_setting("attention.heads")->get(settings()), "0,2,3");
  use("attention.heads.all");
  EXPECT_EQ(find_setting("attention.heads")->get(settings()), "all");
  // Decoding, one step at a time (max_steps 3: three tokens decoded).
  ASSERT_TRUE(set_setting(s(), "input.tgt", ""));
  use("decode.back");
  EXPECT_EQ(settings().decode_step, 2);
  use("decode.back");
  use("decode.back");  // never below 1
  EXPECT_EQ(settings().decode_step, 1);
  use("decode.next");
  EXPECT_EQ(settings().decode_step, 2);
  use("decode.all");
  EXPECT_EQ(settings().decode_step, 0);
  used.insert("decode.temperature");
  driver->click(along("decode.temperature", 0.6));
  EXPECT_GT(settings().decode_temperature, 1.0);
  fold_each({"section.input", "section.model", "section.decoding", "section.attention"});
  view_toolbar("transformer-attention");
  view_toolbar("transformer-next-token");
  use("view.tf_bottom.logits");
  EXPECT_EQ(settings().view_tf_bottom, TransformerBottom::Logits);
  view_toolbar("transformer-logits");
  use("view.tf_bottom.next-token");
  EXPECT_EQ(settings().view_tf_bottom, TransformerBottom::NextToken);
  view_toolbar("transformer-query-steps");

  // Training in the window, on a small model (its steps take a millisecond or two).
  typed_steppers({{"tf.d_model", "16"},
                  {"tf.heads", "2"},
                  {"tf.layers", "1"},
                  {"tf.ffn", "32"},
                  {"tf.batch", "16"},
                  {"tf.seed", "2"},
                  {"tf.speed", "0"}});
  const double lr = settings().tf_lr;
  used.insert("tf.lr");
  driver->click(along("tf.lr", 0.3));
  EXPECT_NE(settings().tf_lr, lr);
  choose_each("tf.task");
  choose_each("tf.positional");
  type_into("tf.step_steps", "3");
  EXPECT_EQ(settings().tf_step_steps, 3);
  use("view.tf_bottom.training");
  EXPECT_EQ(settings().view_tf_bottom, TransformerBottom::Training);
  FigureView* curves = nullptr;
  for (FigureView* v : current_lab(s()).views(s()))
    if (v->name == "transformer-training") curves = v;
  ASSERT_NE(curves, nullptr);
  const auto points = [&] {
    return curves->shown.panels.empty() || curves->shown.panels[0].series.empty()
               ? std::size_t{0}
               : curves->shown.panels[0].series[0].x.size();
  };
  use("tf.step");  // three steps, then it pauses
  for (int i = 0; i < 200 && points() < 3; ++i) driver->wait(0.05);
  EXPECT_EQ(points(), 3u);
  use("tf.play");
  for (int i = 0; i < 200 && points() < 10; ++i) driver->wait(0.05);
  use("tf.play");  // pauses
  EXPECT_GE(points(), 10u);
  view_toolbar("transformer-training");
  toggles("model.source");
  use("tf.save_model");
  answer_prompt("trained.safetensors");
  EXPECT_TRUE(std::filesystem::exists("trained.safetensors")) << s().status.text;
  use("tf.reset");
  driver->frames(3);
  EXPECT_EQ(points(), 0u);
  use("view.tf_bottom.next-token");
  use("section.tf_training");
  use("section.tf_training");
}

}  // namespace
}  // namespace al::gui
