// Live training in the window, driven frame by frame: the Training section's controls start,
// step, pause and reset a real background trainer; the loss view gets its points and the snapshot
// changes as it trains; Save model writes a file the loader reads back; a key of the run that
// changes starts again from step 0, and a run the keys or the memory budget refuse is one line
// in the status line. The panel is shown alone, in a lab of its own in place of the Transformer
// lab, so these tests need nothing else of that lab; the last test runs the real lab: with "Show
// this model" on, a few training steps change its attention grid.
#include <GLFW/glfw3.h>
#include <gtest/gtest.h>

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <thread>

#include "app/gui/actions.hpp"
#include "app/gui/figure_view.hpp"
#include "app/gui/lab_ui.hpp"
#include "app/gui/transformer/training_panel.hpp"
#include "app_driver.hpp"
#include "engine/transformer/model_file.hpp"
#include "tests/engine/memory_budget_env.hpp"

namespace al::gui {
namespace {

// The Training section in the column and its loss view filling the figure area.
class TrainingOnlyLab : public LabUi {
 public:
  AppLab kind() const override { return AppLab::Transformer; }
  void controls(AppState& s) override { panel.controls(s); }
  void figures(AppState& s, const fig::Rect& area) override {
    figure_input(panel.view(), area, s.ui_scale);
    show_figure(s, panel.view(), fig::FigureContext{-1, false});
  }
  std::vector<FigureView*> views(AppState&) override { return {&panel.view()}; }
  bool animating(const AppState&) const override { return panel.animating(); }
  void advance(AppState& s, double) override { panel.advance(s); }
  TrainingPanel panel;
};

class TransformerTraining : public testing::AppTest {
 protected:
  void SetUp() override {
    dir = std::filesystem::temp_directory_path() / ("al-training-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    old_dir = std::filesystem::current_path();
    std::filesystem::current_path(dir);
    AppTest::SetUp();
    auto lab = std::make_unique<TrainingOnlyLab>();
    lab_ = lab.get();
    for (auto& l : s().labs)
      if (l->kind() == AppLab::Transformer) l = std::move(lab);
    // A small reverse model: a step takes a millisecond or two.
    for (const auto& [key, value] :
         std::vector<std::pair<std::string, std::string>>{{"app.lab", "transformer"},
                                                          {"tf.task", "reverse"},
                                                          {"tf.d_model", "16"},
                                                          {"tf.heads", "2"},
                                                          {"tf.layers", "1"},
                                                          {"tf.ffn", "32"},
                                                          {"tf.batch", "16"},
                                                          {"tf.step_steps", "5"}})
      ASSERT_TRUE(set_setting(s(), key, value)) << s().status.text;
    driver->frames(3);
  }
  void TearDown() override {
    std::filesystem::current_path(old_dir);
    std::filesystem::remove_all(dir);
  }

  TrainingPanel& panel() { return lab_->panel; }
  // Draws frames (as the window does while training plays) until `done`, at most 60 s.
  bool frames_until(const std::function<bool()>& done) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (!done() && std::chrono::steady_clock::now() < deadline) {
      driver->frames(1);
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return done();
  }
  const fig::Series& loss_series() { return panel().view().shown.panels.at(0).series.at(0); }

  TrainingOnlyLab* lab_ = nullptr;
  std::filesystem::path dir, old_dir;
};

TEST_F(TransformerTraining, StepPlayPauseAndTheLossPlot) {
  EXPECT_EQ(panel().snapshot(), nullptr) << "no trainer before it is asked for";
  EXPECT_FALSE(panel().animating());
  driver->tap_control("tf.step");
  EXPECT_TRUE(panel().animating());
  ASSERT_TRUE(frames_until([&] { return !panel().animating(); }));
  driver->frames(2);
  EXPECT_EQ(loss_series().x, (std::vector<double>{1, 2, 3, 4, 5}));
  ASSERT_NE(panel().snapshot(), nullptr);
  EXPECT_EQ(panel().probe_source().size(), std::string("1 2 3 4 5 6 7 8").size());

  // Play runs until Pause; the snapshot follows the training.
  const auto snapshot = panel().snapshot();
  const std::uint64_t generation = panel().snapshot_generation();
  driver->tap_control("tf.play");
  EXPECT_TRUE(panel().animating());
  ASSERT_TRUE(frames_until([&] { return loss_series().x.size() >= 40; }));
  driver->tap_control("tf.play");
  EXPECT_FALSE(panel().animating());
  driver->frames(3);
  const std::size_t points = loss_series().x.size();
  EXPECT_GE(points, 40u);
  EXPECT_NE(panel().snapshot(), snapshot);
  EXPECT_GT(panel().snapshot_generation(), generation);
  // Paused: nothing moves any more.
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  driver->frames(3);
  EXPECT_EQ(loss_series().x.size(), points);
  EXPECT_FALSE(panel().animating());

  driver->tap_control("tf.reset");
  ASSERT_TRUE(
      frames_until([&] { return panel().view().shown.panels.at(0).series.at(0).x.empty(); }));
}

TEST_F(TransformerTraining, SaveModelWritesAFileTheLoaderReads) {
  driver->tap_control("tf.step");
  ASSERT_TRUE(frames_until([&] { return !panel().animating(); }));
  driver->frames(2);
  driver->tap_control("tf.save_model");
  driver->frames(2);
  EXPECT_EQ(s().prompt_open, PathPrompt::SaveModel);
  EXPECT_EQ(s().prompt_path, "reverse.safetensors");
  if (!ImGui::GetIO().WantTextInput) driver->tap_control("prompt.path");
  driver->type("trained.safetensors");
  driver->tap_control("prompt.ok");
  EXPECT_EQ(s().prompt_open, PathPrompt::None);
  EXPECT_FALSE(s().status.error) << s().status.text;
  EXPECT_EQ(s().status.text, "Saved the model at step 5 to trained.safetensors");
  const auto loaded = tf::load_model((dir / "trained.safetensors").string());
  ASSERT_TRUE(loaded) << loaded.error();
  EXPECT_EQ(loaded.value().config.d_model, 16);
  EXPECT_EQ(loaded.value().config.num_heads, 2);
  // The file holds the snapshot's weights.
  tf::Transformer<float> shown = *panel().snapshot(), read = loaded.value();
  std::vector<tf::Mat<float>> values;
  shown.visit([&](const std::string&, tf::Param<float>& p) { values.push_back(p.value); });
  std::size_t i = 0;
  read.visit([&](const std::string& name, tf::Param<float>& p) {
    EXPECT_EQ(p.value, values.at(i++)) << name;
  });
}

TEST_F(TransformerTraining, ShowThisModelAndAChangedKeyStartAgain) {
  driver->tap_control("model.source");
  EXPECT_EQ(s().lab.settings().model_source, ModelSource::Training);
  driver->frames(2);
  ASSERT_NE(panel().snapshot(), nullptr) << "showing the training model makes the trainer";
  driver->tap_control("tf.step");
  ASSERT_TRUE(frames_until([&] { return !panel().animating(); }));
  driver->frames(2);
  ASSERT_FALSE(loss_series().x.empty());
  const std::uint64_t generation = panel().snapshot_generation();
  ASSERT_TRUE(set_setting(s(), "tf.seed", "2"));
  driver->frames(2);
  EXPECT_EQ(s().status.text, "tf.seed changed: training starts again from step 0");
  EXPECT_TRUE(loss_series().x.empty());
  EXPECT_GT(panel().snapshot_generation(), generation);
  // tf.speed is not part of the run: it changes nothing but the pace.
  ASSERT_TRUE(set_setting(s(), "tf.speed", "1000"));
  driver->frames(2);
  EXPECT_EQ(s().status.text, "tf.seed changed: training starts again from step 0");
  driver->tap_control("model.source");
  EXPECT_EQ(s().lab.settings().model_source, ModelSource::File);
}

TEST_F(TransformerTraining, ARefusedRunIsOneLineInTheStatusLine) {
  ASSERT_TRUE(set_setting(s(), "tf.d_model", "15"));
  driver->tap_control("tf.step");
  EXPECT_TRUE(s().status.error);
  EXPECT_EQ(s().status.text, "tf.d_model: 15 is not divisible by tf.heads (2)");
  EXPECT_FALSE(panel().animating());
  EXPECT_EQ(panel().snapshot(), nullptr);

  const test::MemoryBudgetEnv budget("1");
  ASSERT_TRUE(set_setting(s(), "tf.d_model", "512"));
  ASSERT_TRUE(set_setting(s(), "tf.batch", "4096"));
  driver->tap_control("tf.play");
  EXPECT_TRUE(s().status.error);
  EXPECT_EQ(s().status.text.rfind("estimated working set ", 0), 0u) << s().status.text;
  EXPECT_FALSE(panel().animating());
}

// The check, in the real Transformer lab: with "Show this model" on, its attention grid
// shows the model training in the window, and a few training steps change it.
class TransformerLabTraining : public testing::AppTest {
 protected:
  // The first heatmap of the attention grid as drawn last.
  WeightMatrix first_map() {
    const fig::Figure& f = view("transformer-attention").shown;
    if (f.panels.empty() || !f.panels[0].heatmap || !f.panels[0].heatmap->values) return {};
    return *f.panels[0].heatmap->values;
  }
};

TEST_F(TransformerLabTraining, TrainingStepsChangeTheGrid) {
  for (const auto& [key, value] :
       std::vector<std::pair<std::string, std::string>>{{"app.lab", "transformer"},
                                                        {"tf.d_model", "16"},
                                                        {"tf.heads", "2"},
                                                        {"tf.layers", "1"},
                                                        {"tf.ffn", "32"},
                                                        {"tf.batch", "16"},
                                                        {"tf.step_steps", "20"}})
    ASSERT_TRUE(set_setting(s(), key, value)) << s().status.text;
  driver->frames(3);
  driver->tap_control("model.source");
  ASSERT_EQ(s().lab.settings().model_source, ModelSource::Training) << s().status.text;
  driver->frames(3);
  const WeightMatrix before = first_map();
  ASSERT_GT(before.size(), 0) << "the grid shows the untrained model; status: " << s().status.text;
  driver->tap_control("tf.step");
  // Training may change the decoded length, so a changed map may have other rows: shapes are
  // compared before values (Eigen's == assumes equal shapes).
  const auto same = [](const WeightMatrix& a, const WeightMatrix& b) {
    return a.rows() == b.rows() && a.cols() == b.cols() && a == b;
  };
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (same(first_map(), before) && std::chrono::steady_clock::now() < deadline) {
    driver->frames(1);
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  EXPECT_FALSE(same(first_map(), before))
      << "20 training steps changed the attention; status: " << s().status.text;
}

}  // namespace
}  // namespace al::gui
