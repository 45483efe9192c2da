// The Transformer engine's matrix products, through the product compiled for this CPU's widest
// vectors (engine/isa/kernels.hpp) rather than Eigen built for the portable baseline.
#pragma once

#include <Eigen/Core>
#include <type_traits>

#include "engine/isa/kernels.hpp"

namespace al::tf {

enum class Op { plain, transposed };

// C = alpha op(A) op(B), or C += ... when `accumulate`. A, B and C are row-major matrices or
// blocks of them (Mat, MatRef, middleRows, block, ...) with contiguous rows.
template <class XC, class XA, class XB>
void matmul(XC&& c, const XA& a, Op op_a, const XB& b, Op op_b,
            typename std::decay_t<XC>::Scalar alpha = 1, bool accumulate = false) {
  static_assert(std::decay_t<XA>::IsRowMajor && std::decay_t<XB>::IsRowMajor &&
                std::decay_t<XC>::IsRowMajor);
  eigen_assert(a.innerStride() == 1 && b.innerStride() == 1 && c.innerStride() == 1);
  const bool ta = op_a == Op::transposed, tb = op_b == Op::transposed;
  eigen_assert((ta ? a.cols() : a.rows()) == c.rows() && (tb ? b.rows() : b.cols()) == c.cols());
  eigen_assert((ta ? a.rows() : a.cols()) == (tb ? b.cols() : b.rows()));
  gemm(Gemm<typename std::decay_t<XC>::Scalar>{
      .m = c.rows(),
      .n = c.cols(),
      .k = ta ? a.rows() : a.cols(),
      .a = a.data(),
      .lda = a.outerStride(),
      .transpose_a = ta,
      .b = b.data(),
      .ldb = b.outerStride(),
      .transpose_b = tb,
      .c = c.data(),
      .ldc = c.outerStride(),
      .alpha = alpha,
      .accumulate = accumulate,
  });
}

}  // namespace al::tf
