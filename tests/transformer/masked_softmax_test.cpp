// Masked softmax: the book's demos and check value 3 (spec §1.4, §10), the L = 0 edge case, and the
// backward pass against finite differences.
#include "engine/transformer/masked_softmax.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "tests/transformer/gradcheck.hpp"

namespace al::tf {
namespace {

using test::MatD;

std::vector<Mat<float>> random_batch(Rng& rng) {
  std::vector<Mat<float>> X;
  for (int b = 0; b < 2; ++b) X.push_back(test::random_mat(2, 4, rng).cast<float>());
  return X;
}

TEST(MaskedSoftmax, OneDimensionalLengthsMaskWholeSequences) {
  Rng rng(1);
  const std::vector<int> lens = {2, 3};
  const auto P = masked_softmax(random_batch(rng), row_lens_1d(lens, 2));
  for (int b = 0; b < 2; ++b)
    for (int r = 0; r < 2; ++r) {
      for (int k = 0; k < 4; ++k) {
        if (k < lens[b]) {
          EXPECT_GT(P[b](r, k), 0.0f);
        } else {
          EXPECT_EQ(P[b](r, k), 0.0f);  // exactly zero, not merely small
        }
      }
      EXPECT_NEAR(P[b].row(r).sum(), 1.0f, 1e-6f);
    }
}

TEST(MaskedSoftmax, TwoDimensionalLengthsGiveTheBooksRows) {
  Rng rng(2);
  const auto P = masked_softmax(random_batch(rng), row_lens_2d({{1, 3}, {2, 4}}));
  // Check value 3: batch 0, row 0 is exactly [1, 0, 0, 0].
  EXPECT_EQ(P[0](0, 0), 1.0f);
  for (int k = 1; k < 4; ++k) EXPECT_EQ(P[0](0, k), 0.0f);
  const int expected_nonzero[2][2] = {{1, 3}, {2, 4}};
  for (int b = 0; b < 2; ++b)
    for (int r = 0; r < 2; ++r)
      for (int k = 0; k < 4; ++k) EXPECT_EQ(P[b](r, k) > 0.0f, k < expected_nonzero[b][r]);
}

TEST(MaskedSoftmax, ZeroValidLengthGivesUniformWeights) {
  Mat<float> X(1, 5);
  X << 3, -1, 7, 0.5f, 2;
  const std::vector<int> lens = {0};
  const Mat<float> P = masked_softmax(X, lens);
  for (int k = 0; k < 5; ++k) EXPECT_FLOAT_EQ(P(0, k), 0.2f);
}

TEST(MaskedSoftmax, NoMaskIsThePlainSoftmax) {
  MatD X(1, 3);
  X << 0, std::log(2.0), std::log(5.0);  // exp: 1, 2, 5 → 1/8, 2/8, 5/8
  const MatD P = masked_softmax(X, {});
  EXPECT_NEAR(P(0, 0), 0.125, 1e-15);
  EXPECT_NEAR(P(0, 1), 0.25, 1e-15);
  EXPECT_NEAR(P(0, 2), 0.625, 1e-15);
}

TEST(MaskedSoftmax, BackwardMatchesFiniteDifferences) {
  Rng rng(3);
  MatD X = test::random_mat(4, 6, rng);
  const MatD G = test::random_mat(4, 6, rng);
  const std::vector<int> lens = {6, 3, 1, 0};
  const auto loss = [&] { return test::dot_loss(masked_softmax(X, lens), G); };
  const MatD analytic = masked_softmax_backward(masked_softmax(X, lens), G, lens);
  EXPECT_LT(test::rel_error(analytic, test::numeric_grad(X, loss)), test::kGradTolerance);
  // Masked entries and the fully masked row receive exactly zero gradient.
  EXPECT_EQ(analytic.row(1).tail(3).norm(), 0.0);
  EXPECT_EQ(analytic.row(3).norm(), 0.0);
}

// The float softmax uses its own vectorised exp (four lanes and a padded tail): at every row
// length it must agree with the double one to float rounding, and flush what underflows to 0.
TEST(MaskedSoftmax, FloatMatchesDoubleAtEveryLength) {
  Rng rng(7);
  for (int n = 1; n <= 13; ++n) {
    const Mat<float> x = test::random_mat(3, n, rng, 10.0).cast<float>();
    const std::vector<int> lens = {n, std::max(1, n - 2), n / 2};
    const MatD want = masked_softmax(MatD(x.cast<double>()), lens);  // the same inputs, in double
    const Mat<float> got = masked_softmax(x, lens);
    // p = e^(z − max) / Σ: the float difference z − max is off by up to |ln p|·2⁻²⁴, so p by that
    // relative amount, on top of a few roundings.
    for (Eigen::Index i = 0; i < x.size(); ++i) {
      const double p = want.data()[i];
      const double tolerance = p > 0 ? p * (1e-6 + std::abs(std::log(p)) * 1.2e-7) : 0.0;
      EXPECT_NEAR(got.data()[i], p, tolerance) << n;
    }
  }
  // e^−100 ≈ 4e-44 is below the smallest normal float: exactly 0, as e^−200 in double is not.
  Mat<float> row(1, 3);
  row << 0.0f, -100.0f, -87.0f;
  masked_softmax_inplace(row, {});
  EXPECT_EQ(row(0, 1), 0.0f);
  EXPECT_NEAR(row(0, 2), std::exp(-87.0), 1e-6 * std::exp(-87.0));
  EXPECT_EQ(row(0, 0), 1.0f);
}

}  // namespace
}  // namespace al::tf
