// The Transformer lab driven frame by frame as a user would: the shipped model loads, a typed
// sentence runs, hovering a cell of the grid shows that query's steps with the engine's numbers,
// a click selects it, the arrow keys step the greedy decoding and every view follows, the wheel
// zooms a heatmap, and hovering never runs the model again.
#include <GLFW/glfw3.h>
#include <gtest/gtest.h>

#include "app/gui/actions.hpp"
#include "app/gui/lab_ui.hpp"
#include "app_driver.hpp"
#include "engine/transformer/model_file.hpp"
#include "engine/transformer/run.hpp"

namespace al::gui {
namespace {

class TransformerLabTest : public testing::AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    ASSERT_TRUE(set_setting(s(), "app.lab", "transformer"));
    driver->frames(3);
    ASSERT_NE(settings().model_path.find("phrases.safetensors"), std::string::npos);
    auto loaded = tf::load_model(settings().model_path);
    ASSERT_TRUE(loaded) << loaded.error();
    model.emplace(std::move(loaded).value());
  }
  AppState& s() { return app->state(); }
  const Settings& settings() { return s().lab.settings(); }
  FigureView& view(const std::string& name) {
    for (FigureView* v : current_lab(s()).views(s()))
      if (v->name == name) return *v;
    ADD_FAILURE() << "no view " << name;
    return *current_lab(s()).views(s()).front();
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

  // A click selects the query; leaving the grid keeps it in the steps view.
  driver->click(cell(5, 2, 1));
  driver->wait(0.6);  // the click is reported once it can no longer be a double-click
  EXPECT_EQ(settings().attention_layer, 1);
  EXPECT_EQ(settings().attention_head, 1);
  EXPECT_EQ(settings().attention_query, 2);
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
  driver->double_click(at);
  driver->frames(2);
  EXPECT_TRUE(grid.limits.empty());
  EXPECT_FALSE(grid.shown.panels[0].heatmap->window);
}

}  // namespace
}  // namespace al::gui
