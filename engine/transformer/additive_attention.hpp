// Additive attention for one sequence (D2L §11.3, spec §4): the score of query i and key j is
//   a(q_i, k_j) = w_vᵀ tanh(W_q q_i + W_k k_j)        W_q (h, dq), W_k (h, dk), w_v (1, h), no
//   biases
// followed by the masked softmax over keys and a weighted sum of the values. Queries and keys may
// have different sizes. (Bahdanau's decoder uses this class with one query per step.)
#pragma once

#include <span>
#include <string>
#include <vector>

#include "engine/rng.hpp"
#include "engine/transformer/dot_product_attention.hpp"
#include "engine/transformer/linear.hpp"

namespace al::tf {

template <class S>
struct AdditiveAttention {
  Linear<S> W_q;  // dq → h, no bias
  Linear<S> W_k;  // dk → h, no bias
  Linear<S> w_v;  // h → 1, no bias

  struct Cache {
    Mat<S> Q, K, V;         // (nq, dq), (nk, dk), (nk, dv) inputs
    Mat<S> Qp, Kp;          // (nq, h), (nk, h) projections
    Mat<S> scores;          // (nq, nk) raw scores, before the mask
    Mat<S> weights;         // (nq, nk) attention weights
    std::vector<int> lens;  // nq valid lengths, or empty
  };

  void init(int query_size, int key_size, int hidden, Rng& rng);

  // Q' = Q W_qᵀ;  K' = K W_kᵀ;  S_ij = Σ_h w_v[h] tanh(Q'_ih + K'_jh);  P = masked_softmax(S);  O =
  // P V
  Mat<S> forward(const Mat<S>& Q, const Mat<S>& K, const Mat<S>& V, std::span<const int> lens,
                 Cache& cache) const;
  // dV = Pᵀ dO;  dS = masked_softmax_backward(P, dO Vᵀ);  with t = tanh(Q'_i + K'_j):
  //   dw_v += dS_ij t;  g = dS_ij w_v ⊙ (1 − t²);  dQ'_i += g;  dK'_j += g;  then back through W_q,
  //   W_k.
  AttentionGrads<S> backward(const Cache& cache, const Mat<S>& dO);

  // One query's scores (no scaling: scale = 1), for a step-by-step view.
  QueryScores<S> explain(const Cache& cache, int query) const;

  template <class F>
  void visit(const std::string& prefix, F&& f) {
    W_q.visit(prefix + "W_q.", f);
    W_k.visit(prefix + "W_k.", f);
    w_v.visit(prefix + "w_v.", f);
  }
};

}  // namespace al::tf
