// The hot loops, compiled once per instruction set (kernels_*.cpp) and reached through a table of
// plain function pointers, so one binary runs everywhere and uses the widest vectors the CPU has.
// Nothing here names an Eigen type: each instruction set's copy of Eigen lives in a namespace of
// its own inside its translation unit (kernels_body.inc), and only these pointers leave it.
#pragma once

#include <cstddef>

#include "engine/isa/isa.hpp"

namespace al {

// C = alpha op(A) op(B), or C += alpha op(A) op(B) when `accumulate`. Every matrix is row-major
// with `ld*` elements from one row to the next; op(X) is X, or Xᵀ when `transpose_*`. C is m × n
// and the inner dimension is k, so A is stored m × k (k × m when transposed), B k × n (n × k).
template <class S>
struct Gemm {
  std::ptrdiff_t m = 0, n = 0, k = 0;
  const S* a = nullptr;
  std::ptrdiff_t lda = 0;
  bool transpose_a = false;
  const S* b = nullptr;
  std::ptrdiff_t ldb = 0;
  bool transpose_b = false;
  S* c = nullptr;
  std::ptrdiff_t ldc = 0;
  S alpha = 1;
  bool accumulate = false;
};

struct IsaKernels {
  Isa isa;
  // t_i <- e^(t_i) for t_i <= 0 (vector_exp.hpp states the accuracy).
  void (*exp_nonpositive)(double* t, std::ptrdiff_t n);
  // The Gaussian kernel's weights relative to the key nearest q, e^(t_i) for i < m with
  //   t_i = -w^2/2 (k_i - k_near) ((k_i - q) + (k_near - q)),
  // each e^(t_i) as exp_nonpositive computes it; returns their sum as sum() adds it.
  double (*gaussian_weights)(const double* k, std::ptrdiff_t m, double q, double k_near, double w,
                             double* a);
  // Σ_i a_i, added in an order that depends only on m.
  double (*sum)(const double* a, std::ptrdiff_t m);
  // stored_i = float(a_i / sum); returns Σ_i (a_i / sum) y_i in double.
  double (*normalise_and_pool)(const double* a, const double* y, float* stored, std::ptrdiff_t m,
                               double sum);
  // z_j <- e^(z_j - shift) for j < n (every z_j <= shift), exactly 0 below the smallest normal
  // float; returns Σ_j z_j. The same bits on every instruction set.
  float (*exp_shifted)(float* z, std::ptrdiff_t n, float shift);
  // Float for speed; double for the finite-difference checks of the same code paths.
  void (*gemm_float)(const Gemm<float>& g);
  void (*gemm_double)(const Gemm<double>& g);
};

// The kernels compiled for `isa`, or nullptr when this build has none for it (not x86-64). The
// caller must check that the CPU has the instructions (cpu_isa()) before calling them.
const IsaKernels* isa_kernels(Isa isa);

// The kernels of active_isa(): what the engine uses.
const IsaKernels& kernels();

inline void gemm(const Gemm<float>& g) {
  kernels().gemm_float(g);
}
inline void gemm(const Gemm<double>& g) {
  kernels().gemm_double(g);
}

}  // namespace al
