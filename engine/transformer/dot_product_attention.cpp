// Forward and backward of scaled dot-product attention, plus the one-query explanation.
#include "engine/transformer/dot_product_attention.hpp"

#include <algorithm>
#include <cmath>

#include "engine/transformer/masked_softmax.hpp"
#include "engine/transformer/matmul.hpp"

namespace al::tf {

// Queries are taken kQueryBlock at a time, so that block's scores (kQueryBlock × nk) are still in
// cache for the softmax and for P V: the (nq, nk) weights go through memory once instead of four
// times. The blocks depend only on nq, never on threads.
constexpr Eigen::Index kQueryBlock = 64;

template <class S>
void dot_product_attention_into(MatCRef<S> Q, MatCRef<S> K, MatCRef<S> V, std::span<const int> lens,
                                Mat<S>& weights, MatRef<S> out, const Mat<S>* drop) {
  const S scale = S(1) / std::sqrt(static_cast<S>(Q.cols()));
  weights.resize(Q.rows(), K.rows());
  for (Eigen::Index r = 0; r < Q.rows(); r += kQueryBlock) {
    const Eigen::Index n = std::min(kQueryBlock, Q.rows() - r);
    auto P = weights.middleRows(r, n);
    // (n, nk); the scale goes into the product
    matmul(P, Q.middleRows(r, n), Op::plain, K, Op::transposed, scale);
    masked_softmax_rows(weights, r, n, lens);
    if (drop) {  // (n, dv); `weights` stays P
      const Mat<S> dropped = P.cwiseProduct(drop->middleRows(r, n));
      matmul(out.middleRows(r, n), dropped, Op::plain, V, Op::plain);
    } else {
      matmul(out.middleRows(r, n), P, Op::plain, V, Op::plain);
    }
  }
}

template <class S>
Mat<S> dot_product_attention(MatCRef<S> Q, MatCRef<S> K, MatCRef<S> V, std::span<const int> lens,
                             Mat<S>& weights, const Mat<S>* drop) {
  Mat<S> O(Q.rows(), V.cols());
  dot_product_attention_into<S>(Q, K, V, lens, weights, O, drop);
  return O;
}

template <class S>
void dot_product_attention_backward_into(MatCRef<S> Q, MatCRef<S> K, MatCRef<S> V,
                                         const Mat<S>& weights, std::span<const int> lens,
                                         MatCRef<S> dO, MatRef<S> dQ, MatRef<S> dK, MatRef<S> dV,
                                         const Mat<S>* drop) {
  const S scale = S(1) / std::sqrt(static_cast<S>(Q.cols()));
  Mat<S> dS(weights.rows(), weights.cols());
  matmul(dS, dO, Op::plain, V, Op::transposed);  // dP (nq, nk), then dS in place
  if (drop) {
    const Mat<S> dropped = weights.cwiseProduct(*drop);
    matmul(dV, dropped, Op::transposed, dO, Op::plain);  // (nk, dv)
    dS.array() *= drop->array();
  } else {
    matmul(dV, weights, Op::transposed, dO, Op::plain);
  }
  masked_softmax_backward_inplace(weights, dS, lens);
  matmul(dQ, dS, Op::plain, K, Op::plain, scale);       // (nq, d)
  matmul(dK, dS, Op::transposed, Q, Op::plain, scale);  // (nk, d)
}

template <class S>
AttentionGrads<S> dot_product_attention_backward(MatCRef<S> Q, MatCRef<S> K, MatCRef<S> V,
                                                 const Mat<S>& weights, std::span<const int> lens,
                                                 MatCRef<S> dO, const Mat<S>* drop) {
  AttentionGrads<S> g{Mat<S>(Q.rows(), Q.cols()), Mat<S>(K.rows(), K.cols()),
                      Mat<S>(V.rows(), V.cols())};
  dot_product_attention_backward_into<S>(Q, K, V, weights, lens, dO, g.dQ, g.dK, g.dV, drop);
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
                                        Mat<S>&, const Mat<S>*);                                  \
  template void dot_product_attention_into(MatCRef<S>, MatCRef<S>, MatCRef<S>,                    \
                                           std::span<const int>, Mat<S>&, MatRef<S>,              \
                                           const Mat<S>*);                                        \
  template void dot_product_attention_backward_into(                                              \
      MatCRef<S>, MatCRef<S>, MatCRef<S>, const Mat<S>&, std::span<const int>, MatCRef<S>,        \
      MatRef<S>, MatRef<S>, MatRef<S>, const Mat<S>*);                                            \
  template AttentionGrads<S> dot_product_attention_backward(MatCRef<S>, MatCRef<S>, MatCRef<S>,   \
                                                            const Mat<S>&, std::span<const int>,  \
                                                            MatCRef<S>, const Mat<S>*);           \
  template void finish_query_scores(QueryScores<S>&, double, int);                                \
  template QueryScores<S> explain_dot_product_query(MatCRef<S>, MatCRef<S>, int, int);
AL_INSTANTIATE(float)
AL_INSTANTIATE(double)
#undef AL_INSTANTIATE

}  // namespace al::tf
