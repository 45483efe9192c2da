// Forward and backward of batched multi-head attention, and its incremental (KV-cached) form.
#include "engine/transformer/multi_head_attention.hpp"

#include <cmath>

#include "engine/transformer/row_blocks.hpp"

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
                                      std::span<const int> lens, Cache& cache,
                                      Dropout* dropout) const {
  cache.batch = batch;
  cache.Xq = Xq;
  cache.Xkv = Xkv;
  cache.lens.assign(lens.begin(), lens.end());
  const Eigen::Index d = d_model();
  cache.Q.resize(Xq.rows(), d);
  cache.K.resize(Xkv.rows(), d);
  cache.V.resize(Xkv.rows(), d);
  // Q, K, V: one pass over the cores for self-attention, one per input otherwise.
  const double per_row = static_cast<double>(d) * d;
  if (&Xq == &Xkv) {
    for_row_blocks(Xq.rows(), 3 * per_row * Xq.rows(), [&](Eigen::Index r, Eigen::Index n) {
      W_q.forward_rows(Xq, r, n, cache.Q);
      W_k.forward_rows(Xkv, r, n, cache.K);
      W_v.forward_rows(Xkv, r, n, cache.V);
    });
  } else {
    for_row_blocks(Xq.rows(), per_row * Xq.rows(),
                   [&](Eigen::Index r, Eigen::Index n) { W_q.forward_rows(Xq, r, n, cache.Q); });
    for_row_blocks(Xkv.rows(), 2 * per_row * Xkv.rows(), [&](Eigen::Index r, Eigen::Index n) {
      W_k.forward_rows(Xkv, r, n, cache.K);
      W_v.forward_rows(Xkv, r, n, cache.V);
    });
  }
  // Head j of sequence b: rows [b·Tq, (b+1)·Tq) and columns [j·dh, (j+1)·dh), written straight
  // into its block of the concatenated heads.
  const int tq = cache.tq(), tk = cache.tk(), dh = head_dim(), h = num_heads;
  cache.weights.resize(static_cast<std::size_t>(batch * h));
  cache.heads.resize(Xq.rows(), d);
  // Dropout masks are drawn here, in unit order, so they do not depend on the threads below.
  cache.drops.clear();
  if (dropping(dropout))
    for (int u = 0; u < batch * h; ++u) cache.drops.push_back(dropout->draw<S>(tq, tk));
  for_each_unit(batch * h, 2.0 * batch * h * tq * tk * dh, [&](int u) {
    const int b = u / h, j = u % h;
    const std::span<const int> rows =
        lens.empty() ? lens : lens.subspan(static_cast<std::size_t>(b * tq), tq);
    dot_product_attention_into<S>(
        cache.Q.block(b * tq, j * dh, tq, dh), cache.K.block(b * tk, j * dh, tk, dh),
        cache.V.block(b * tk, j * dh, tk, dh), rows, cache.weights[static_cast<std::size_t>(u)],
        cache.heads.block(b * tq, j * dh, tq, dh), cache.drop(u));
  });
  return W_o.forward(cache.heads);
}

template <class S>
void MultiHeadAttention<S>::backward(const Cache& cache, const Mat<S>& dY, Mat<S>& dXq,
                                     Mat<S>& dXkv) {
  const Mat<S> dHeads = W_o.backward(cache.heads, dY);
  const int tq = cache.tq(), tk = cache.tk(), dh = head_dim(), h = num_heads;
  Mat<S> dQ(cache.Q.rows(), cache.Q.cols()), dK(cache.K.rows(), cache.K.cols()),
      dV(cache.V.rows(), cache.V.cols());
  const std::span<const int> lens = cache.lens;
  for_each_unit(cache.batch * h, 4.0 * cache.batch * h * tq * tk * dh, [&](int u) {
    const int b = u / h, j = u % h;
    const std::span<const int> rows =
        lens.empty() ? lens : lens.subspan(static_cast<std::size_t>(b * tq), tq);
    dot_product_attention_backward_into<S>(
        cache.Q.block(b * tq, j * dh, tq, dh), cache.K.block(b * tk, j * dh, tk, dh),
        cache.V.block(b * tk, j * dh, tk, dh), cache.weights[static_cast<std::size_t>(u)], rows,
        dHeads.block(b * tq, j * dh, tq, dh), dQ.block(b * tq, j * dh, tq, dh),
        dK.block(b * tk, j * dh, tk, dh), dV.block(b * tk, j * dh, tk, dh), cache.drop(u));
  });
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
  const int dh = head_dim(), h = num_heads;
  Mat<S> heads(Xq.rows(), d_model());
  weights.resize(static_cast<std::size_t>(h));
  for_each_unit(h, 2.0 * h * static_cast<double>(Xq.rows()) * kv.size() * dh, [&](int j) {
    dot_product_attention_into<S>(
        Q.middleCols(j * dh, dh), kv.K.middleCols(j * dh, dh), kv.V.middleCols(j * dh, dh), lens,
        weights[static_cast<std::size_t>(j)], heads.middleCols(j * dh, dh));
  });
  return W_o.forward(heads);
}

template struct MultiHeadAttention<float>;
template struct MultiHeadAttention<double>;

}  // namespace al::tf
