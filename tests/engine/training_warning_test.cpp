// Training that goes wrong without diverging is named: a loss that rises above its best, and a
// w so large that each prediction is its nearest key (the gradient vanishes, the loss stalls).
#include <gtest/gtest.h>

#include "engine/kernel_regression/lab.hpp"
#include "engine/kernel_regression/parametric.hpp"

namespace al {
namespace {

Lab lab_with(std::vector<std::pair<std::string, std::string>> assignments) {
  Settings s;
  EXPECT_FALSE(apply_settings(s, assignments).has_value());
  auto lab = Lab::create(s);
  EXPECT_TRUE(lab.ok());
  return std::move(lab).value();
}

TEST(TrainingWarning, TheBooksTrainingHasNone) {
  EXPECT_EQ(Lab().training_warning(), "");
  EXPECT_EQ(lab_with({{"train.epochs", "200"}}).training_warning(), "");
}

TEST(TrainingWarning, AHugeLearningRateSaturatesW) {
  const Lab lab = lab_with({{"train.lr", "1000"}, {"train.epochs", "100"}});
  ASSERT_FALSE(lab.trainer().diverged());
  EXPECT_GT(std::abs(lab.trainer().w()), 100.0);
  EXPECT_NE(lab.training_warning().find("saturated"), std::string::npos) << lab.training_warning();
}

// The case: with noise 100 the loss rises 472 k -> 766 k; SGD drives w to about -7000,
// which is saturation (the more specific diagnosis).
TEST(TrainingWarning, NoiseTheModelCannotFitIsNamed) {
  const Lab lab = lab_with({{"data.noise", "100"}, {"train.epochs", "50"}});
  const auto& h = lab.trainer().history();
  ASSERT_GE(h.size(), 2u);
  ASSERT_GT(h.back().loss, h.front().loss);
  EXPECT_NE(lab.training_warning().find("saturated"), std::string::npos)
      << lab.training_warning() << " (first loss " << h.front().loss << ", last " << h.back().loss
      << ")";
}

TEST(TrainingWarning, RisingMeansMoreThanOnePercentAboveTheBest) {
  const std::vector<double> x = {0, 1, 2, 3};  // spacing 1: w = 1 is far from saturated
  std::vector<EpochRecord> h = {{1, 100.0, 1.0}, {2, 80.0, 1.0}, {3, 80.7, 1.0}};
  EXPECT_EQ(training_warning(h, x), "");
  h.push_back({4, 81.0, 1.0});
  EXPECT_NE(training_warning(h, x).find("rose from 80 (epoch 2) to 81"), std::string::npos)
      << training_warning(h, x);
}

TEST(TrainingWarning, SaturationIsMeasuredAgainstThePointsSpacing) {
  const std::vector<double> x = {0, 0.1, 0.2, 0.3, 0.4};  // median gap 0.1
  std::vector<EpochRecord> h = {{1, 5.0, 70.0}, {2, 5.0, 79.0}};
  EXPECT_EQ(training_warning(h, x), "");  // u = 7.9 at one gap
  h.push_back({3, 5.0, -81.0});           // |w| counts: the Gaussian sees w^2
  EXPECT_NE(training_warning(h, x).find("saturated"), std::string::npos);
}

}  // namespace
}  // namespace al
