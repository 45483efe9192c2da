// The positional-encoding lab's facts, checked on the engine's sinusoidal table: the book's check
// values, the rotation that moves a pair by delta positions, dot products that depend only on the
// offset, and the binary counter the book prints.
#include "engine/mechanisms/positional_encoding.hpp"

#include <gtest/gtest.h>

#include <Eigen/LU>

#include <cmath>

#include "engine/transformer/embedding.hpp"

namespace al::pe {
namespace {

TEST(PositionalEncoding, PairsAreTheTablesColumnsWithTheBooksValues) {
  const auto P = tf::sinusoidal_positions<double>(60, 32);
  // The book's d = 32 values: columns 6/7 (pair 3) at position 10, 8/9 (pair 4) at 10 and 59.
  EXPECT_NEAR(pair_at(10, 3, 32)(0), 0.978552, 1e-6);
  EXPECT_NEAR(pair_at(10, 3, 32)(1), -0.205998, 1e-6);
  EXPECT_NEAR(pair_at(10, 4, 32)(0), 0.841471, 1e-6);
  EXPECT_NEAR(pair_at(59, 4, 32)(0), -0.373877, 1e-6);
  for (int i : {0, 1, 30, 59})
    for (int j : {0, 3, 15}) {
      EXPECT_EQ(pair_at(i, j, 32)(0), P(i, 2 * j)) << i << " " << j;
      EXPECT_EQ(pair_at(i, j, 32)(1), P(i, 2 * j + 1)) << i << " " << j;
    }
}

TEST(PositionalEncoding, OneRotationMovesAPairByDeltaFromAnyPosition) {
  for (double delta : {1.0, 5.0, -3.0, 2.5})
    for (int j : {0, 3, 8}) {
      const Eigen::Matrix2d r = rotation(j, delta, 32);
      // A rotation: orthogonal with determinant 1.
      EXPECT_NEAR((r * r.transpose() - Eigen::Matrix2d::Identity()).norm(), 0.0, 1e-15);
      EXPECT_NEAR(r.determinant(), 1.0, 1e-15);
      for (double i : {0.0, 7.0, 41.0})
        EXPECT_NEAR((r * pair_at(i, j, 32) - pair_at(i + delta, j, 32)).norm(), 0.0, 1e-12)
            << "delta " << delta << " pair " << j << " at " << i;
    }
  // By hand, pair 0 (w = 1) from position 0 by pi/2: (sin 0, cos 0) = (0, 1) turns to (1, 0).
  const Eigen::Vector2d turned = rotation(0, M_PI / 2, 32) * pair_at(0, 0, 32);
  EXPECT_NEAR(turned(0), 1.0, 1e-15);
  EXPECT_NEAR(turned(1), 0.0, 1e-15);
}

TEST(PositionalEncoding, RowDotProductsDependOnlyOnTheOffset) {
  const int n = 40, d = 16;
  const auto dots = row_dot_products(tf::sinusoidal_positions<double>(n, d));
  ASSERT_EQ(dots.rows(), n);
  ASSERT_EQ(dots.cols(), n);
  // Each row has d/2 pairs of unit length: P_i . P_i = d / 2.
  for (int i = 0; i < n; ++i) EXPECT_NEAR(dots(i, i), d / 2.0, 1e-12);
  for (int i = 0; i < n; ++i)
    for (int k = 0; k < n; ++k) {
      EXPECT_NEAR(dots(i, k), dot_at_offset(i - k, d), 1e-12) << i << " " << k;
      EXPECT_NEAR(dots(i, k), dots(k, i), 1e-12);
    }
  // By hand for d = 2 (one pair, w = 1): P_i . P_k = cos(i - k).
  EXPECT_NEAR(dot_at_offset(3.0, 2), std::cos(3.0), 1e-15);
}

TEST(PositionalEncoding, RowCosinesByHand) {
  tf::Mat<double> a(3, 2);
  a << 3, 4, 0, 2, 0, 0;  // lengths 5, 2 and 0
  const auto c = row_cosines(a);
  EXPECT_DOUBLE_EQ(c(0, 0), 1.0);
  EXPECT_DOUBLE_EQ(c(0, 1), 8.0 / 10.0);
  EXPECT_DOUBLE_EQ(c(1, 0), 0.8);
  EXPECT_EQ(c(2, 0), 0.0);  // a zero row has no direction
  EXPECT_EQ(c(2, 2), 0.0);
  // P's rows all have length sqrt(d/2): the cosines are the dot products over d/2.
  const auto P = tf::sinusoidal_positions<double>(10, 8);
  EXPECT_NEAR((row_cosines(P) - row_dot_products(P) / 4.0).cwiseAbs().maxCoeff(), 0.0, 1e-14);
}

TEST(PositionalEncoding, TheBooksBinaryCounter) {
  const auto b = binary_counter(8, 3);
  // "0 in binary is 000" ... "7 in binary is 111", most significant bit first.
  const int expected[8][3] = {{0, 0, 0}, {0, 0, 1}, {0, 1, 0}, {0, 1, 1},
                              {1, 0, 0}, {1, 0, 1}, {1, 1, 0}, {1, 1, 1}};
  for (int i = 0; i < 8; ++i)
    for (int c = 0; c < 3; ++c) EXPECT_EQ(b(i, c), expected[i][c]) << i << " " << c;
}

}  // namespace
}  // namespace al::pe
