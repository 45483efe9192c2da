// The kernel-regression lab, and the shell: the menus, their prompts, and every lab of the lab bar.
#include "every_control.hpp"

namespace al::gui {
namespace {

TEST_F(EveryControl, KernelRegressionLabAndTheShell) {
  leaves_shell = false;
  watching = true;
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
  cancel_prompt();
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
  fold_each({"section.view", "section.training", "section.kernel", "section.data"});

  // The bottom figure's tabs.
  use("view.bottom.kernels");
  driver->frames(2);
  EXPECT_EQ(settings().view_bottom, BottomView::Kernels);
  use("view.bottom.training");
  driver->frames(2);
  EXPECT_EQ(settings().view_bottom, BottomView::Training);

  // Each figure's toolbar.
  view_toolbar("regression");
  view_toolbar("attention");
  view_toolbar("loss");
  use("view.bottom.kernels");
  driver->frames(2);
  view_toolbar("kernels");
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
  // File > Open lesson… (the lesson walk answers it: every_control_lesson_test.cpp).
  menu_item("menu.file", "menu.file.open_lesson");
  EXPECT_EQ(s().prompt_open, PathPrompt::OpenLesson);
  driver->escape();
  EXPECT_EQ(s().prompt_open, PathPrompt::None);
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
  menu_item("menu.view", "menu.view.contrast");
  EXPECT_TRUE(settings().view_contrast);
  menu_item("menu.view", "menu.view.contrast");
  EXPECT_FALSE(settings().view_contrast);
  menu_item("menu.view", "menu.view.controls");
  EXPECT_FALSE(settings().view_controls);
  menu_item("menu.view", "menu.view.controls");
  EXPECT_TRUE(settings().view_controls);
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
  // Every lab of the lab bar, ending where the walk began. The labs' own controls are their
  // walks' business: not watched here.
  std::vector<std::string> labs;
  for (const auto& [name, rect] : s().controls.rects)
    if (name.starts_with("app.lab.")) labs.push_back(name.substr(std::string("app.lab.").size()));
  EXPECT_GE(labs.size(), 7u);
  watching = false;
  for (const std::string& lab : labs) {
    use("app.lab." + lab);
    driver->frames(3);
    EXPECT_EQ(find_setting("app.lab")->get(settings()), lab);
  }
  show_lab("kernel-regression");

  menu_item("menu.file", "menu.file.quit");
  EXPECT_TRUE(app->should_close());
}

}  // namespace
}  // namespace al::gui
