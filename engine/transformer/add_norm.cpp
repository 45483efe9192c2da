// Forward and backward of the residual connection with post- or pre-norm.
#include "engine/transformer/add_norm.hpp"

namespace al::tf {

template <class S>
Mat<S> AddNorm<S>::sublayer_input(const Mat<S>& X, Cache& cache) const {
  if (placement == NormPlacement::Post) return X;
  return norm.forward(X, cache.ln);
}

template <class S>
Mat<S> AddNorm<S>::output(const Mat<S>& X, const Mat<S>& F, Cache& cache, Dropout* dropout) const {
  cache.drop = dropout_mask<S>(dropout, F.rows(), F.cols());
  Mat<S> sum = F;
  apply_mask(cache.drop, sum);
  sum += X;
  if (placement == NormPlacement::Pre) return sum;
  return norm.forward(sum, cache.ln);
}

// post: d(X + F ⊙ M) = LN'(dOut), shared by both branches;  pre: both receive dOut.
// The sublayer's branch then goes back through the mask: dF = d(F ⊙ M) ⊙ M.
template <class S>
void AddNorm<S>::output_backward(const Cache& cache, const Mat<S>& dOut, Mat<S>& dX, Mat<S>& dF) {
  dF = placement == NormPlacement::Post ? norm.backward(cache.ln, dOut) : dOut;
  dX = dF;
  apply_mask(cache.drop, dF);
}

// post: the sublayer read X itself;  pre: it read LN(X).
template <class S>
void AddNorm<S>::sublayer_input_backward(const Cache& cache, const Mat<S>& dIn, Mat<S>& dX) {
  dX += placement == NormPlacement::Post ? dIn : norm.backward(cache.ln, dIn);
}

template struct AddNorm<float>;
template struct AddNorm<double>;

}  // namespace al::tf
