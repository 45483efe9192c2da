// Every control of the window, used as a user would: clicked, typed into, dragged, chosen from
// its combo or menu, each checked for doing what it says. The walk records every control that
// appears on screen during it; one that appeared and was not used fails the test, so a new
// control needs a check here. No two controls may share an ImGui ID (they would steal each
// other's clicks: a click on one such pair aborted the app inside Dear ImGui).
#include <GLFW/glfw3.h>
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <set>
#include <string>

#include "app/gui/actions.hpp"
#include "app/gui/lab_ui.hpp"
#include "app_driver.hpp"
#include "engine/transformer/model_file.hpp"

namespace al::gui {
namespace {

class EveryControl : public testing::AppTest {
 protected:
  void SetUp() override {
    // Files the prompts write (sessions, exports) land in a folder of the test's own.
    dir = std::filesystem::temp_directory_path() / ("al-every-control-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    old_dir = std::filesystem::current_path();
    std::filesystem::current_path(dir);
    AppTest::SetUp();
    driver->after_frame = [this] {
      for (const auto& [name, rect] : s().controls.rects) seen.insert(name);
      for (const std::string& c : s().controls.conflicts) ADD_FAILURE() << c;
      s().controls.conflicts.clear();
    };
    driver->frames(2);
  }

  void TearDown() override {
    std::filesystem::current_path(old_dir);
    std::filesystem::remove_all(dir);
  }

  AppState& s() { return app->state(); }
  const Settings& settings() { return s().lab.settings(); }

  fig::Vec2 center(const std::string& name) {
    // A frame first: the last action may have moved the controls (a line of text that appears,
    // a font size that changed), and rects are those of the last frame.
    driver->frames(1);
    if (!name.starts_with("menu.") && !name.starts_with("export.") &&
        !name.starts_with("prompt.") && !name.starts_with("view.bottom.") &&
        !name.starts_with("view.tf_bottom.") && !name.starts_with("app.lab."))
      driver->scroll_to(name);
    const auto it = s().controls.rects.find(name);
    if (it == s().controls.rects.end()) {
      ADD_FAILURE() << "no control named " << name << " on screen";
      for (const auto& [n, r] : s().controls.rects) std::cerr << "  on screen: " << n << "\n";
      return {-1, -1};
    }
    const fig::Rect& r = it->second;
    return testing::whole({(r.x0 + r.x1) / 2, (r.y0 + r.y1) / 2});
  }
  // A point of the control at fraction `f` of its width (sliders).
  fig::Vec2 along(const std::string& name, double f) {
    driver->scroll_to(name);
    const fig::Rect& r = s().controls.rects.at(name);
    return testing::whole({r.x0 + f * r.width(), (r.y0 + r.y1) / 2});
  }
  void use(const std::string& name) {
    used.insert(name);
    driver->tap(center(name));
    driver->frames(1);
  }
  // Opens a combo and picks one of its entries.
  void choose(const std::string& key, const std::string& choice) {
    use(key);
    use(key + "=" + choice);
    EXPECT_EQ(find_setting(key)->get(settings()), choice) << key;
  }
  // Types into a field and leaves it by clicking on the status line (focus loss applies it).
  void type_into(const std::string& name, const std::string& text) {
    use(name);
    driver->type(text);
    click_elsewhere();
  }
  void click_elsewhere() {
    const ImVec2 size = ImGui::GetIO().DisplaySize;
    driver->click(testing::whole({size.x / 2, size.y - 4}));
  }
  // Opens a menu of the menu bar and clicks one of its items.
  void menu_item(const std::string& menu, const std::string& item) {
    use(menu);
    driver->frames(1);
    use(item);
  }
  // Every entry of a settings combo, ending on the value it had.
  void choose_each(const std::string& key) {
    const std::string original = find_setting(key)->get(settings());
    const std::string range = find_setting(key)->range;
    std::size_t start = 0;
    while (start <= range.size()) {
      const std::size_t bar = std::min(range.find('|', start), range.size());
      const std::string choice = range.substr(start, bar - start);
      if (choice != original) choose(key, choice);
      start = bar + 1;
    }
    choose(key, original);
  }
  // Types a path into the open prompt (its text is selected on opening) and confirms it.
  void answer_prompt(const std::string& path) {
    driver->frames(2);
    // The prompt opens with its path selected; after a click elsewhere in it (the format combo)
    // a click on the path selects it again. Either way typing replaces it.
    if (!ImGui::GetIO().WantTextInput) use("prompt.path");
    used.insert("prompt.path");
    driver->type(path);
    use("prompt.ok");
    EXPECT_EQ(s().prompt_open, PathPrompt::None) << s().prompt_path;
  }
  void toggles(const std::string& key) {
    const std::string before = find_setting(key)->get(settings());
    use(key);
    EXPECT_NE(find_setting(key)->get(settings()), before) << key;
    use(key);
    EXPECT_EQ(find_setting(key)->get(settings()), before) << key;
  }

  std::set<std::string> seen, used;
  std::filesystem::path dir, old_dir;
};

TEST_F(EveryControl, EachDoesWhatItSaysAndNoneIsLeftOut) {
  // Data: presets and functions, typed seed, the points drag typed into, noise, buttons.
  choose("data.preset", "d2l-v1");
  EXPECT_EQ(settings().data_n_train, 40);
  choose("data.preset", "d2l-v2");
  EXPECT_EQ(settings().data_n_train, 50);
  choose_each("data.function");
  type_into("data.seed", "7");
  EXPECT_EQ(settings().data_seed, 7u);
  use("data.seed.plus");
  EXPECT_EQ(settings().data_seed, 8u);
  use("data.seed.minus");
  EXPECT_EQ(settings().data_seed, 7u);
  // The points drag: a double-click turns it into a text field.
  used.insert("data.n_train");
  driver->double_click(center("data.n_train"));
  driver->type("120");
  driver->key(GLFW_KEY_ENTER);
  EXPECT_EQ(settings().data_n_train, 120);
  EXPECT_EQ(s().lab.data().x.size(), 120u);
  used.insert("data.noise");
  driver->click(along("data.noise", 0.55));  // the rect includes the label
  EXPECT_GT(settings().data_noise, 2.0);

  const std::size_t n = s().lab.data().x.size();
  s().lab.add_point(2.5, 9.0);  // as a click on the plot would
  driver->frames(2);
  use("edit.undo");
  EXPECT_EQ(s().lab.data().x.size(), n);
  use("edit.redo");
  EXPECT_EQ(s().lab.data().x.size(), n + 1);
  use("data.regenerate");
  EXPECT_EQ(s().lab.data().x.size(), n);
  EXPECT_FALSE(s().lab.points_edited());
  use("data.open_csv");
  EXPECT_EQ(s().prompt_open, PathPrompt::OpenCsv);
  driver->frames(2);
  use("prompt.cancel");
  EXPECT_EQ(s().prompt_open, PathPrompt::None);
  use("data.open_csv");
  answer_prompt(AL_TEST_DATA "/points_header.csv");
  EXPECT_EQ(settings().data_csv, AL_TEST_DATA "/points_header.csv");
  driver->frames(2);
  use("data.generated");
  EXPECT_TRUE(settings().data_csv.empty());

  // Kernel: every kernel from its combo, w from its slider.
  choose_each("kernel");
  used.insert("kernel.w");
  driver->click(along("kernel.w", 0.75));
  EXPECT_GT(settings().kernel_w, 10.0);

  // Training.
  use("train.add_one");
  EXPECT_EQ(settings().train_epochs, 6);
  use("train.reset");
  EXPECT_EQ(settings().train_epochs, 0);
  type_into("train.step_epochs", "25");
  EXPECT_EQ(settings().train_step_epochs, 25);
  use("train.add_n");
  EXPECT_EQ(settings().train_epochs, 25);
  use("train.play");
  EXPECT_TRUE(s().playing);
  use("train.play");
  EXPECT_FALSE(s().playing);
  used.insert("train.lr");
  driver->click(along("train.lr", 0.2));
  EXPECT_LT(settings().train_lr, 0.5);
  used.insert("train.speed");
  driver->click(along("train.speed", 0.55));
  EXPECT_GT(settings().train_speed, 20.0);
  type_into("train.batch", "10");
  EXPECT_EQ(settings().train_batch, 10);
  use("train.batch.plus");
  EXPECT_EQ(settings().train_batch, 11);
  use("train.batch.minus");
  EXPECT_EQ(settings().train_batch, 10);
  use("train.w0.random");
  ASSERT_TRUE(settings().train_w0.has_value());
  type_into("train.w0", "0.25");
  EXPECT_EQ(settings().train_w0.value_or(0), 0.25);
  use("train.w0.random");
  EXPECT_FALSE(settings().train_w0.has_value());

  // View.
  for (const char* key : {"view.truth", "view.points", "view.average", "view.nadaraya_watson",
                          "view.parametric", "view.presentation"})
    toggles(key);
  choose_each("attention.estimator");
  choose_each("view.colormap");
  choose_each("view.legend");
  type_into("view.font_size", "18");
  EXPECT_EQ(settings().view_font_size, 18.0);
  use("view.font_size.minus");
  EXPECT_EQ(settings().view_font_size, 17.0);
  use("view.font_size.plus");
  EXPECT_EQ(settings().view_font_size, 18.0);
  ASSERT_TRUE(set_setting(s(), "view.query", "12"));
  driver->frames(2);
  used.insert("view.query");  // a read-out, with its Clear button
  use("view.clear_query");
  EXPECT_EQ(settings().view_query, -1);

  // Sections fold and unfold.
  for (const char* section :
       {"section.view", "section.training", "section.kernel", "section.data"}) {
    use(section);
    use(section);
  }

  // The bottom figure's tabs.
  use("view.bottom.kernels");
  driver->frames(2);
  EXPECT_EQ(settings().view_bottom, BottomView::Kernels);
  use("view.bottom.training");
  driver->frames(2);
  EXPECT_EQ(settings().view_bottom, BottomView::Training);

  // Each figure's Export button: every format, saved where its File field says.
  const auto export_each = [&](const std::string& view) {
    for (const char* format : {"SVG", "PDF", "CSV", "PNG"}) {
      use("export." + view);
      driver->frames(2);
      use("export." + view + ".format");
      use("export." + view + ".format=" + format);
      if (std::string(format) == "PNG") {
        used.insert("export." + view + ".scale");
        driver->click(along("export." + view + ".scale", 0.05));
      }
      use("export." + view + ".save");
      EXPECT_FALSE(s().status.error) << s().status.text;
    }
    for (const char* ext : {".png", ".svg", ".pdf", ".csv"})
      EXPECT_TRUE(std::filesystem::exists(dir / (view + ext))) << view << ext;
    use("export." + view);
    driver->frames(2);
    used.insert("export." + view + ".path");
    use("export." + view + ".cancel");
  };
  export_each("regression");
  export_each("attention");
  export_each("loss");
  use("view.bottom.kernels");
  driver->frames(2);
  export_each("kernels");
  use("view.bottom.training");
  driver->frames(2);

  // Menus, and the prompts they open.
  menu_item("menu.file", "menu.file.save_session");
  EXPECT_EQ(s().prompt_open, PathPrompt::SaveSession);
  answer_prompt("saved.json");
  EXPECT_TRUE(std::filesystem::exists(dir / "saved.json"));
  ASSERT_TRUE(set_setting(s(), "kernel", "laplace"));
  menu_item("menu.file", "menu.file.open_session");
  answer_prompt("saved.json");
  EXPECT_EQ(settings().kernel, Kernel::Gaussian) << s().status.text;
  menu_item("menu.file", "menu.file.open_csv");
  EXPECT_EQ(s().prompt_open, PathPrompt::OpenCsv);
  driver->escape();
  EXPECT_EQ(s().prompt_open, PathPrompt::None);
  std::filesystem::create_directories(dir / "all");
  menu_item("menu.file", "menu.file.export_all");
  EXPECT_EQ(s().prompt_open, PathPrompt::ExportAll);
  driver->frames(2);
  for (const char* f : {"pdf", "csv", "png", "svg"}) {
    use("prompt.format");
    use(std::string("prompt.format=") + f);
  }
  answer_prompt("all");
  EXPECT_TRUE(std::filesystem::exists(dir / "all" / "attention.svg")) << s().status.text;
  menu_item("menu.file", "menu.file.export_all");
  driver->frames(2);
  use("prompt.format");
  use("prompt.format=png");
  used.insert("prompt.scale");
  driver->click(along("prompt.scale", 0.05));
  EXPECT_EQ(s().export_all.scale, 1);
  answer_prompt("all");
  EXPECT_TRUE(std::filesystem::exists(dir / "all" / "loss.png"));

  s().lab.add_point(1.0, 1.0);
  driver->frames(2);
  menu_item("menu.edit", "menu.edit.undo");
  EXPECT_FALSE(s().lab.points_edited());
  menu_item("menu.edit", "menu.edit.redo");
  EXPECT_TRUE(s().lab.points_edited());

  menu_item("menu.view", "menu.view.presentation");
  EXPECT_TRUE(settings().view_presentation);
  menu_item("menu.view", "menu.view.presentation");
  EXPECT_FALSE(settings().view_presentation);
  menu_item("menu.view", "menu.view.controls");
  EXPECT_FALSE(s().show_controls);
  menu_item("menu.view", "menu.view.controls");
  EXPECT_TRUE(s().show_controls);
  s().regression.limits.resize(1);
  s().regression.limits[0] = AxisLimits{0, 1, 0, 1};
  menu_item("menu.view", "menu.view.fit");
  EXPECT_TRUE(s().regression.limits.empty());
  ASSERT_TRUE(set_setting(s(), "view.query", "3"));
  menu_item("menu.edit", "menu.edit.clear_query");
  EXPECT_EQ(settings().view_query, -1);

  const int epochs = settings().train_epochs;
  menu_item("menu.training", "menu.training.add_one");
  EXPECT_EQ(settings().train_epochs, epochs + 1);
  menu_item("menu.training", "menu.training.play");
  EXPECT_TRUE(s().playing);
  menu_item("menu.training", "menu.training.play");
  EXPECT_FALSE(s().playing);
  menu_item("menu.training", "menu.training.reset");
  EXPECT_EQ(settings().train_epochs, 0);
  // The Transformer lab: its tab, the shipped models, a model file, the input, its views.
  use("app.lab.transformer");
  driver->frames(3);
  EXPECT_EQ(settings().app_lab, AppLab::Transformer);
  EXPECT_NE(settings().model_path.find("phrases.safetensors"), std::string::npos)
      << "the lab opens with the shipped phrase model";
  use("model.reverse");
  EXPECT_NE(settings().model_path.find("reverse.safetensors"), std::string::npos);
  EXPECT_EQ(settings().input_src, "1 2 3 4 5 6 7 8");
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
  for (const char* section :
       {"section.input", "section.model", "section.decoding", "section.attention"}) {
    use(section);
    use(section);
  }
  export_each("transformer-attention");
  export_each("transformer-next-token");
  use("view.tf_bottom.logits");
  EXPECT_EQ(settings().view_tf_bottom, TransformerBottom::Logits);
  export_each("transformer-logits");
  use("view.tf_bottom.next-token");
  EXPECT_EQ(settings().view_tf_bottom, TransformerBottom::NextToken);
  export_each("transformer-query-steps");

  // Training in the window, on a small model (its steps take a millisecond or two).
  for (const auto& [key, value] :
       std::vector<std::pair<std::string, std::string>>{{"tf.d_model", "16"},
                                                        {"tf.heads", "2"},
                                                        {"tf.layers", "1"},
                                                        {"tf.ffn", "32"},
                                                        {"tf.batch", "16"},
                                                        {"tf.seed", "2"},
                                                        {"tf.speed", "0"}}) {
    type_into(key, value);
    EXPECT_EQ(find_setting(key)->get(settings()), value) << key;
    use(key + ".plus");
    EXPECT_NE(find_setting(key)->get(settings()), value) << key;
    use(key + ".minus");
    EXPECT_EQ(find_setting(key)->get(settings()), value) << key;
  }
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
  export_each("transformer-training");
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

  // The Bahdanau lab: model.path holds the Transformer's phrase model, so it shows its shipped
  // model; the shipped model button, a bad file, decoding step by step, the key, its views, and
  // training a small model in the window.
  use("app.lab.bahdanau");
  driver->frames(3);
  EXPECT_EQ(settings().app_lab, AppLab::Bahdanau);
  use("bahdanau.shipped");
  EXPECT_NE(settings().model_path.find("bahdanau.safetensors"), std::string::npos);
  EXPECT_EQ(settings().app_lab, AppLab::Bahdanau);
  use("bahdanau.open");
  answer_prompt(AL_TEST_DATA "/bad_binary.bin");
  EXPECT_NE(settings().model_path.find("bahdanau.safetensors"), std::string::npos);
  EXPECT_TRUE(s().status.error);
  ASSERT_TRUE(set_setting(s(), "input.src", "i'm home ."));
  type_into("decode.max_steps", "10");
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
  for (const char* section :
       {"section.bahdanau_model", "section.bahdanau_input", "section.bahdanau_decoding"}) {
    use(section);
    use(section);
  }
  export_each("bahdanau-weights");
  export_each("bahdanau-alignment");
  export_each("bahdanau-score");
  for (const auto& [key, value] :
       std::vector<std::pair<std::string, std::string>>{{"bahdanau.hiddens", "8"},
                                                        {"bahdanau.layers", "1"},
                                                        {"bahdanau.batch", "64"},
                                                        {"bahdanau.seed", "2"},
                                                        {"bahdanau.speed", "0"}}) {
    type_into(key, value);
    EXPECT_EQ(find_setting(key)->get(settings()), value) << key;
    use(key + ".plus");
    EXPECT_NE(find_setting(key)->get(settings()), value) << key;
    use(key + ".minus");
    EXPECT_EQ(find_setting(key)->get(settings()), value) << key;
  }
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
  export_each("bahdanau-training");
  toggles("bahdanau.show_training");
  use("bahdanau.reset");
  driver->frames(3);
  EXPECT_EQ(epoch_points(), 0u);
  use("section.bahdanau_training");
  use("section.bahdanau_training");

  use("app.lab.positional-encoding");
  driver->frames(3);
  EXPECT_EQ(settings().app_lab, AppLab::PositionalEncoding);
  for (const auto& [key, value] :
       std::vector<std::pair<std::string, std::string>>{{"pe.dim", "16"}, {"pe.positions", "40"}}) {
    type_into(key, value);
    EXPECT_EQ(find_setting(key)->get(settings()), value) << key;
    use(key + ".plus");
    EXPECT_NE(find_setting(key)->get(settings()), value) << key;
    use(key + ".minus");
    EXPECT_EQ(find_setting(key)->get(settings()), value) << key;
  }
  for (const char* key : {"pe.position", "pe.column", "pe.delta"}) {
    const std::string before = find_setting(key)->get(settings());
    used.insert(key);
    driver->click(along(key, 0.4));  // within the slider (the recorded rect holds its label)
    EXPECT_NE(find_setting(key)->get(settings()), before) << key;
  }
  for (const char* section : {"section.pe_about", "section.pe_table", "section.pe_follow"}) {
    use(section);
    use(section);
  }
  for (const char* view : {"positional-encoding", "positional-encoding-offsets",
                           "positional-encoding-rotation", "positional-encoding-binary"})
    export_each(view);
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
  export_each("positional-encoding-learned");
  choose("view.pe_bottom", "binary");

  use("app.lab.self-attention");
  driver->frames(3);
  EXPECT_EQ(settings().app_lab, AppLab::SelfAttention);
  for (const auto& [key, value] :
       std::vector<std::pair<std::string, std::string>>{{"sa.pairs", "3"},
                                                        {"sa.keys", "6"},
                                                        {"sa.values", "5"},
                                                        {"sa.dim", "12"},
                                                        {"sa.batch", "16"},
                                                        {"sa.seed", "2"},
                                                        {"sa.speed", "0"}}) {
    type_into(key, value);
    EXPECT_EQ(find_setting(key)->get(settings()), value) << key;
    use(key + ".plus");
    EXPECT_NE(find_setting(key)->get(settings()), value) << key;
    use(key + ".minus");
    EXPECT_EQ(find_setting(key)->get(settings()), value) << key;
  }
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
    export_each(view);
  use("sa.reset");
  for (int i = 0; i < 100 && sa_points() != 1; ++i) driver->wait(0.05);
  EXPECT_EQ(sa_points(), 1u);
  use("sa.defaults");
  EXPECT_EQ(settings().sa_pairs, 4);
  EXPECT_EQ(settings().sa_step_steps, 10);
  for (const char* section :
       {"section.sa_about", "section.sa_training", "section.sa_example", "section.sa_task"}) {
    use(section);
    use(section);
  }

  // The scoring lab: typed vectors, the preset, every function, the sliders, the parameter
  // table, and the plane's points dragged, added and deleted.
  use("app.lab.scoring");
  driver->frames(3);
  EXPECT_EQ(settings().app_lab, AppLab::Scoring);
  const auto lab_view = [&](const std::string& name) -> FigureView& {
    for (FigureView* v : current_lab(s()).views(s()))
      if (v->name == name) return *v;
    ADD_FAILURE() << "no view " << name;
    return *current_lab(s()).views(s()).front();
  };
  const auto plane_at = [&](double x, double y) {
    return testing::whole(lab_view("scoring-plane").layout.panels.at(0).to_pixel(x, y));
  };
  driver->move(plane_at(1.0, 0.0));  // key 0, dragged to (0.5, 0.5)
  driver->press();
  for (int i = 1; i <= 4; ++i) driver->move(plane_at(1.0 - 0.125 * i, 0.125 * i));
  driver->release();
  EXPECT_NEAR(settings().scoring_keys.at(0, 0), 0.5, 0.02);
  driver->click(plane_at(2.0, 2.0));
  EXPECT_EQ(settings().scoring_keys.count(), 5);
  driver->move(plane_at(settings().scoring_keys.at(4, 0), settings().scoring_keys.at(4, 1)));
  driver->input.right = true;
  driver->frames(1);
  driver->input.right = false;
  driver->frames(2);
  EXPECT_EQ(settings().scoring_keys.count(), 4);
  choose("scoring.preset", "book");
  EXPECT_EQ(settings().scoring_keys.count(), 10);
  choose("scoring.preset", "plane");
  type_into("scoring.queries", "1,0;0,1");
  EXPECT_EQ(settings().scoring_queries.count(), 2);
  type_into("scoring.keys", "1,0;0,1;1,1");
  EXPECT_EQ(settings().scoring_keys.count(), 3);
  type_into("scoring.values", "5,6,7");
  EXPECT_EQ(settings().scoring_values, (std::vector<double>{5, 6, 7}));
  for (const char* key : {"scoring.temperature", "scoring.valid_len"}) {
    const std::string before = find_setting(key)->get(settings());
    used.insert(key);
    driver->click(along(key, 0.2));
    EXPECT_NE(find_setting(key)->get(settings()), before) << key;
  }
  choose_each("scoring.function");
  for (const char* function : {"additive", "general"}) {
    choose("scoring.function", function);
    driver->frames(2);
    // Every parameter entry, dragged a little to the right.
    std::vector<std::string> entries;
    for (const auto& [name, rect] : s().controls.rects)
      if (name.starts_with("scoring.w")) entries.push_back(name);
    ASSERT_FALSE(entries.empty()) << function;
    for (const std::string& entry : entries) {
      const std::string key = entry.substr(0, entry.find('.', std::string("scoring.w").size()));
      const std::string before = find_setting(key)->get(settings());
      used.insert(entry);
      const fig::Vec2 from = center(entry);
      driver->move(from);
      driver->press();
      driver->move({from.x + 12, from.y});
      driver->release();
      EXPECT_NE(find_setting(key)->get(settings()), before) << entry;
    }
    use("scoring.randomise");
    EXPECT_TRUE(settings().scoring_w_q.empty());
    EXPECT_TRUE(settings().scoring_w.empty());
  }
  choose("scoring.function", "additive");
  type_into("scoring.hidden", "4");
  EXPECT_EQ(settings().scoring_hidden, 4);
  use("scoring.hidden.plus");
  EXPECT_EQ(settings().scoring_hidden, 5);
  use("scoring.hidden.minus");
  type_into("scoring.seed", "3");
  use("scoring.seed.plus");
  EXPECT_EQ(settings().scoring_seed, 4u);
  use("scoring.seed.minus");
  EXPECT_EQ(settings().scoring_seed, 3u);
  for (const char* view : {"scoring-plane", "scoring", "scoring-query"}) export_each(view);
  use("scoring.clear");
  EXPECT_EQ(settings().scoring_query, -1);
  use("scoring.defaults");
  EXPECT_EQ(static_cast<const ScoringSettings&>(settings()), ScoringSettings{});
  for (const char* section : {"section.scoring_about", "section.scoring_scene",
                              "section.scoring_function", "section.scoring_follow"}) {
    use(section);
    use(section);
  }
  choose("scoring.function", "general");
  use("section.scoring_parameters");
  use("section.scoring_parameters");
  use("scoring.defaults");

  // The attention-as-a-kernel lab.
  use("app.lab.kernel-identity");
  driver->frames(3);
  EXPECT_EQ(settings().app_lab, AppLab::KernelIdentity);
  for (const auto& [key, value] :
       std::vector<std::pair<std::string, std::string>>{{"identity.dim", "3"},
                                                        {"identity.n_queries", "5"},
                                                        {"identity.n_keys", "7"},
                                                        {"identity.seed", "2"}}) {
    type_into(key, value);
    EXPECT_EQ(find_setting(key)->get(settings()), value) << key;
    use(key + ".plus");
    EXPECT_NE(find_setting(key)->get(settings()), value) << key;
    use(key + ".minus");
    EXPECT_EQ(find_setting(key)->get(settings()), value) << key;
  }
  type_into("identity.queries", "1,0;0,2");
  EXPECT_EQ(settings().identity_queries.count(), 2);
  type_into("identity.keys", "1,1;3,0");
  EXPECT_EQ(settings().identity_keys.count(), 2);
  use("identity.random");
  EXPECT_TRUE(settings().identity_queries.empty());
  ASSERT_TRUE(set_setting(s(), "identity.query", "1"));
  driver->frames(2);
  use("identity.clear");
  EXPECT_EQ(settings().identity_query, -1);
  for (const char* view : {"kernel-identity", "kernel-identity-nw"}) export_each(view);
  use("identity.defaults");
  EXPECT_EQ(static_cast<const KernelIdentitySettings&>(settings()), KernelIdentitySettings{});
  for (const char* section :
       {"section.identity_about", "section.identity_vectors", "section.identity_follow"}) {
    use(section);
    use(section);
  }

  use("app.lab.kernel-regression");
  driver->frames(3);
  EXPECT_EQ(settings().app_lab, AppLab::KernelRegression);

  menu_item("menu.file", "menu.file.quit");
  EXPECT_TRUE(app->should_close());

  // Nothing on screen was left unused.
  for (const std::string& name : seen)
    EXPECT_TRUE(used.count(name)) << "control '" << name << "' appeared but was not tested";
}

}  // namespace
}  // namespace al::gui
