// Forward and backward of batched multi-head attention, and its incremental (KV-cached) form.
#include "engine/transformer/multi_head_attention.hpp"

#include <cmath>

namespace al::tf {

template <class S>
void MultiHeadAttention<S>::init(int d, int heads, bool bias, Rng& rng) {
  num_heads = heads;
  W_q.init(d, d, bias, rng);
  W_k.init(d, d, bias, rng);
  W_v.init(d, d, bias, rng);
  W_o.init(d, d, bias, rng);
}

template <class S>
Mat<S> MultiHeadAttention<S>::forward(const Mat<S>& Xq, const Mat<S>& Xkv, int batch,
                                      std::span<const int> lens, Cache& cache) const {
  cache.batch = batch;
  cache.Xq = Xq;
  cache.Xkv = Xkv;
  cache.lens.assign(lens.begin(), lens.end());
  cache.Q = W_q.forward(Xq);
  cache.K = W_k.forward(Xkv);
  cache.V = W_v.forward(Xkv);
  const int tq = cache.tq(), tk = cache.tk(), dh = head_dim();
  cache.weights.resize(static_cast<std::size_t>(batch * num_heads));
  cache.heads.resize(Xq.rows(), d_model());
  for (int b = 0; b < batch; ++b)
    for (int j = 0; j < num_heads; ++j) {
      const std::span<const int> rows =
          lens.empty() ? lens : lens.subspan(static_cast<std::size_t>(b * tq), tq);
      cache.heads.block(b * tq, j * dh, tq, dh) = dot_product_attention<S>(
          cache.Q.block(b * tq, j * dh, tq, dh), cache.K.block(b * tk, j * dh, tk, dh),
          cache.V.block(b * tk, j * dh, tk, dh), rows,
          cache.weights[static_cast<std::size_t>(b * num_heads + j)]);
    }
  return W_o.forward(cache.heads);
}

template <class S>
void MultiHeadAttention<S>::backward(const Cache& cache, const Mat<S>& dY, Mat<S>& dXq,
                                     Mat<S>& dXkv) {
  const Mat<S> dHeads = W_o.backward(cache.heads, dY);
  const int tq = cache.tq(), tk = cache.tk(), dh = head_dim();
  Mat<S> dQ(cache.Q.rows(), cache.Q.cols()), dK(cache.K.rows(), cache.K.cols()),
      dV(cache.V.rows(), cache.V.cols());
  const std::span<const int> lens = cache.lens;
  for (int b = 0; b < cache.batch; ++b)
    for (int j = 0; j < num_heads; ++j) {
      const std::span<const int> rows =
          lens.empty() ? lens : lens.subspan(static_cast<std::size_t>(b * tq), tq);
      AttentionGrads<S> g = dot_product_attention_backward<S>(
          cache.Q.block(b * tq, j * dh, tq, dh), cache.K.block(b * tk, j * dh, tk, dh),
          cache.V.block(b * tk, j * dh, tk, dh), cache.weight(b, j, num_heads), rows,
          dHeads.block(b * tq, j * dh, tq, dh));
      dQ.block(b * tq, j * dh, tq, dh) = g.dQ;
      dK.block(b * tk, j * dh, tk, dh) = g.dK;
      dV.block(b * tk, j * dh, tk, dh) = g.dV;
    }
  dXq = W_q.backward(cache.Xq, dQ);
  dXkv = W_k.backward(cache.Xkv, dK);
  dXkv += W_v.backward(cache.Xkv, dV);
}

template <class S>
QueryScores<S> MultiHeadAttention<S>::explain(const Cache& cache, int b, int head,
                                              int query) const {
  const int tq = cache.tq(), tk = cache.tk(), dh = head_dim();
  const int row = b * tq + query;
  const int valid = cache.lens.empty() ? -1 : cache.lens[static_cast<std::size_t>(row)];
  return explain_dot_product_query<S>(cache.Q.block(b * tq, head * dh, tq, dh),
                                      cache.K.block(b * tk, head * dh, tk, dh), query, valid);
}

template <class S>
void MultiHeadAttention<S>::append_kv(KvCache& kv, const Mat<S>& X) const {
  const Eigen::Index old = kv.K.rows(), n = X.rows();
  kv.K.conservativeResize(old + n, d_model());
  kv.V.conservativeResize(old + n, d_model());
  kv.K.bottomRows(n) = W_k.forward(X);
  kv.V.bottomRows(n) = W_v.forward(X);
}

template <class S>
Mat<S> MultiHeadAttention<S>::forward_cached(const Mat<S>& Xq, const KvCache& kv,
                                             std::span<const int> lens,
                                             std::vector<Mat<S>>& weights) const {
  const Mat<S> Q = W_q.forward(Xq);
  const int dh = head_dim();
  Mat<S> heads(Xq.rows(), d_model());
  weights.resize(static_cast<std::size_t>(num_heads));
  for (int j = 0; j < num_heads; ++j)
    heads.middleCols(j * dh, dh) = dot_product_attention<S>(
        Q.middleCols(j * dh, dh), kv.K.middleCols(j * dh, dh), kv.V.middleCols(j * dh, dh), lens,
        weights[static_cast<std::size_t>(j)]);
  return W_o.forward(heads);
}

template struct MultiHeadAttention<float>;
template struct MultiHeadAttention<double>;

}  // namespace al::tf
