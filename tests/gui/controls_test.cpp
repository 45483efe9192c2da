// The controls' code path: a click on the kernel.w slider changes the Nadaraya-Watson curve in
// the same frame; Export saves the figure exactly as shown (its zoom included).
#include <gtest/gtest.h>

#include <unistd.h>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/figure/export.hpp"
#include "app/figure/figures.hpp"
#include "app/gui/actions.hpp"
#include "app_driver.hpp"

namespace al::gui {
namespace {

using Controls = testing::AppTest;

const fig::Series* series_labelled(const fig::Figure& f, const std::string& prefix) {
  for (const fig::Series& s : f.panels.at(0).series)
    if (s.label.rfind(prefix, 0) == 0) return &s;
  return nullptr;
}

TEST_F(Controls, TheKernelWidthSliderChangesTheCurveInTheSameFrame) {
  AppState& s = app->state();
  ASSERT_EQ(s.lab.settings().kernel_w, 1.0);
  ASSERT_TRUE(s.controls.rects.count("kernel.w"));
  const fig::Rect slider = s.controls.rects.at("kernel.w");
  const std::vector<double> before = series_labelled(s.regression.shown, "Nadaraya")->y;

  // Press near the right end of the logarithmic slider (0.001 .. 1000): w jumps up on the press.
  driver->move(testing::whole({slider.x0 + 0.8 * slider.width(), (slider.y0 + slider.y1) / 2}));
  driver->press();
  const double w = s.lab.settings().kernel_w;
  EXPECT_GT(w, 10.0);
  // The figure built in that very frame already shows the new estimate.
  const fig::Series* nw = series_labelled(s.regression.shown, "Nadaraya");
  ASSERT_NE(nw, nullptr);
  const Eigen::VectorXd& prediction = s.lab.nadaraya_watson().prediction;
  ASSERT_EQ(nw->y.size(), static_cast<std::size_t>(prediction.size()));
  double changed = 0;
  for (std::size_t i = 0; i < nw->y.size(); ++i) {
    if (std::isfinite(prediction[i])) {
      EXPECT_DOUBLE_EQ(nw->y[i], prediction[i]);
    }
    changed = std::max(changed, std::abs(nw->y[i] - before[i]));
  }
  EXPECT_GT(changed, 0.1);
  driver->release();
}

TEST_F(Controls, ExportSavesTheFigureAsShown) {
  AppState& s = app->state();
  const fig::PanelLayout plot = s.regression.layout.panels.at(0);
  const fig::Vec2 cursor =
      testing::whole({plot.plot.x0 + 0.25 * plot.plot.width(), plot.plot.y0 + 10});
  const double a = plot.to_data(cursor).x;
  driver->wheel(cursor, 2.0f);
  driver->frames(1);
  // What is shown carries the zoom: 5 / 1.1^2 wide, about the data x under the cursor.
  const fig::Axis& x = s.regression.shown.panels.at(0).x;
  EXPECT_NEAR(x.max - x.min, 5.0 / 1.21, 1e-12);
  EXPECT_NEAR(s.regression.layout.panels.at(0).to_data(cursor).x, a, 1e-9);
  EXPECT_EQ(x.min, s.regression.layout.panels.at(0).x_min);

  const auto dir =
      std::filesystem::temp_directory_path() / ("al-gui-export-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string csv = (dir / "regression.csv").string();
  export_view(s, s.regression, csv, 1);
  EXPECT_FALSE(s.status.error) << s.status.text;
  std::ifstream in(csv);
  std::stringstream text;
  text << in.rdbuf();
  // Frames skip the table; the CSV holds the builder's numbers for the lab as shown.
  EXPECT_TRUE(s.regression.shown.table.rows.empty());
  EXPECT_EQ(text.str(),
            fig::table_to_csv(fig::regression_figure(s.lab, fig::FigureContext{}).table));

  const std::string svg = (dir / "regression.svg").string();
  export_view(s, s.regression, svg, 1);
  EXPECT_FALSE(s.status.error) << s.status.text;
  EXPECT_GT(std::filesystem::file_size(svg), 1000u);

  export_view(s, s.regression, (dir / "no-such-dir" / "r.png").string(), 1);
  EXPECT_TRUE(s.status.error);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace al::gui
