// One Adam update over every parameter of a model, after global-norm clipping.
#include "engine/transformer/adam.hpp"

#include <cmath>

namespace al::tf {

template <class S>
double Adam<S>::step(std::span<Param<S>* const> params) {
  double sq = 0.0;
  for (const Param<S>* p : params) sq += p->grad.template cast<double>().squaredNorm();
  const double norm = std::sqrt(sq);
  const double scale = config_.clip > 0 && norm > config_.clip ? config_.clip / norm : 1.0;
  ++t_;
  const double c1 = 1.0 - std::pow(config_.beta1, t_), c2 = 1.0 - std::pow(config_.beta2, t_);
  for (std::size_t i = 0; i < params.size(); ++i) {
    Param<S>& p = *params[i];
    if (m_.size() <= i) {
      m_.push_back(Mat<S>::Zero(p.value.rows(), p.value.cols()));
      v_.push_back(Mat<S>::Zero(p.value.rows(), p.value.cols()));
    }
    Mat<S>& m = m_[i];
    Mat<S>& v = v_[i];
    const S b1 = static_cast<S>(config_.beta1), b2 = static_cast<S>(config_.beta2);
    const S step = static_cast<S>(config_.lr / c1), rc2 = static_cast<S>(1.0 / c2);
    const S eps = static_cast<S>(config_.eps), sc = static_cast<S>(scale);
    for (Eigen::Index k = 0; k < p.value.size(); ++k) {
      const S g = p.grad.data()[k] * sc;
      m.data()[k] = b1 * m.data()[k] + (S(1) - b1) * g;
      v.data()[k] = b2 * v.data()[k] + (S(1) - b2) * g * g;
      p.value.data()[k] -= step * m.data()[k] / (std::sqrt(v.data()[k] * rc2) + eps);
    }
  }
  return norm;
}

template class Adam<float>;
template class Adam<double>;

}  // namespace al::tf
