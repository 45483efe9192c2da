// View > Book figures: every entry of the book's catalogue chosen from the menu switches to its lab
// with the book's settings (every key of its preset), so the figure is live in the window.
#include "app/figure/book_figures.hpp"
#include "every_control.hpp"

namespace al::gui {
namespace {

TEST_F(EveryControl, BookFiguresMenu) {
  walks_book_menu = true;
  watching = true;
  for (const fig::FigureInfo& info : fig::book_figures()) {
    SCOPED_TRACE(info.name);
    // A value the preset changes, so that choosing the entry is seen to apply it.
    set_setting(s(), "view.colormap", "magma");
    use("menu.view");
    driver->frames(1);
    use("menu.view.book");
    driver->frames(1);
    use("menu.view.book." + info.name);
    driver->frames(2);
    EXPECT_FALSE(s().status.error) << s().status.text;
    for (const auto& [key, value] : info.preset)
      EXPECT_EQ(find_setting(key)->get(settings()), value) << key;
    EXPECT_EQ(current_lab(s()).kind(), settings().app_lab);
  }
  // This walk answers for the menu only: the labs it passes through have walks of their own.
  std::erase_if(seen, [](const std::string& name) {
    return !book_menu_control(name) && !shell_control(name);
  });
  // The last entry (F16) shows the Transformer lab on the shipped phrase model's cross-attention.
  EXPECT_EQ(settings().app_lab, AppLab::Transformer);
  EXPECT_EQ(settings().attention_kind, TransformerAttention::Cross);
}

}  // namespace
}  // namespace al::gui
