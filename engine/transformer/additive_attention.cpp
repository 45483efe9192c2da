// Forward and backward of additive attention: plain loops over (query, key, hidden unit), since the
// tanh sits between the two projections and no matrix product covers it.
#include "engine/transformer/additive_attention.hpp"

#include <cmath>

#include "engine/transformer/masked_softmax.hpp"

namespace al::tf {

template <class S>
void AdditiveAttention<S>::init(int query_size, int key_size, int hidden, Rng& rng) {
  W_q.init(query_size, hidden, false, rng);
  W_k.init(key_size, hidden, false, rng);
  w_v.init(hidden, 1, false, rng);
}

template <class S>
Mat<S> AdditiveAttention<S>::forward(const Mat<S>& Q, const Mat<S>& K, const Mat<S>& V,
                                     std::span<const int> lens, Cache& cache) const {
  cache.Q = Q;
  cache.K = K;
  cache.V = V;
  cache.lens.assign(lens.begin(), lens.end());
  cache.Qp = W_q.forward(Q);
  cache.Kp = W_k.forward(K);
  const Eigen::Index nq = Q.rows(), nk = K.rows(), h = cache.Qp.cols();
  cache.scores.resize(nq, nk);
  for (Eigen::Index i = 0; i < nq; ++i)
    for (Eigen::Index j = 0; j < nk; ++j) {
      S s = 0;
      for (Eigen::Index u = 0; u < h; ++u)
        s += w_v.weight.value(0, u) * std::tanh(cache.Qp(i, u) + cache.Kp(j, u));
      cache.scores(i, j) = s;
    }
  cache.weights = masked_softmax(cache.scores, lens);
  return cache.weights * V;
}

template <class S>
AttentionGrads<S> AdditiveAttention<S>::backward(const Cache& cache, const Mat<S>& dO) {
  AttentionGrads<S> g;
  g.dV = cache.weights.transpose() * dO;
  const Mat<S> dS =
      masked_softmax_backward(cache.weights, Mat<S>(dO * cache.V.transpose()), cache.lens);
  const Eigen::Index nq = cache.Qp.rows(), nk = cache.Kp.rows(), h = cache.Qp.cols();
  Mat<S> dQp = Mat<S>::Zero(nq, h), dKp = Mat<S>::Zero(nk, h);
  for (Eigen::Index i = 0; i < nq; ++i)
    for (Eigen::Index j = 0; j < nk; ++j) {
      const S ds = dS(i, j);
      if (ds == S(0)) continue;  // masked keys pass nothing back
      for (Eigen::Index u = 0; u < h; ++u) {
        const S t = std::tanh(cache.Qp(i, u) + cache.Kp(j, u));
        w_v.weight.grad(0, u) += ds * t;
        const S gu = ds * w_v.weight.value(0, u) * (S(1) - t * t);
        dQp(i, u) += gu;
        dKp(j, u) += gu;
      }
    }
  g.dQ = W_q.backward(cache.Q, dQp);
  g.dK = W_k.backward(cache.K, dKp);
  return g;
}

template <class S>
QueryScores<S> AdditiveAttention<S>::explain(const Cache& cache, int query) const {
  QueryScores<S> q;
  q.raw = cache.scores.row(query);
  finish_query_scores(q, 1.0,
                      cache.lens.empty() ? -1 : cache.lens[static_cast<std::size_t>(query)]);
  return q;
}

template struct AdditiveAttention<float>;
template struct AdditiveAttention<double>;

}  // namespace al::tf
