// A vectorised e^t for t <= 0. A libm call per element (or Eigen's exp) costs 4-5 ns here; this
// loop has no calls and no branches, so the compiler vectorises it, and on x86-64 it is also
// compiled for AVX2 + FMA and picked at load time when the CPU has them.
#include "vector_exp.hpp"

#include <array>
#include <bit>
#include <cstdint>

#if defined(__x86_64__) && defined(__GNUC__)
#define AL_CLONES_FOR_AVX2 __attribute__((target_clones("arch=x86-64-v3", "default")))
#else
#define AL_CLONES_FOR_AVX2
#endif

namespace al {
namespace {

// For t in [-709, 0]:
//   t = n ln2 + r, n = round(t / ln2), |r| <= ln2 / 2
//   e^r = sum_{k <= 13} r^k / k!      (the first omitted term is below 4e-18)
//   e^t = 2^n e^r, with 2^n built from its exponent bits. At t = -709, n = -1023: biased
//   exponent 0, so 2^n reads as 0 and so does the result.
// ln2 is split in two (Cody–Waite) so that n ln2_hi is exact and r keeps full precision.
AL_CLONES_FOR_AVX2 void exp_clamped(double* a, std::ptrdiff_t n) {
  constexpr double kShift = 0x1.8p52;  // adding it rounds to an integer, kept in the low bits
  constexpr double kLog2e = 1.4426950408889634, kLn2Hi = 0x1.62e42fee00000p-1,
                   kLn2Lo = 0x1.a39ef35793c76p-33;
  constexpr auto kInverseFactorial = [] {  // 1/k! for k = 0..13
    std::array<double, 14> f{};
    f[0] = 1.0;
    for (int k = 1; k < 14; ++k) f[k] = f[k - 1] / k;
    return f;
  }();
  for (std::ptrdiff_t i = 0; i < n; ++i) {
    const double shifted = a[i] * kLog2e + kShift;
    const double k = shifted - kShift;
    const double r = (a[i] - k * kLn2Hi) - k * kLn2Lo;
    double p = kInverseFactorial[13];
    for (int j = 12; j >= 0; --j) p = p * r + kInverseFactorial[j];
    // The low bits of `shifted` hold n in two's complement: n + 1023 is 2^n's biased exponent.
    const std::uint64_t bits = (std::bit_cast<std::uint64_t>(shifted) + 1023) << 52;
    a[i] = p * std::bit_cast<double>(bits);
  }
}

}  // namespace

void exp_nonpositive(Eigen::Ref<Eigen::ArrayXd> t) {
  // Clamped here with Eigen's SIMD max: a comparison inside the loop would stop vectorisation.
  t = t.max(-709.0);
  exp_clamped(t.data(), t.size());
}

}  // namespace al
