// The kernel identity: RBF and magnitude by hand, their normalised product equal to the softmax of
// the scaled dot products to rounding (also where the magnitude overflows), the RBF alone equal
// only for keys of one norm, and the Gaussian Nadaraya–Watson weights equal to the RBF of d = 1.
#include "engine/mechanisms/kernel_identity.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "engine/settings.hpp"

namespace al::identity {
namespace {

TEST(KernelIdentity, RbfAndMagnitudeByHand) {
  // q = (1, 0), k = (0, 1), d = 2: q·k = 0, ‖q − k‖² = 2, ‖q‖² + ‖k‖² = 2, 2√d = 2√2.
  Mat Q(1, 2), K(2, 2);
  Q << 1, 0;
  K << 0, 1, 2, 0;
  const Identity id = kernel_identity(Q, K);
  const double c = 1.0 / std::sqrt(2.0);
  EXPECT_NEAR(id.rbf(0, 0), std::exp(-c), 1e-15);
  EXPECT_NEAR(id.magnitude(0, 0), std::exp(c), 1e-15);
  // k = (2, 0): ‖q − k‖² = 1, ‖q‖² + ‖k‖² = 5.
  EXPECT_NEAR(id.rbf(0, 1), std::exp(-1.0 / (2 * std::sqrt(2.0))), 1e-15);
  EXPECT_NEAR(id.magnitude(0, 1), std::exp(5.0 / (2 * std::sqrt(2.0))), 1e-14);
  // q·k/√d = 0 and 2/√2: the weights are softmax(0, √2).
  const double e = std::exp(std::sqrt(2.0));
  EXPECT_NEAR(id.dot_weights(0, 1), e / (1 + e), 1e-15);
  EXPECT_NEAR(id.product_weights(0, 1), e / (1 + e), 1e-15);
  EXPECT_LT(id.max_difference, 1e-15);
  // The keys' norms differ (1 and 2): the RBF alone is not the attention.
  EXPECT_GT(id.rbf_only_difference, 0.1);
}

TEST(KernelIdentity, ProductEqualsDotWeightsToRoundingForRandomVectors) {
  Settings s;
  for (const char* d : {"1", "4", "64", "512"}) {
    ASSERT_FALSE(apply_setting(s, "identity.dim", d));
    const auto in = inputs_of(s);
    ASSERT_TRUE(in);
    const Identity id = kernel_identity(in.value().Q, in.value().K);
    EXPECT_LT(id.max_difference, 1e-12) << "d = " << d;
    EXPECT_EQ(id.overflowed, 0);
    for (Eigen::Index i = 0; i < id.product_weights.rows(); ++i)
      EXPECT_NEAR(id.product_weights.row(i).sum(), 1.0, 1e-14);
  }
}

TEST(KernelIdentity, KeysOfOneNormMakeTheRbfAloneTheAttention) {
  // Keys on the unit circle: exp(‖k‖²/(2√d)) is the same for all, so it cancels too.
  Mat Q(2, 2), K(3, 2);
  Q << 0.3, -1.2, 2, 0.5;
  K << 1, 0, 0, 1, std::sqrt(0.5), -std::sqrt(0.5);
  const Identity id = kernel_identity(Q, K);
  EXPECT_LT(id.rbf_only_difference, 1e-15);
}

TEST(KernelIdentity, AnOverflowingMagnitudeLeavesTheProductExact) {
  // ‖q‖² = 1e4 in d = 1: M = exp(1e4 / 2) is beyond the largest double, yet the product, from
  // logarithms, is the attention.
  Mat Q(1, 1), K(2, 1);
  Q << 100;
  K << 99, 98;
  const Identity id = kernel_identity(Q, K);
  EXPECT_EQ(id.overflowed, 2);
  EXPECT_FALSE(std::isfinite(id.magnitude(0, 0)));
  EXPECT_LT(id.max_difference, 1e-12);
}

TEST(KernelIdentity, InputsAreTypedOrRandomAndBounded) {
  Settings s;
  ASSERT_FALSE(apply_setting(s, "identity.queries", "1,2,3;4,5,6"));
  auto in = inputs_of(s);
  ASSERT_TRUE(in);
  EXPECT_EQ(in.value().Q.rows(), 2);
  EXPECT_EQ(in.value().K.rows(), 8);  // identity.n_keys random keys of the queries' dimension 3
  EXPECT_EQ(in.value().K.cols(), 3);
  ASSERT_FALSE(apply_setting(s, "identity.keys", "1,2"));
  EXPECT_EQ(inputs_of(s).error(),
            "identity.keys: keys of 2 numbers and queries of 3 have no dot product");
  EXPECT_TRUE(apply_setting(s, "identity.n_keys", "257").has_value());
  EXPECT_TRUE(apply_setting(s, "identity.dim", "0").has_value());
  // The same seed gives the same vectors.
  Settings a, b;
  EXPECT_EQ(inputs_of(a).value().K, inputs_of(b).value().K);
}

TEST(KernelIdentity, GaussianNadarayaWatsonIsTheRbfWithoutMagnitude) {
  const std::vector<double> queries = {0.0, 0.5, 1.7, 3.0}, keys = {0.2, 1.0, 1.1, 2.5, 4.0};
  for (double w : {0.5, 1.0, 3.0}) {
    const auto link = nadaraya_watson_link(queries, keys, w);
    ASSERT_TRUE(link);
    // The kernel-regression lab stores its weights in float: equal to float rounding.
    EXPECT_LT(link.value().max_difference, 1e-7) << w;
    // By hand: query 0, w = 1 at key 0: exp(−0.02) / Σ exp(−(0 − k)² w² / 2).
    if (w == 1.0) {
      double sum = 0;
      for (double k : keys) sum += std::exp(-k * k / 2);
      EXPECT_NEAR(link.value().rbf_weights(0, 0), std::exp(-0.02) / sum, 1e-15);
    }
    // Dot-product attention of the same scalars is not the same: it keeps exp(k²/2).
    EXPECT_GT(link.value().dot_difference, 0.01) << w;
  }
}

}  // namespace
}  // namespace al::identity
