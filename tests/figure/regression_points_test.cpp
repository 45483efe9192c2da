// The regression figure's training points: drawn under the curves, and smaller as there are more,
// so thousands of points neither hide the curves nor merge into one blob.
#include <gtest/gtest.h>

#include <stdexcept>

#include "app/figure/figures.hpp"

namespace al::fig {
namespace {

const Series& points_of(const Figure& f) {
  for (const Series& s : f.panels.at(0).series)
    if (s.label == "Training data") return s;
  throw std::runtime_error("no training points");
}

TEST(RegressionPoints, AreDrawnBeforeEveryCurve) {
  const Lab lab;
  const Figure f = regression_figure(lab, {});
  ASSERT_FALSE(f.panels.at(0).series.empty());
  EXPECT_EQ(f.panels.at(0).series.front().label, "Training data");
}

TEST(RegressionPoints, ShrinkWithTheirNumber) {
  const Lab book;  // 50 points: the full 3 pt
  EXPECT_DOUBLE_EQ(points_of(regression_figure(book, {})).marker_radius, 3.0);

  Settings s;
  s.data_n_train = 800;  // 3 sqrt(200 / 800) = 1.5
  s.train_epochs = 0;
  auto medium = Lab::create(s);
  ASSERT_TRUE(medium) << medium.error();
  EXPECT_DOUBLE_EQ(points_of(regression_figure(medium.value(), {})).marker_radius, 1.5);

  s.data_n_train = 5000;  // 3 sqrt(200 / 5000) = 0.6, but never below 1 pt
  auto many = Lab::create(s);
  ASSERT_TRUE(many) << many.error();
  EXPECT_DOUBLE_EQ(points_of(regression_figure(many.value(), {})).marker_radius, 1.0);
}

}  // namespace
}  // namespace al::fig
