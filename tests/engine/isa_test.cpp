// Every instruction set's kernels (engine/isa/) on the same inputs: each against a plain loop in
// double (or long double) within the accuracy kernels.hpp states, and against each other; and the
// cap AL_MAX_ISA puts on the choice. Instruction sets this CPU lacks are skipped.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <type_traits>
#include <vector>

#include "engine/isa/kernels.hpp"
#include "engine/rng.hpp"

namespace al {
namespace {

constexpr Isa kAll[] = {Isa::baseline, Isa::avx2, Isa::avx512};

// The kernel tables this CPU can run.
std::vector<const IsaKernels*> runnable() {
  std::vector<const IsaKernels*> tables;
  for (const Isa isa : kAll)
    if (isa <= cpu_isa() && isa_kernels(isa) != nullptr) tables.push_back(isa_kernels(isa));
  return tables;
}

std::vector<double> uniform(int n, double lo, double hi, std::uint64_t seed) {
  Rng rng(seed);
  std::vector<double> v(static_cast<std::size_t>(n));
  for (double& x : v) x = rng.uniform(lo, hi);
  return v;
}

TEST(Isa, TablesAreTheirOwnAndTheActiveOneIsRunnable) {
  ASSERT_NE(isa_kernels(Isa::baseline), nullptr);
  for (const Isa isa : kAll) {
    if (isa_kernels(isa) != nullptr) {
      EXPECT_EQ(isa_kernels(isa)->isa, isa);
    }
  }
  EXPECT_LE(active_isa(), cpu_isa());
  EXPECT_EQ(kernels().isa, active_isa());
#if defined(__x86_64__)
  // Every x86-64 build has all three copies; the CPU decides which of them may run.
  for (const Isa isa : kAll) EXPECT_NE(isa_kernels(isa), nullptr) << isa_name(isa);
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) {
    EXPECT_GE(cpu_isa(), Isa::avx2);
  }
#endif
}

TEST(Isa, ExpWithinOneUlpOfStdExpOnEveryIsa) {
  // Odd length and odd offset: the vector loops' tails and unaligned starts are exercised.
  const std::vector<double> t = uniform(100003, -708.0, 0.0, 1);
  for (const IsaKernels* k : runnable()) {
    SCOPED_TRACE(isa_name(k->isa));
    std::vector<double> e = t;
    k->exp_nonpositive(e.data() + 1, static_cast<std::ptrdiff_t>(e.size()) - 1);
    EXPECT_EQ(e[0], t[0]);  // outside the range: untouched
    for (std::size_t i = 1; i < t.size(); ++i) {
      const double want = std::exp(t[i]);
      ASSERT_LE(std::abs(e[i] - want), std::nextafter(want, 1.0) - want) << "t = " << t[i];
    }
    std::vector<double> edge = {0.0, -709.0, -1e300};
    k->exp_nonpositive(edge.data(), 3);
    EXPECT_EQ(edge[0], 1.0);
    EXPECT_EQ(edge[1], 0.0);
    EXPECT_EQ(edge[2], 0.0);
  }
}

TEST(Isa, RowLoopsMatchPlainLoopsAndEachOther) {
  constexpr int kM = 1037;  // not a multiple of any vector width
  const std::vector<double> keys = uniform(kM, -3.0, 5.0, 2), y = uniform(kM, -2.0, 2.0, 3);
  const double q = 0.7, w = 1.3;
  // The key nearest q, as the caller passes it: then every t_i <= 0.
  const double k_near = *std::min_element(keys.begin(), keys.end(), [&](double x, double z) {
    return std::abs(x - q) < std::abs(z - q);
  });
  // Reference: the same formulas, one element at a time, sums in long double.
  std::vector<double> t_ref(kM);
  for (int i = 0; i < kM; ++i)
    t_ref[i] = -0.5 * w * w * (keys[i] - k_near) * ((keys[i] - q) + (k_near - q));
  std::vector<double> a(kM);
  for (int i = 0; i < kM; ++i) a[i] = std::exp(t_ref[i]);
  long double sum_ref = 0, pool_ref = 0;
  for (int i = 0; i < kM; ++i) sum_ref += a[i];
  for (int i = 0; i < kM; ++i) pool_ref += a[i] / static_cast<double>(sum_ref) * y[i];

  double first_sum = 0, first_pool = 0;
  for (const IsaKernels* k : runnable()) {
    SCOPED_TRACE(isa_name(k->isa));
    std::vector<double> weights(kM), t = t_ref;
    const double weights_sum = k->gaussian_weights(keys.data(), kM, q, k_near, w, weights.data());
    // The log-weights are separate multiplies and adds everywhere (-ffp-contract=off), so the
    // weights are this instruction set's exp_nonpositive of the same bits, within 1 ulp of exp.
    k->exp_nonpositive(t.data(), kM);
    for (int i = 0; i < kM; ++i) {
      ASSERT_EQ(weights[i], t[i]) << i;
      ASSERT_LE(std::abs(weights[i] - a[i]), std::nextafter(a[i], 1.0) - a[i]) << i;
    }
    EXPECT_EQ(weights_sum, k->sum(weights.data(), kM));

    const double s = k->sum(a.data(), kM);
    EXPECT_NEAR(s, static_cast<double>(sum_ref), 1e-14 * static_cast<double>(sum_ref));
    std::vector<float> stored(kM);
    const double pooled = k->normalise_and_pool(a.data(), y.data(), stored.data(), kM, s);
    EXPECT_NEAR(pooled, static_cast<double>(pool_ref), 1e-13);
    for (int i = 0; i < kM; ++i) ASSERT_EQ(stored[i], static_cast<float>(a[i] * (1.0 / s))) << i;
    // The order of the additions depends only on m, so every instruction set adds alike.
    if (k == runnable().front()) {
      first_sum = s;
      first_pool = pooled;
    }
    EXPECT_EQ(s, first_sum);
    EXPECT_EQ(pooled, first_pool);
  }
}

TEST(Isa, GaussianWeightsOfEveryLengthStopAtTheirEndAndSumAsSumDoes) {
  // Every tail length of the vector loops (0 to 15 past a multiple of 16), with a guard after the
  // last weight that must stay untouched; a NaN query gives NaN weights (its row is undefined).
  const std::vector<double> keys = uniform(40, -1.0, 1.0, 5);
  for (const IsaKernels* k : runnable()) {
    SCOPED_TRACE(isa_name(k->isa));
    for (int m = 0; m <= 40; ++m) {
      std::vector<double> a(static_cast<std::size_t>(m) + 1, -7.0);
      const double s = k->gaussian_weights(keys.data(), m, 0.1, keys[0], 2.0, a.data());
      EXPECT_EQ(a[static_cast<std::size_t>(m)], -7.0) << m;
      EXPECT_EQ(s, k->sum(a.data(), m)) << m;
      if (m == 0) {
        EXPECT_EQ(s, 0.0);
      }
    }
    std::vector<double> a(keys.size());
    const double nan = std::numeric_limits<double>::quiet_NaN();
    EXPECT_TRUE(std::isnan(k->gaussian_weights(keys.data(), 19, nan, keys[0], 2.0, a.data())));
    EXPECT_TRUE(std::isnan(a[3]));
    std::vector<double> t = {-1.0, nan, -800.0};
    k->exp_nonpositive(t.data(), 3);
    EXPECT_DOUBLE_EQ(t[0], std::exp(-1.0));
    EXPECT_TRUE(std::isnan(t[1]));
    EXPECT_EQ(t[2], 0.0);
  }
}

TEST(Isa, SoftmaxExpMatchesDoubleAndIsTheSameOnEveryIsa) {
  constexpr int kN = 61;  // seven full groups of eight and a tail of five
  std::vector<float> z(kN);
  Rng rng(4);
  for (float& x : z) x = static_cast<float>(rng.uniform(-100.0, 3.0));
  z[5] = 3.0f;  // the shift: e^0 = 1
  const float shift = 3.0f;
  std::vector<float> first;
  for (const IsaKernels* k : runnable()) {
    SCOPED_TRACE(isa_name(k->isa));
    std::vector<float> e = z;
    const float total = k->exp_shifted(e.data(), kN, shift);
    double want_total = 0;
    for (int j = 0; j < kN; ++j) {
      // z - shift rounded to float, as the kernel's first step: the rest is the exponential's.
      const double x = z[j] - shift;
      // Below log(smallest normal float) exactly 0; elsewhere within a few float ulps.
      const double want = x < std::log(std::numeric_limits<float>::min()) ? 0.0 : std::exp(x);
      want_total += static_cast<float>(want);
      if (want == 0.0)
        ASSERT_EQ(e[j], 0.0f) << j;
      else
        ASSERT_NEAR(e[j], want, 1e-6 * want) << j;
    }
    EXPECT_EQ(e[5], 1.0f);
    EXPECT_NEAR(total, want_total, 1e-6 * want_total);
    if (first.empty()) first = e;
    EXPECT_EQ(e, first);
  }
}

// C = alpha op(A) op(B) (+ C) in long double, one entry at a time, with the magnitude
// Σ |alpha a b| that bounds the rounding of any order of summation.
template <class S>
void check_gemm(const IsaKernels& k, bool ta, bool tb, bool accumulate, double tolerance) {
  constexpr int m = 37, n = 29, kk = 67, pad = 3;  // row strides larger than the rows
  const int a_rows = ta ? kk : m, a_cols = ta ? m : kk, b_rows = tb ? n : kk, b_cols = tb ? kk : n;
  const std::vector<double> a_d = uniform(a_rows * (a_cols + pad), -1, 1, 5),
                            b_d = uniform(b_rows * (b_cols + pad), -1, 1, 6),
                            c_d = uniform(m * (n + pad), -1, 1, 7);
  const std::vector<S> a(a_d.begin(), a_d.end()), b(b_d.begin(), b_d.end());
  std::vector<S> c(c_d.begin(), c_d.end());
  const S alpha = S(0.75);
  const auto at = [&](int i, int j) {
    return ta ? a[j * (a_cols + pad) + i] : a[i * (a_cols + pad) + j];
  };
  const auto bt = [&](int i, int j) {
    return tb ? b[j * (b_cols + pad) + i] : b[i * (b_cols + pad) + j];
  };
  std::vector<long double> want(c.size()), bound(c.size());
  for (int i = 0; i < m; ++i)
    for (int j = 0; j < n; ++j) {
      const std::size_t o = static_cast<std::size_t>(i * (n + pad) + j);
      long double s = 0, mag = 0;
      for (int p = 0; p < kk; ++p) {
        s += static_cast<long double>(at(i, p)) * bt(p, j);
        mag += std::abs(static_cast<long double>(at(i, p)) * bt(p, j));
      }
      want[o] = alpha * s + (accumulate ? c[o] : 0);
      bound[o] = alpha * mag + std::abs(c[o]);
    }
  const Gemm<S> g{m,  n,        kk,      a.data(), a_cols + pad, ta, b.data(), b_cols + pad,
                  tb, c.data(), n + pad, alpha,    accumulate};
  if constexpr (std::is_same_v<S, float>)
    k.gemm_float(g);
  else
    k.gemm_double(g);
  for (int i = 0; i < m; ++i)
    for (int j = 0; j < n + pad; ++j) {
      const std::size_t o = static_cast<std::size_t>(i * (n + pad) + j);
      if (j >= n) {
        ASSERT_EQ(c[o], static_cast<S>(c_d[o])) << "padding written at " << i << ", " << j;
        continue;
      }
      ASSERT_NEAR(static_cast<double>(c[o]), static_cast<double>(want[o]),
                  tolerance * static_cast<double>(bound[o]))
          << i << ", " << j << " transposed " << ta << tb << " accumulate " << accumulate;
    }
}

TEST(Isa, ProductsMatchALongDoubleLoopOnEveryIsa) {
  for (const IsaKernels* k : runnable()) {
    SCOPED_TRACE(isa_name(k->isa));
    for (const bool ta : {false, true})
      for (const bool tb : {false, true})
        for (const bool accumulate : {false, true}) {
          // A few roundings of each type's epsilon, relative to Σ |terms|.
          check_gemm<float>(*k, ta, tb, accumulate, 1e-6);
          check_gemm<double>(*k, ta, tb, accumulate, 1e-15);
        }
  }
}

TEST(Isa, CapParsesTheThreeNamesAndRefusesOthers) {
  EXPECT_FALSE(parse_isa_cap(nullptr).value().has_value());
  EXPECT_FALSE(parse_isa_cap("").value().has_value());
  for (const Isa isa : kAll) EXPECT_EQ(parse_isa_cap(isa_name(isa)).value(), isa);
  for (const char* bad : {"AVX2", "avx", "sse2", "avx512 "}) {
    const auto cap = parse_isa_cap(bad);
    ASSERT_FALSE(cap.ok()) << bad;
    EXPECT_NE(cap.error().find("AL_MAX_ISA"), std::string::npos) << cap.error();
    EXPECT_NE(cap.error().find("is not one of baseline|avx2|avx512"), std::string::npos)
        << cap.error();
  }
}

TEST(Isa, CapLowersTheChoiceButNeverRaisesIt) {
  EXPECT_EQ(capped_isa(std::nullopt), cpu_isa());
  EXPECT_EQ(capped_isa(Isa::baseline), Isa::baseline);
  EXPECT_EQ(capped_isa(Isa::avx2), std::min(Isa::avx2, cpu_isa()));
  EXPECT_EQ(capped_isa(Isa::avx512), cpu_isa());
}

}  // namespace
}  // namespace al
