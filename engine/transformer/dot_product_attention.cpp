// Forward and backward of scaled dot-product attention, plus the one-query explanation.
#include "engine/transformer/dot_product_attention.hpp"

#include <algorithm>
#include <cmath>

#include "engine/transformer/masked_softmax.hpp"

namespace al::tf {

template <class S>
Mat<S> dot_product_attention(MatCRef<S> Q, MatCRef<S> K, MatCRef<S> V, std::span<const int> lens,
                             Mat<S>& weights) {
  const S scale = S(1) / std::sqrt(static_cast<S>(Q.cols()));
  weights.resize(Q.rows(), K.rows());
  weights.noalias() = (Q * scale) * K.transpose();  // (nq, nk)
  masked_softmax_inplace(weights, lens);
  Mat<S> O(Q.rows(), V.cols());
  O.noalias() = weights * V;  // (nq, dv)
  return O;
}

template <class S>
AttentionGrads<S> dot_product_attention_backward(MatCRef<S> Q, MatCRef<S> K, MatCRef<S> V,
                                                 const Mat<S>& weights, std::span<const int> lens,
                                                 MatCRef<S> dO) {
  const S scale = S(1) / std::sqrt(static_cast<S>(Q.cols()));
  AttentionGrads<S> g;
  g.dV.noalias() = weights.transpose() * dO;  // (nk, dv)
  Mat<S> dP(weights.rows(), weights.cols());
  dP.noalias() = dO * V.transpose();  // (nq, nk)
  const Mat<S> dS = masked_softmax_backward(weights, dP, lens);
  g.dQ.noalias() = (dS * K) * scale;              // (nq, d)
  g.dK.noalias() = (dS.transpose() * Q) * scale;  // (nk, d)
  return g;
}

template <class S>
void finish_query_scores(QueryScores<S>& q, double scale, int valid_len) {
  const auto nk = static_cast<int>(q.raw.size());
  q.scale = scale;
  q.valid_len = valid_len < 0 ? nk : std::min(valid_len, nk);
  q.scaled = q.raw * static_cast<S>(scale);
  q.masked = q.scaled;
  q.masked.tail(nk - q.valid_len).setConstant(static_cast<S>(kMaskedScore));
  Mat<S> row = q.masked;  // softmax exactly as the forward computes it, mask already applied
  masked_softmax_inplace(row, {});
  q.weights = row.row(0);
}

template <class S>
QueryScores<S> explain_dot_product_query(MatCRef<S> Q, MatCRef<S> K, int query, int valid_len) {
  QueryScores<S> q;
  q.raw = Q.row(query) * K.transpose();
  finish_query_scores(q, 1.0 / std::sqrt(static_cast<double>(Q.cols())), valid_len);
  return q;
}

#define AL_INSTANTIATE(S)                                                                         \
  template Mat<S> dot_product_attention(MatCRef<S>, MatCRef<S>, MatCRef<S>, std::span<const int>, \
                                        Mat<S>&);                                                 \
  template AttentionGrads<S> dot_product_attention_backward(                                      \
      MatCRef<S>, MatCRef<S>, MatCRef<S>, const Mat<S>&, std::span<const int>, MatCRef<S>);       \
  template void finish_query_scores(QueryScores<S>&, double, int);                                \
  template QueryScores<S> explain_dot_product_query(MatCRef<S>, MatCRef<S>, int, int);
AL_INSTANTIATE(float)
AL_INSTANTIATE(double)
#undef AL_INSTANTIATE

}  // namespace al::tf
