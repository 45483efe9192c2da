// The vectorised e^t against the standard library over the whole range the kernels use.
#include "engine/vector_exp.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace al {
namespace {

TEST(VectorExp, WithinOneUlpOfStdExp) {
  constexpr int kN = 1000001;
  Eigen::ArrayXd t(kN);
  for (int i = 0; i < kN; ++i) t[i] = -708.0 * i / (kN - 1);
  Eigen::ArrayXd e = t;
  exp_nonpositive(e);
  for (int i = 0; i < kN; ++i) {
    const double want = std::exp(t[i]);
    const double ulp = std::nextafter(want, 1.0) - want;
    ASSERT_LE(std::abs(e[i] - want), ulp) << "t = " << t[i];
  }
}

TEST(VectorExp, ExactAtZeroAndZeroFarBelow) {
  Eigen::ArrayXd t(6);
  t << 0.0, -0.0, -709.0, -1e4, -1e300, -std::numeric_limits<double>::infinity();
  exp_nonpositive(t);
  EXPECT_EQ(t[0], 1.0);
  EXPECT_EQ(t[1], 1.0);
  for (int i = 2; i < 6; ++i) EXPECT_EQ(t[i], 0.0) << i;
}

TEST(VectorExp, SubnormalResultsAreTinyOrZero) {
  Eigen::ArrayXd t = Eigen::ArrayXd::LinSpaced(1000, -708.99, -708.0);
  exp_nonpositive(t);
  for (double v : t) {
    EXPECT_GE(v, 0.0);
    EXPECT_LE(v, std::exp(-708.0) * (1 + 1e-15));
  }
}

}  // namespace
}  // namespace al
