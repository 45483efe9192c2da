// The positional-encoding lab: sizes, sliders, its views, and the learned table of a model file.
#include "engine/transformer/model_file.hpp"
#include "every_control.hpp"

namespace al::gui {
namespace {

TEST_F(EveryControl, PositionalEncodingLab) {
  show_lab("positional-encoding");
  typed_steppers({{"pe.dim", "16"}, {"pe.positions", "40"}});
  for (const char* key : {"pe.position", "pe.column", "pe.delta"}) {
    const std::string before = find_setting(key)->get(settings());
    used.insert(key);
    driver->click(along(key, 0.4));  // within the slider (the recorded rect holds its label)
    EXPECT_NE(find_setting(key)->get(settings()), before) << key;
  }
  fold_each({"section.pe_about", "section.pe_table", "section.pe_follow"});
  for (const char* view : {"positional-encoding", "positional-encoding-offsets",
                           "positional-encoding-rotation", "positional-encoding-binary"})
    view_toolbar(view);
  {  // The learned view, on a model with a learned position table.
    auto shipped = tf::load_model(AL_ASSETS_DIR "/models/reverse.safetensors");
    ASSERT_TRUE(shipped) << shipped.error();
    tf::ModelConfig c = shipped.value().config;
    c.positional = tf::Positional::Learned;
    tf::Transformer<float> learned;
    learned.init(c, 1);
    ASSERT_EQ(tf::save_model(learned, (dir / "learned.safetensors").string()), std::nullopt);
    ASSERT_TRUE(set_setting(s(), "model.path", (dir / "learned.safetensors").string()));
  }
  choose("view.pe_bottom", "learned");
  view_toolbar("positional-encoding-learned");
  choose("view.pe_bottom", "binary");
}

}  // namespace
}  // namespace al::gui
