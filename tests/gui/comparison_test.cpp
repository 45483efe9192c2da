// A/B comparison driven through a view's toolbar as a user would: snapshot A, change a setting,
// read B − A and its largest cell against the engine's own matrices; two pinned snapshots; shapes
// that differ refused; curves under curves; the four typical uses of the manual.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>

#include "app/figure/comparison.hpp"
#include "app/gui/actions.hpp"
#include "app/gui/lab_ui.hpp"
#include "app_driver.hpp"
#include "engine/read_file.hpp"

namespace al::gui {
namespace {

class ComparisonTest : public testing::AppTest {
 protected:
  void TearDown() override {
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }
  // Saves the window's session to `path`, then opens it again and lets its snapshots be taken.
  void save(const std::string& path) {
    save_session(s(), path);
    ASSERT_FALSE(s().status.error) << s().status.text;
  }
  void open(const std::string& path) {
    open_session(s(), path);
    ASSERT_FALSE(s().status.error) << s().status.text;
    driver->frames(8);
    EXPECT_FALSE(s().restore.pending());
  }
  // A session file in a directory of the test's own, removed when the test ends.
  std::string session_file(const std::string& name) {
    dir_ = std::filesystem::temp_directory_path() / ("al-compare-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir_);
    return (dir_ / name).string();
  }
  void set(const std::string& key, const std::string& value) {
    ASSERT_TRUE(set_setting(s(), key, value)) << key;
    driver->frames(2);
  }
  // A toolbar control (outside the scrolling column: no scrolling to it).
  void tap(const std::string& name) {
    driver->frames(1);
    const auto& rects = s().controls.rects;
    const auto it = rects.find(name);
    ASSERT_NE(it, rects.end()) << "no control " << name;
    const fig::Rect& r = it->second;
    driver->tap(testing::whole({(r.x0 + r.x1) / 2, (r.y0 + r.y1) / 2}));
    driver->frames(2);
  }
  // A/B > an entry of its popup.
  void compare_menu(const std::string& view_name, const std::string& item) {
    tap("compare." + view_name);
    tap("compare." + view_name + "." + item);
  }
  // The matrix of the view's first heatmap as the lab builds it now (no comparison).
  WeightMatrix current(FigureView& v) {
    const fig::Panel* p = fig::first_heatmap(v.compare.active() ? v.cache.live : v.cache.figure);
    EXPECT_NE(p, nullptr);
    return p ? *p->heatmap->values : WeightMatrix{};
  }
  // Checks that the view shows A, B and B − A with B − A equal to b − a cell by cell.
  void expect_difference(FigureView& v, const WeightMatrix& a, const WeightMatrix& b) {
    ASSERT_TRUE(v.cache.error.empty()) << v.cache.error;
    ASSERT_EQ(v.shown.panels.size(), 3u);
    const WeightMatrix& d = *v.shown.panels[2].heatmap->values;
    ASSERT_EQ(d.rows(), a.rows());
    ASSERT_EQ(d.cols(), a.cols());
    double largest = 0;
    for (Eigen::Index r = 0; r < a.rows(); ++r)
      for (Eigen::Index c = 0; c < a.cols(); ++c) {
        const double delta = double(b(r, c)) - double(a(r, c));
        if (std::isfinite(delta)) {
          EXPECT_NEAR(d(r, c), delta, 1e-6);
          largest = std::max(largest, std::abs(delta));
        }
      }
    EXPECT_GT(largest, 0);  // the change did change the matrix
    EXPECT_NEAR(v.shown.panels[2].heatmap->vmax, largest, 1e-6);
    EXPECT_NE(v.shown.panels[2].note.find("largest |B − A| = "), std::string::npos);
  }

 private:
  std::filesystem::path dir_;
};

TEST_F(ComparisonTest, KernelWidthNarrowAgainstWide) {
  set("app.lab", "kernel-regression");
  set("kernel.w", "0.1");
  FigureView& v = view("attention");
  const WeightMatrix a = current(v);
  compare_menu("attention", "snapshot");
  ASSERT_TRUE(v.compare.active());
  set("kernel.w", "1");
  expect_difference(v, a, current(v));
  // The CSV: query,key,a,b,difference, a row per cell.
  const std::string path = ::testing::TempDir() + "/ab-kernel.csv";
  export_view(s(), v, path, 1);
  ASSERT_FALSE(s().status.error) << s().status.text;
  auto text = read_regular_file(path, 1 << 26, "a CSV");
  ASSERT_TRUE(text) << text.error();
  const std::string& csv = text.value();
  EXPECT_EQ(csv.substr(0, csv.find('\n')), "query,key,a,b,difference");
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 1 + a.rows() * a.cols());
  // The picture as shown (the manual's image of A/B).
  const std::string png = ::testing::TempDir() + "/ab-kernel-width.png";
  export_view(s(), v, png, 1);
  ASSERT_FALSE(s().status.error) << s().status.text;
  EXPECT_GT(std::filesystem::file_size(png), 1000u);
  // Two snapshots: B pinned at w = 1 stays while w moves on.
  compare_menu("attention", "pin");
  const WeightMatrix b = current(v);
  set("kernel.w", "3");
  expect_difference(v, a, b);
  compare_menu("attention", "clear");
  EXPECT_FALSE(v.compare.active());
  EXPECT_EQ(v.shown.panels.size(), 1u);
}

TEST_F(ComparisonTest, DifferentShapesAreRefusedWithAMessage) {
  set("app.lab", "kernel-regression");
  FigureView& v = view("attention");
  compare_menu("attention", "snapshot");
  set("data.n_train", "20");
  EXPECT_NE(v.cache.error.find("matrices of different shapes do not compare"), std::string::npos)
      << v.cache.error;
  compare_menu("attention", "clear");
  EXPECT_TRUE(v.cache.error.empty());
}

TEST_F(ComparisonTest, ParametricBeforeAndAfterTrainingCurvesAndWeights) {
  set("app.lab", "kernel-regression");
  set("attention.estimator", "parametric");
  set("train.epochs", "0");
  FigureView& weights = view("attention");
  FigureView& curves = view("regression");
  const WeightMatrix a = current(weights);
  compare_menu("attention", "snapshot");
  compare_menu("regression", "snapshot");
  const std::size_t live_series = curves.cache.live.panels.at(0).series.size();
  set("train.epochs", "50");
  expect_difference(weights, a, current(weights));
  // The regression curves of before training stay drawn, dimmed, under the live ones.
  const fig::Panel& p = curves.shown.panels.at(0);
  EXPECT_GT(p.series.size(), live_series);
  EXPECT_EQ(p.series.front().label, "A (snapshot)");
  EXPECT_LT(p.series.front().color.a, 0.5f);
}

TEST_F(ComparisonTest, TransformerHeadAgainstHeadAndBeforeAndAfterTraining) {
  set("app.lab", "transformer");
  set("attention.heads", "0");
  FigureView& v = view("transformer-attention");
  const WeightMatrix head0 = current(v);
  compare_menu("transformer-attention", "snapshot");
  set("attention.heads", "3");
  expect_difference(v, head0, current(v));
  compare_menu("transformer-attention", "clear");
}

// A session keeps each comparison as the settings its snapshots were taken with; opening it takes
// them again: the same A and pinned B, in the lab they were taken in, whatever the window shows
// meanwhile, and the session's own settings once they are taken.
TEST_F(ComparisonTest, ASessionKeepsComparisonsAndOpeningItTakesThemAgain) {
  const std::string path = session_file("ab.json");
  set("app.lab", "kernel-regression");
  set("kernel.w", "0.1");
  FigureView& v = view("attention");
  const WeightMatrix a = current(v);
  compare_menu("attention", "snapshot");
  set("kernel.w", "3");
  const WeightMatrix b = current(v);
  compare_menu("attention", "pin");
  set("kernel.w", "1");
  save(path);
  const std::string saved = read_regular_file(path, 1 << 20, "a session").value();
  EXPECT_NE(saved.find("\"comparisons\""), std::string::npos) << saved;

  compare_menu("attention", "clear");
  set("app.lab", "transformer");
  set("kernel.w", "7");
  open(path);
  EXPECT_EQ(s().lab.settings().kernel_w, 1.0);
  EXPECT_EQ(s().lab.settings().app_lab, AppLab::KernelRegression);
  ASSERT_TRUE(v.compare.active());
  ASSERT_TRUE(v.compare.b.has_value());
  EXPECT_EQ(*fig::first_heatmap(*v.compare.a)->heatmap->values, a);
  EXPECT_EQ(*fig::first_heatmap(*v.compare.b)->heatmap->values, b);
  expect_difference(v, a, b);
}

// A comparison taken with other data settings than the session's own points: opening the session
// takes A with the points those settings generate, then gives the window back the session's points
// (they are in the session, not in its settings, and regenerating from the settings would lose
// them).
TEST_F(ComparisonTest, OpeningASessionKeepsItsOwnPointsWhenAComparisonHadOtherData) {
  const std::string path = session_file("points.json");
  set("app.lab", "kernel-regression");
  set("data.n_train", "20");
  FigureView& v = view("attention");
  const WeightMatrix a = current(v);
  compare_menu("attention", "snapshot");
  set("data.n_train", "30");
  s().lab.add_point(2.5, 7.0);  // the user's own point: 31 points, none of them generated
  driver->frames(2);
  const std::vector<double> own_x = s().lab.data().x, own_y = s().lab.data().y;
  ASSERT_EQ(own_x.size(), 31u);
  save(path);

  compare_menu("attention", "clear");
  set("data.n_train", "40");
  open(path);
  EXPECT_FALSE(s().status.error) << s().status.text;
  EXPECT_TRUE(s().lab.points_edited());
  EXPECT_EQ(s().lab.data().x, own_x);
  EXPECT_EQ(s().lab.data().y, own_y);
  ASSERT_TRUE(v.compare.active());
  EXPECT_EQ(*fig::first_heatmap(*v.compare.a)->heatmap->values, a);
  EXPECT_EQ(current(v).cols(), 31);
}

}  // namespace
}  // namespace al::gui
