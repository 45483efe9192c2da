// Rng: the generator the standard fixes, and our samplers on top of it. The pinned values were
// computed by an independent Python implementation of mt19937_64 and of the same samplers.
#include "engine/rng.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

namespace al {
namespace {

TEST(Rng, StandardFixesTheGenerator) {
  // [rand.predef]: the 10000th output of a default-constructed mt19937_64 is 9981545732273789042;
  // its first output (seed 5489) is 14514284786278117030.
  std::mt19937_64 g;
  EXPECT_EQ(g(), 14514284786278117030ULL);
  Rng rng(1);
  EXPECT_EQ(rng.next(), 2469588189546311528ULL);
}

TEST(Rng, UniformIsTopBitsScaled) {
  // 2469588189546311528 >> 11 = 1205853608176909, times 2^-53.
  Rng rng(1);
  EXPECT_DOUBLE_EQ(rng.uniform(), 1205853608176909.0 / 9007199254740992.0);
  EXPECT_DOUBLE_EQ(rng.uniform(), 0.13640703636619722);
  EXPECT_DOUBLE_EQ(rng.uniform(), 0.4512149038445381);
}

TEST(Rng, NormalIsBoxMullerWithTheSpareKept) {
  // u1 = 1 - 0.13387664401253263, u2 = 0.13640703636619722:
  // r = sqrt(-2 ln u1), z0 = r cos(2 pi u2), z1 = r sin(2 pi u2).
  Rng rng(1);
  EXPECT_DOUBLE_EQ(rng.normal(), 0.35099249780849107);
  EXPECT_DOUBLE_EQ(rng.normal(), 0.405290193321616);
  EXPECT_DOUBLE_EQ(rng.normal(), 1.0859449105047105);
}

TEST(Rng, UniformStaysInRangeAndNormalHasUnitMoments) {
  Rng rng(7);
  double sum = 0, sum2 = 0;
  constexpr int kN = 200000;
  for (int i = 0; i < kN; ++i) {
    const double u = rng.uniform();
    ASSERT_GE(u, 0.0);
    ASSERT_LT(u, 1.0);
    const double z = rng.normal();
    ASSERT_TRUE(std::isfinite(z));
    sum += z;
    sum2 += z * z;
  }
  EXPECT_NEAR(sum / kN, 0.0, 0.01);  // standard error 1/sqrt(2e5) = 0.0022
  EXPECT_NEAR(sum2 / kN, 1.0, 0.02);
}

}  // namespace
}  // namespace al
