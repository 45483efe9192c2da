// Masked cross-entropy, its gradient and the token accuracy in one pass over the rows.
#include "engine/transformer/loss.hpp"

#include <cmath>

namespace al::tf {

template <class S>
LossResult cross_entropy(const Mat<S>& logits, std::span<const int> labels, Mat<S>* dlogits) {
  LossResult r;
  for (int label : labels) r.tokens += label >= 0 ? 1 : 0;
  if (dlogits) dlogits->setZero(logits.rows(), logits.cols());
  if (r.tokens == 0) return r;
  double total = 0.0;
  for (Eigen::Index n = 0; n < logits.rows(); ++n) {
    const int label = labels[static_cast<std::size_t>(n)];
    if (label < 0) continue;
    Eigen::Index best = 0;
    const S max = logits.row(n).maxCoeff(&best);
    r.correct += best == label ? 1 : 0;
    // log Σ exp(z − max) + max − z_label, in double for the float model's sake
    double sum = 0.0;
    for (Eigen::Index v = 0; v < logits.cols(); ++v) sum += std::exp(double(logits(n, v) - max));
    total += std::log(sum) + double(max) - double(logits(n, label));
    if (dlogits) {
      const double inv_tokens = 1.0 / r.tokens;
      for (Eigen::Index v = 0; v < logits.cols(); ++v)
        (*dlogits)(n, v) = static_cast<S>(std::exp(double(logits(n, v) - max)) / sum * inv_tokens);
      (*dlogits)(n, label) -= static_cast<S>(inv_tokens);
    }
  }
  r.loss = total / r.tokens;
  return r;
}

template LossResult cross_entropy(const Mat<float>&, std::span<const int>, Mat<float>*);
template LossResult cross_entropy(const Mat<double>&, std::span<const int>, Mat<double>*);

}  // namespace al::tf
