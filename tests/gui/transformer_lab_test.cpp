// The Transformer lab driven frame by frame as a user would: the shipped model loads, a typed
// sentence runs, hovering a cell of the grid shows that query's steps with the engine's numbers,
// a click enlarges its map and selects it, the arrow keys step the greedy decoding and every view
// follows, the wheel zooms a heatmap, and hovering never runs the model again.
#include <GLFW/glfw3.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "app/gui/actions.hpp"
#include "app/gui/lab_ui.hpp"
#include "app_driver.hpp"
#include "engine/transformer/model_file.hpp"
#include "engine/transformer/run.hpp"
#include "tests/transformer/tiny_model.hpp"

namespace al::gui {
namespace {

class TransformerLabTest : public testing::AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    show("transformer");
    ASSERT_NE(settings().model_path.find("phrases.safetensors"), std::string::npos);
    auto loaded = tf::load_model(settings().model_path);
    ASSERT_TRUE(loaded) << loaded.error();
    model.emplace(std::move(loaded).value());
  }
  // The centre pixel of cell (row, col) of panel `panel` of the grid, as last drawn.
  fig::Vec2 cell(int panel, int row, int col) {
    const fig::PanelLayout& l = view("transformer-attention").layout.panels.at(panel);
    return testing::whole(l.to_pixel(col, row));
  }
  // The weights the query-steps view draws (its second panel's bars).
  std::vector<double> drawn_weights() {
    return view("transformer-query-steps").shown.panels.at(1).series.at(0).y;
  }
  std::optional<tf::Transformer<float>> model;
};

TEST_F(TransformerLabTest, HoverFollowsAQueryWithTheEnginesNumbersAndClickSelectsIt) {
  ASSERT_TRUE(set_setting(s(), "input.src", "i'm home ."));
  ASSERT_TRUE(set_setting(s(), "attention.kind", "cross"));
  driver->frames(2);
  const auto run = tf::run_transformer(*model, "i'm home .", "", 64);
  ASSERT_TRUE(run) << run.error();
  // Panel 5 is layer 1, head 1 of the 2 x 4 grid; row 2 is the decoder's third position.
  const int builds = view("transformer-attention").cache.builds;
  driver->move(cell(5, 2, 1));
  driver->frames(2);
  const auto q = tf::query_steps(*model, run.value(), tf::AttentionKind::Cross, 1, 1, 2);
  ASSERT_TRUE(q) << q.error();
  const std::vector<double> weights = drawn_weights();
  ASSERT_EQ(weights.size(), q.value().keys.size());
  for (std::size_t k = 0; k < weights.size(); ++k) EXPECT_EQ(weights[k], q.value().keys[k].weight);
  EXPECT_NE(view("transformer-query-steps").shown.title.find("layer 1, head 1, query 2"),
            std::string::npos)
      << view("transformer-query-steps").shown.title;
  // The key column under the mouse is outlined in every map; the hovered map's query row too.
  const auto& panels = view("transformer-attention").shown.panels;
  EXPECT_EQ(panels.at(5).heatmap->highlight_row, 2);
  for (const fig::Panel& p : panels) EXPECT_EQ(p.heatmap->highlight_col, 1);
  // Moving within the cell builds nothing; a new cell rebuilds once, from the same run.
  const int after_hover = view("transformer-attention").cache.builds;
  EXPECT_GT(after_hover, builds);
  driver->move(cell(5, 2, 1));
  driver->frames(3);
  EXPECT_EQ(view("transformer-attention").cache.builds, after_hover);

  // A click on a thumbnail selects the query and enlarges its map; leaving the grid keeps the
  // query in the steps view.
  ASSERT_FALSE(settings().attention_enlarged);
  driver->click(cell(5, 2, 1));
  driver->wait(0.6);  // the click is reported once it can no longer be a double-click
  EXPECT_EQ(settings().attention_layer, 1);
  EXPECT_EQ(settings().attention_head, 1);
  EXPECT_EQ(settings().attention_query, 2);
  EXPECT_TRUE(settings().attention_enlarged);
  driver->frames(2);
  EXPECT_EQ(view("transformer-attention").shown.panels.size(), 1u);
  driver->leave();
  driver->frames(2);
  EXPECT_EQ(drawn_weights(), weights);
}

TEST_F(TransformerLabTest, ArrowKeysStepTheDecodingAndEveryViewFollows) {
  ASSERT_TRUE(set_setting(s(), "input.src", "i'm home ."));
  ASSERT_TRUE(set_setting(s(), "attention.kind", "decoder-self"));
  driver->frames(2);
  const auto run = tf::run_transformer(*model, "i'm home .", "", 64);
  ASSERT_TRUE(run);
  const int steps = run.value().steps();
  ASSERT_EQ(run.value().output, (std::vector<std::string>{"je", "suis", "chez", "moi", "."}));
  driver->move({5, 5});  // off the figures
  driver->key(GLFW_KEY_LEFT);
  driver->frames(2);
  EXPECT_EQ(settings().decode_step, steps - 1);
  driver->key(GLFW_KEY_HOME);
  driver->frames(2);
  EXPECT_EQ(settings().decode_step, 1);
  driver->key(GLFW_KEY_RIGHT);
  driver->key(GLFW_KEY_RIGHT);
  driver->frames(2);
  EXPECT_EQ(settings().decode_step, 3);
  // At step 3 the decoder has read <bos> je suis: 3 x 3 maps, masked above the diagonal, and
  // the next token is the fourth one decoded.
  const fig::Heatmap& h = *view("transformer-attention").shown.panels.at(0).heatmap;
  EXPECT_EQ(h.values->rows(), 3);
  EXPECT_EQ(h.row_labels, (std::vector<std::string>{"<bos>", "je", "suis"}));
  EXPECT_TRUE(h.causal);
  const fig::Figure& next = view("transformer-next-token").shown;
  EXPECT_EQ(next.title, "Next token after '<bos> je suis'");
  EXPECT_EQ(next.panels.at(0).x.labels.front(), "chez");
  driver->key(GLFW_KEY_END);
  driver->frames(2);
  EXPECT_EQ(settings().decode_step, 0);
  EXPECT_EQ(view("transformer-attention").shown.panels.at(0).heatmap->values->rows(), steps);
}

TEST_F(TransformerLabTest, TheWheelZoomsAHeatmapAndADoubleClickFitsIt) {
  ASSERT_TRUE(set_setting(s(), "input.src", "i'm home ."));
  ASSERT_TRUE(set_setting(s(), "attention.enlarged", "true"));
  driver->frames(2);
  FigureView& grid = view("transformer-attention");
  ASSERT_EQ(grid.shown.panels.size(), 1u);
  const fig::Vec2 at = cell(0, 1, 1);
  driver->wheel(at, 3.0f);
  driver->frames(2);
  ASSERT_FALSE(grid.limits.empty());
  ASSERT_TRUE(grid.shown.panels[0].heatmap->window);
  const fig::Heatmap::Window w = *grid.shown.panels[0].heatmap->window;
  EXPECT_LT(w.col_max - w.col_min, 4.0);  // fewer than the 4 keys shown
  // A session keeps the zoom.
  const std::string path =
      std::filesystem::temp_directory_path() / ("al-zoom-" + std::to_string(getpid()) + ".json");
  save_session(s(), path);
  const LimitOverrides zoomed = grid.limits;
  fit_all(s());
  open_session(s(), path);
  std::filesystem::remove(path);
  ASSERT_EQ(grid.limits.size(), zoomed.size());
  EXPECT_EQ(grid.limits[0]->x_min, zoomed[0]->x_min);
  EXPECT_EQ(grid.limits[0]->y_max, zoomed[0]->y_max);
  driver->frames(2);
  driver->double_click(at);
  driver->frames(2);
  EXPECT_TRUE(grid.limits.empty());
  EXPECT_FALSE(grid.shown.panels[0].heatmap->window);
}

// A model file dropped on the window opens in the Transformer lab; a bad one changes nothing.
TEST_F(TransformerLabTest, AModelDroppedOnTheWindowOpens) {
  ASSERT_TRUE(set_setting(s(), "app.lab", "kernel-regression"));
  const std::string reverse = AL_ASSETS_DIR "/models/reverse.safetensors";
  app->drop_files({reverse});
  driver->frames(2);
  EXPECT_EQ(settings().model_path, reverse);
  EXPECT_EQ(settings().app_lab, AppLab::Transformer);
  app->drop_files({AL_TEST_DATA "/bad_binary.bin"});
  driver->frames(2);
  EXPECT_EQ(settings().model_path, reverse);
  EXPECT_TRUE(s().status.error);
  app->drop_files({AL_TEST_DATA "/bad_binary.safetensors.missing.safetensors"});
  driver->frames(2);
  EXPECT_EQ(settings().model_path, reverse);
  EXPECT_TRUE(s().status.error);
}

// Models at long paths: the column's last control still takes a tap (a path that wrapped onto a
// second line once widened the column, whose sideways scroll bar then covered that control).
TEST_F(TransformerLabTest, LongModelPathsLeaveTheColumnUsable) {
  const std::string shipped = settings().model_path;
  const auto base = std::filesystem::temp_directory_path() / ("al-" + std::to_string(getpid()));
  for (std::size_t length = 10; length <= 120; length += 5) {
    SCOPED_TRACE("directory name of " + std::to_string(length) + " characters");
    const auto dir = base / std::string(length, 'd') / "assets" / "models";
    std::filesystem::create_directories(dir);
    const auto path = dir / "phrases.safetensors";
    std::filesystem::copy_file(shipped, path);
    ASSERT_TRUE(set_setting(s(), "model.path", path.string())) << s().status.text;
    ASSERT_TRUE(set_setting(s(), "model.source", "file"));
    driver->frames(3);
    driver->tap_control("model.source");
    EXPECT_EQ(settings().model_source, ModelSource::Training);
  }
  std::filesystem::remove_all(base);
}

// A thousand tokens on a model whose max_len allows them: the grid draws them as textures with
// thinned tick labels, hovers any cell and zooms in to read single tokens.
TEST_F(TransformerLabTest, AThousandTokensRenderHoverAndZoom) {
  const std::string path = std::filesystem::temp_directory_path() /
                           ("al-long-" + std::to_string(getpid()) + ".safetensors");
  tf::Transformer<float> long_model;
  long_model.init(tf::test::tiny_config(tf::Arch::Encoder, 16, 1024,
                                        tf::Vocab({"<pad>", "<unk>", "a", "b", "c"}),
                                        tf::Vocab({"<pad>", "<unk>", "a", "b", "c"})),
                  3);
  ASSERT_FALSE(tf::save_model(long_model, path));
  std::string words;
  for (int i = 0; i < 1000; ++i) words += i % 3 == 0 ? "a " : i % 3 == 1 ? "b " : "c ";
  ASSERT_TRUE(set_setting(s(), "model.path", path));
  ASSERT_TRUE(set_setting(s(), "input.src", words));
  driver->frames(3);
  FigureView& grid = view("transformer-attention");
  ASSERT_EQ(grid.shown.panels.size(), 4u) << grid.cache.error;  // 2 layers x 2 heads
  const fig::Heatmap& h = *grid.shown.panels[0].heatmap;
  EXPECT_EQ(h.values->rows(), 1000);
  EXPECT_EQ(h.row_labels.size(), 1000u);
  // Hovering follows the query under the mouse.
  driver->move(cell(1, 500, 10));
  driver->frames(2);
  const auto title = view("transformer-query-steps").shown.title;
  EXPECT_NE(title.find("layer 0, head 1, query "), std::string::npos) << title;
  // Zoomed until single tokens are read.
  for (int i = 0; i < 6; ++i) driver->wheel(cell(1, 500, 500), 10.0f);
  driver->frames(2);
  ASSERT_TRUE(grid.shown.panels[1].heatmap->window);
  const fig::Heatmap::Window w = *grid.shown.panels[1].heatmap->window;
  EXPECT_LT(w.col_max - w.col_min, 20.0);
  EXPECT_GT(w.col_min, 400.0);
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace al::gui
