// Nadaraya–Watson and average pooling against hand-computed weights, undefined rows, numerical
// safety at extreme widths, the book's softmax form, and independence of threads, windows and
// the way large matrices are written. Weights are stored in float: they are checked to float
// rounding; predictions are computed from the double weights and keep double tolerances.
#include "engine/kernel_regression/nadaraya_watson.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "engine/kernel_regression/kernels.hpp"
#include "engine/rng.hpp"

namespace al {
namespace {

// Keys 0, 1, 3 with values 1, 2, 4: small enough to do by hand.
const std::vector<double> kKeys{0.0, 1.0, 3.0};
const std::vector<double> kValues{1.0, 2.0, 4.0};

// Rounding to float moves a value by at most 2^-24 of itself (6e-8 leaves room for the double
// weight's own last bits); an exact 0 stays 0.
double float_tolerance(double weight) {
  return 6e-8 * std::abs(weight);
}

void expect_row(const Estimate& e, int row, std::vector<double> weights, double prediction) {
  for (std::size_t i = 0; i < weights.size(); ++i)
    EXPECT_NEAR(e.weights(row, static_cast<Eigen::Index>(i)), weights[i],
                float_tolerance(weights[i]))
        << "key " << i;
  EXPECT_NEAR(e.prediction[row], prediction, 1e-14);
}

TEST(NadarayaWatson, GaussianByHand) {
  // q = 0.5, w = 1: u = -0.5, 0.5, 2.5, K = e^-1/8, e^-1/8, e^-25/8. Dividing by e^-1/8:
  // weights 1, 1, e^-3 over 2 + e^-3; f = (1 + 2 + 4 e^-3) / (2 + e^-3).
  const double e3 = std::exp(-3.0), z = 2.0 + e3;
  expect_row(nadaraya_watson({0.5}, kKeys, kValues, Kernel::Gaussian, 1.0), 0,
             {1 / z, 1 / z, e3 / z}, (3.0 + 4.0 * e3) / z);
  // w = 2: u = -1, 1, 5, K = e^-1/2, e^-1/2, e^-25/2: weights 1, 1, e^-12 over 2 + e^-12.
  const double e12 = std::exp(-12.0), z2 = 2.0 + e12;
  expect_row(nadaraya_watson({0.5}, kKeys, kValues, Kernel::Gaussian, 2.0), 0,
             {1 / z2, 1 / z2, e12 / z2}, (3.0 + 4.0 * e12) / z2);
  // Only |w| matters: w = -2 is the same kernel.
  expect_row(nadaraya_watson({0.5}, kKeys, kValues, Kernel::Gaussian, -2.0), 0,
             {1 / z2, 1 / z2, e12 / z2}, (3.0 + 4.0 * e12) / z2);
}

TEST(NadarayaWatson, BoxcarByHandWithTheBoundaryExcluded) {
  // q = 0.5: |u| = 0.5, 0.5, 2.5 -> keys 0 and 1 inside: weights 1/2, 1/2, 0; f = 1.5.
  expect_row(nadaraya_watson({0.5}, kKeys, kValues, Kernel::Boxcar, 1.0), 0, {0.5, 0.5, 0.0}, 1.5);
  // q = 0: |u| = 0, 1, 3 -> |u| = 1 is outside (strict <), so only key 0: f = 1.
  expect_row(nadaraya_watson({0.0}, kKeys, kValues, Kernel::Boxcar, 1.0), 0, {1.0, 0.0, 0.0}, 1.0);
  // q = 2, w = 0.5: |u| = 1, 0.5, 0.5 -> keys 1 and 3: f = (2 + 4) / 2 = 3.
  expect_row(nadaraya_watson({2.0}, kKeys, kValues, Kernel::Boxcar, 0.5), 0, {0.0, 0.5, 0.5}, 3.0);
}

TEST(NadarayaWatson, EpanechnikovByHandItsThreeQuartersCancel) {
  // q = 0.25: u = -0.25, 0.75, 2.75; 1 - u^2 = 15/16, 7/16, (outside) 0. The 3/4 cancels:
  // weights 15/22, 7/22, 0; f = (15 + 14) / 22 = 29/22.
  expect_row(nadaraya_watson({0.25}, kKeys, kValues, Kernel::Epanechnikov, 1.0), 0,
             {15.0 / 22.0, 7.0 / 22.0, 0.0}, 29.0 / 22.0);
}

TEST(NadarayaWatson, TriangularByHand) {
  // q = 0.25: 1 - |u| = 0.75, 0.25, 0 -> weights 3/4, 1/4, 0; f = 0.75 + 0.5 = 1.25.
  expect_row(nadaraya_watson({0.25}, kKeys, kValues, Kernel::Triangular, 1.0), 0, {0.75, 0.25, 0.0},
             1.25);
}

TEST(NadarayaWatson, LaplaceByHand) {
  // q = 0.5: |u| = 0.5, 0.5, 2.5 -> e^-|u| relative to e^-0.5: 1, 1, e^-2 over 2 + e^-2.
  const double e2 = std::exp(-2.0), z = 2.0 + e2;
  expect_row(nadaraya_watson({0.5}, kKeys, kValues, Kernel::Laplace, 1.0), 0,
             {1 / z, 1 / z, e2 / z}, (3.0 + 4.0 * e2) / z);
}

TEST(NadarayaWatson, ConstantKernelIsAveragePooling) {
  const std::vector<double> queries{-10.0, 0.5, 2.0, 100.0};
  const Estimate c = nadaraya_watson(queries, kKeys, kValues, Kernel::Constant, 1.0);
  const Estimate a = average_pooling(queries, kKeys, kValues);
  for (int r = 0; r < 4; ++r) {
    expect_row(c, r, {1.0 / 3, 1.0 / 3, 1.0 / 3}, 7.0 / 3);  // mean of 1, 2, 4
    expect_row(a, r, {1.0 / 3, 1.0 / 3, 1.0 / 3}, 7.0 / 3);
  }
  EXPECT_EQ(a.undefined_count(), 0);
}

TEST(NadarayaWatson, RowsOutOfReachOfACompactKernelAreUndefined) {
  // Boxcar at w = 1 reaches |q - k| < 1: q = 5 and q = -1 (distance exactly 1) reach no key.
  for (Kernel k : {Kernel::Boxcar, Kernel::Epanechnikov, Kernel::Triangular}) {
    const Estimate e = nadaraya_watson({0.5, 5.0, -1.0}, kKeys, kValues, k, 1.0);
    EXPECT_FALSE(std::isnan(e.prediction[0]));
    EXPECT_TRUE(std::isnan(e.prediction[1]));
    EXPECT_TRUE(std::isnan(e.prediction[2]));
    EXPECT_EQ(e.weights.row(1).cwiseAbs().sum(), 0.0);
    EXPECT_EQ(e.weights.row(2).cwiseAbs().sum(), 0.0);
    EXPECT_EQ(e.undefined_count(), 2);
  }
  // The exponential kernels reach every key, however far.
  const Estimate g = nadaraya_watson({1e6}, kKeys, kValues, Kernel::Gaussian, 1000.0);
  EXPECT_EQ(g.undefined_count(), 0);
  expect_row(g, 0, {0.0, 0.0, 1.0}, 4.0);
}

TEST(NadarayaWatson, FarQueriesKeepTheirPrecision) {
  // Keys 1e-10 apart, 1e4 from the query, w = 1000: u^2 is about 1e14, whose rounding (0.016)
  // would swamp the difference of the log weights. Factored, it is exact:
  //   (u_2^2 - u_1^2) / 2 = w^2 (k_2 - k_1)(k_1 + k_2 - 2q) / 2 = 1e6 * 1e-10 * 2e4 / 2 = 1.
  const double k1 = 1e4, k2 = 1e4 + 1e-10;
  const double t = 0.5 * 1e6 * (k2 - k1) * (k1 + k2);  // k2 - k1 is exact (Sterbenz)
  const Estimate e = nadaraya_watson({0.0}, {k1, k2}, {0.0, 1.0}, Kernel::Gaussian, 1000.0);
  const double a0 = 1.0 / (1.0 + std::exp(-t)), a1 = std::exp(-t) / (1.0 + std::exp(-t));
  EXPECT_NEAR(e.weights(0, 0), a0, float_tolerance(a0));
  EXPECT_NEAR(e.weights(0, 1), a1, float_tolerance(a1));
  EXPECT_NEAR(e.prediction[0], a1, 1e-12);  // f = 0 a0 + 1 a1, from the double weights
}

TEST(NadarayaWatson, NoKeysMeansUndefined) {
  const Estimate e = nadaraya_watson({0.0, 1.0}, {}, {}, Kernel::Gaussian, 1.0);
  EXPECT_EQ(e.undefined_count(), 2);
  EXPECT_EQ(e.weights.cols(), 0);
  EXPECT_EQ(average_pooling({0.0}, {}, {}).undefined_count(), 1);
}

// Sorted keys over [0, 1e4] and queries across (and beyond) them.
struct Spread {
  std::vector<double> keys, values, queries;
};
Spread wide_spread() {
  Spread s;
  Rng rng(3);
  for (int i = 0; i < 300; ++i) s.keys.push_back(rng.uniform(0.0, 1e4));
  std::sort(s.keys.begin(), s.keys.end());
  for (double k : s.keys) s.values.push_back(std::sin(k));
  for (int q = 0; q < 200; ++q) s.queries.push_back(-500.0 + 55.0 * q);
  return s;
}

TEST(NadarayaWatson, DefinedRowsAreDistributionsAtExtremeWidths) {
  const Spread s = wide_spread();
  for (Kernel k : {Kernel::Gaussian, Kernel::Boxcar, Kernel::Constant, Kernel::Epanechnikov,
                   Kernel::Triangular, Kernel::Laplace})
    for (double w : {1e-3, 1.0, 1e3}) {
      const Estimate e = nadaraya_watson(s.queries, s.keys, s.values, k, w);
      for (Eigen::Index r = 0; r < e.weights.rows(); ++r) {
        ASSERT_TRUE(e.weights.row(r).allFinite());
        ASSERT_GE(e.weights.row(r).minCoeff(), 0.0);
        if (std::isnan(e.prediction[r])) {
          ASSERT_TRUE(has_compact_support(k)) << "only compact kernels leave a row undefined";
          ASSERT_EQ(e.weights.row(r).sum(), 0.0);
        } else {
          ASSERT_NEAR(e.weights.row(r).cast<double>().sum(), 1.0, 1e-6)
              << name(k) << " w " << w << " row " << r;
        }
      }
      if (!has_compact_support(k)) {
        EXPECT_EQ(e.undefined_count(), 0) << name(k) << " w " << w;
      }
    }
}

TEST(NadarayaWatson, GaussianAtWOneIsTheOldEditionsSoftmax) {
  // Old edition (10.2): weights = softmax over keys of -(q - k)^2 / 2, y_hat = weights @ y.
  Rng rng(5);
  std::vector<double> keys(50), values(50), queries;
  for (double& k : keys) k = 5.0 * rng.uniform();
  std::sort(keys.begin(), keys.end());
  for (std::size_t i = 0; i < 50; ++i) values[i] = 2 * std::sin(keys[i]) + std::pow(keys[i], 0.8);
  for (int q = 0; q < 50; ++q) queries.push_back(0.1 * q);
  const Estimate e = nadaraya_watson(queries, keys, values, Kernel::Gaussian, 1.0);
  for (int q = 0; q < 50; ++q) {
    double z = 0, f = 0;
    for (double k : keys) z += std::exp(-0.5 * (queries[q] - k) * (queries[q] - k));
    for (std::size_t i = 0; i < 50; ++i) {
      const double a = std::exp(-0.5 * (queries[q] - keys[i]) * (queries[q] - keys[i])) / z;
      ASSERT_NEAR(e.weights(q, static_cast<Eigen::Index>(i)), a, float_tolerance(a));
      f += a * values[i];
    }
    ASSERT_NEAR(e.prediction[q], f, 1e-13);
  }
  // Average pooling predicts mean(y) everywhere.
  double mean = 0;
  for (double v : values) mean += v / 50.0;
  const Estimate a = average_pooling(queries, keys, values);
  for (int q = 0; q < 50; ++q) EXPECT_NEAR(a.prediction[q], mean, 1e-13);
  EXPECT_EQ(a.weights.rows(), 50);
  EXPECT_EQ(a.weights.cols(), 50);
  EXPECT_EQ(a.weights(7, 9), static_cast<float>(1.0 / 50));
}

TEST(NadarayaWatson, ThreadsDoNotChangeTheResult) {
  // 700 x 600 weights are split across threads; one query at a time runs on one thread.
  Rng rng(11);
  std::vector<double> keys(600), values(600), queries(700);
  for (double& k : keys) k = rng.uniform(0.0, 5.0);
  std::sort(keys.begin(), keys.end());
  for (double& v : values) v = rng.normal();
  for (double& q : queries) q = rng.uniform(-1.0, 6.0);
  for (Kernel k : {Kernel::Gaussian, Kernel::Boxcar, Kernel::Laplace}) {
    const Estimate all = nadaraya_watson(queries, keys, values, k, 20.0);
    for (std::size_t q = 0; q < queries.size(); q += 7) {
      const Estimate one = nadaraya_watson({queries[q]}, keys, values, k, 20.0);
      const auto r = static_cast<Eigen::Index>(q);
      ASSERT_TRUE(one.weights.row(0) == all.weights.row(r));
      ASSERT_TRUE(one.prediction[0] == all.prediction[r] ||
                  (std::isnan(one.prediction[0]) && std::isnan(all.prediction[r])));
    }
  }
}

TEST(NadarayaWatson, LargeMatricesAreWrittenLikeSmallOnes) {
  // 1100 x 1001 weights (4.4 MB) bypass the caches when written (streaming stores, from 4 MB);
  // one query's row (4 KB) is written plainly. 1001 columns put the rows at every alignment.
  Rng rng(17);
  std::vector<double> keys(1001), values(1001), queries(1100);
  for (double& k : keys) k = rng.uniform(0.0, 5.0);
  std::sort(keys.begin(), keys.end());
  for (double& v : values) v = rng.normal();
  for (double& q : queries) q = rng.uniform(-1.0, 6.0);
  for (Kernel k : {Kernel::Gaussian, Kernel::Epanechnikov}) {
    Estimate all;
    nadaraya_watson(queries, keys, values, k, 4.0, all);
    for (std::size_t q = 0; q < queries.size(); q += 13) {
      const Estimate one = nadaraya_watson({queries[q]}, keys, values, k, 4.0);
      const auto r = static_cast<Eigen::Index>(q);
      ASSERT_TRUE(one.weights.row(0) == all.weights.row(r)) << name(k) << " row " << r;
      ASSERT_TRUE(one.prediction[0] == all.prediction[r] ||
                  (std::isnan(one.prediction[0]) && std::isnan(all.prediction[r])));
    }
  }
}

TEST(NadarayaWatson, UnsortedKeysGiveTheSameWeights) {
  // Unsorted keys take the plain path over every key; sorted keys only look at the window of
  // keys that can get a weight. Both must agree (here the windows are narrow: w = 30).
  Rng rng(13);
  std::vector<double> keys(400), values(400), queries;
  for (double& k : keys) k = rng.uniform(0.0, 100.0);
  std::sort(keys.begin(), keys.end());
  for (double& v : values) v = rng.normal();
  for (int q = 0; q < 120; ++q) queries.push_back(-5.0 + 0.9 * q);
  std::vector<double> rk(keys.rbegin(), keys.rend()), rv(values.rbegin(), values.rend());
  for (Kernel k : {Kernel::Gaussian, Kernel::Epanechnikov, Kernel::Laplace}) {
    const Estimate sorted = nadaraya_watson(queries, keys, values, k, 30.0);
    const Estimate reversed = nadaraya_watson(queries, rk, rv, k, 30.0);
    EXPECT_EQ(sorted.undefined_count(), reversed.undefined_count());
    EXPECT_TRUE(sorted.weights.isApprox(reversed.weights.rowwise().reverse(), 1e-6));
    for (int q = 0; q < 120; ++q) {
      if (std::isnan(sorted.prediction[q])) continue;
      EXPECT_NEAR(sorted.prediction[q], reversed.prediction[q], 1e-13);
    }
  }
}

}  // namespace
}  // namespace al
