// The kernels in log space and as plain values, at hand-picked u.
#include "engine/kernel_regression/kernels.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace al {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

TEST(Kernels, LogValues) {
  EXPECT_DOUBLE_EQ(log_kernel(Kernel::Gaussian, 2.0), -2.0);  // -u^2/2
  EXPECT_DOUBLE_EQ(log_kernel(Kernel::Gaussian, -1.0), -0.5);
  EXPECT_EQ(log_kernel(Kernel::Boxcar, 0.999), 0.0);
  EXPECT_EQ(log_kernel(Kernel::Boxcar, 1.0), -kInf);  // strict |u| < 1, as the book's code
  EXPECT_EQ(log_kernel(Kernel::Boxcar, -1.0), -kInf);
  EXPECT_EQ(log_kernel(Kernel::Constant, 1e6), 0.0);
  EXPECT_DOUBLE_EQ(log_kernel(Kernel::Epanechnikov, 0.5), std::log(0.5625));  // 3/4 (1 - 1/4)
  EXPECT_EQ(log_kernel(Kernel::Epanechnikov, 1.0), -kInf);
  EXPECT_DOUBLE_EQ(log_kernel(Kernel::Triangular, -0.25), std::log(0.75));
  EXPECT_EQ(log_kernel(Kernel::Triangular, 1.5), -kInf);
  EXPECT_DOUBLE_EQ(log_kernel(Kernel::Laplace, -3.0), -3.0);  // -|u|
}

TEST(Kernels, PlainValues) {
  EXPECT_DOUBLE_EQ(kernel_value(Kernel::Gaussian, 1.0), std::exp(-0.5));
  EXPECT_EQ(kernel_value(Kernel::Gaussian, 0.0), 1.0);
  EXPECT_EQ(kernel_value(Kernel::Boxcar, 0.5), 1.0);
  EXPECT_EQ(kernel_value(Kernel::Boxcar, 1.0), 0.0);
  EXPECT_EQ(kernel_value(Kernel::Constant, -7.0), 1.0);
  EXPECT_DOUBLE_EQ(kernel_value(Kernel::Epanechnikov, 0.0), 0.75);
  EXPECT_DOUBLE_EQ(kernel_value(Kernel::Triangular, 0.5), 0.5);
  EXPECT_EQ(kernel_value(Kernel::Triangular, -2.0), 0.0);
  EXPECT_DOUBLE_EQ(kernel_value(Kernel::Laplace, 2.0), std::exp(-2.0));
}

TEST(Kernels, CompactSupport) {
  EXPECT_TRUE(has_compact_support(Kernel::Boxcar));
  EXPECT_TRUE(has_compact_support(Kernel::Epanechnikov));
  EXPECT_TRUE(has_compact_support(Kernel::Triangular));
  EXPECT_FALSE(has_compact_support(Kernel::Gaussian));
  EXPECT_FALSE(has_compact_support(Kernel::Constant));
  EXPECT_FALSE(has_compact_support(Kernel::Laplace));
}

}  // namespace
}  // namespace al
