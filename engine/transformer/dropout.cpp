// Drawing dropout masks and applying them.
#include "engine/transformer/dropout.hpp"

namespace al::tf {

// M_ij = [u_ij ≥ p] / (1 − p): u is uniform on a 2^-53 grid, so P(drop) = p to within 2^-53.
template <class S>
Mat<S> Dropout::draw(Eigen::Index rows, Eigen::Index cols) {
  const S keep = static_cast<S>(1.0 / (1.0 - p_));
  Mat<S> mask(rows, cols);
  for (Eigen::Index i = 0; i < mask.size(); ++i)
    mask.data()[i] = rng_.uniform() >= p_ ? keep : S(0);
  return mask;
}

template <class S>
Mat<S> dropout_mask(Dropout* d, Eigen::Index rows, Eigen::Index cols) {
  return dropping(d) ? d->draw<S>(rows, cols) : Mat<S>();
}

template <class S>
void apply_mask(const Mat<S>& mask, Mat<S>& X) {
  if (mask.size() != 0) X.array() *= mask.array();
}

#define AL_INSTANTIATE(S)                                                \
  template Mat<S> Dropout::draw<S>(Eigen::Index, Eigen::Index);          \
  template Mat<S> dropout_mask<S>(Dropout*, Eigen::Index, Eigen::Index); \
  template void apply_mask<S>(const Mat<S>&, Mat<S>&);
AL_INSTANTIATE(float)
AL_INSTANTIATE(double)
#undef AL_INSTANTIATE

}  // namespace al::tf
