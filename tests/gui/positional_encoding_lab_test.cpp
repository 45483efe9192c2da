// The positional-encoding lab driven frame by frame as a user would: hovering a row of P follows
// that position in every view, a click on a cell of P follows its position and column, a click on
// the offsets' curve sets delta, the arrow keys move the position, and frames that change nothing
// rebuild nothing.
#include <GLFW/glfw3.h>
#include <gtest/gtest.h>

#include <unistd.h>

#include <cmath>
#include <filesystem>

#include "app/gui/actions.hpp"
#include "app/gui/lab_ui.hpp"
#include "app_driver.hpp"
#include "engine/mechanisms/positional_encoding.hpp"
#include "engine/transformer/model_file.hpp"

namespace al::gui {
namespace {

class PositionalEncodingLabTest : public testing::AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    show("positional-encoding");
  }
  // The rotation view's followed point (its table's last row is the rotated one).
  double followed_x() {
    return view("positional-encoding-rotation").shown.panels.at(0).series.at(3).x.at(0);
  }
};

TEST_F(PositionalEncodingLabTest, HoverFollowsAPositionEverywhereAndClicksSelect) {
  ASSERT_EQ(settings().pe_position, 10);
  const int builds = view("positional-encoding-offsets").cache.builds;
  driver->frames(3);
  EXPECT_EQ(view("positional-encoding-offsets").cache.builds, builds);  // idle: nothing rebuilt

  // Row 20, column 4 of P (panel 1): every view follows position 20 while the mouse is there.
  driver->move(at("positional-encoding", 1, 4, 20));
  driver->frames(2);
  EXPECT_EQ(view("positional-encoding").shown.panels.at(1).heatmap->highlight_row, 20);
  EXPECT_EQ(view("positional-encoding-offsets").shown.panels.at(0).heatmap->highlight_row, 20);
  EXPECT_EQ(followed_x(), pe::pair_at(20, 3, 32)(0));
  EXPECT_EQ(settings().pe_position, 10);  // hovering changes no setting
  driver->leave();
  driver->frames(2);
  EXPECT_EQ(followed_x(), pe::pair_at(10, 3, 32)(0));

  // A click on that cell follows its position and its column's pair.
  driver->click(at("positional-encoding", 1, 4, 20));
  driver->wait(0.6);  // the click is reported once it can no longer be a double-click
  EXPECT_EQ(settings().pe_position, 20);
  EXPECT_EQ(settings().pe_column, 4);
  driver->leave();
  driver->frames(2);
  EXPECT_EQ(followed_x(), pe::pair_at(20, 2, 32)(0));

  // A click on the offsets' curve near offset -7 sets delta to the whole offset under the mouse.
  const fig::Vec2 near = at("positional-encoding-offsets", 1, -7, 10);
  const double under = view("positional-encoding-offsets").layout.panels.at(1).to_data(near).x;
  ASSERT_NEAR(under, -7, 1.0);
  driver->click(near);
  driver->wait(0.6);
  EXPECT_EQ(settings().pe_delta, std::round(under));

  // The arrow keys move the followed position.
  driver->leave();
  driver->key(GLFW_KEY_RIGHT);
  driver->frames(1);
  EXPECT_EQ(settings().pe_position, 21);
  driver->key(GLFW_KEY_LEFT);
  driver->key(GLFW_KEY_LEFT);
  driver->frames(1);
  EXPECT_EQ(settings().pe_position, 19);
}

// The bottom-right view shows the learned table of the Transformer at model.path beside P; a
// model with sinusoidal positions says how to make a learned one.
TEST_F(PositionalEncodingLabTest, LearnedPositionsOfTheModelFileBesideP) {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("al-pe-learned-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  auto shipped = tf::load_model(AL_ASSETS_DIR "/models/reverse.safetensors");
  ASSERT_TRUE(shipped) << shipped.error();
  tf::ModelConfig c = shipped.value().config;  // its vocabularies too
  c.positional = tf::Positional::Learned;
  tf::Transformer<float> model;
  model.init(c, 5);
  const std::string path = (dir / "learned.safetensors").string();
  ASSERT_EQ(tf::save_model(model, path), std::nullopt);

  ASSERT_TRUE(set_setting(s(), "view.pe_bottom", "learned"));
  ASSERT_TRUE(set_setting(s(), "model.path", AL_ASSETS_DIR "/models/reverse.safetensors"));
  driver->frames(2);
  FigureView& v = view("positional-encoding-learned");
  EXPECT_NE(v.cache.error.find("tf.positional=learned"), std::string::npos) << v.cache.error;
  ASSERT_TRUE(set_setting(s(), "model.path", path));
  driver->frames(2);
  EXPECT_EQ(v.cache.error, "");
  ASSERT_EQ(v.shown.panels.size(), 2u);
  const auto expected = pe::row_cosines(model.src_pos.weight.value.cast<double>());
  EXPECT_EQ((*v.shown.panels[0].heatmap->values)(1, 2), static_cast<float>(expected(1, 2)));
  EXPECT_EQ(v.shown.panels[0].heatmap->highlight_row, 10);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace al::gui
