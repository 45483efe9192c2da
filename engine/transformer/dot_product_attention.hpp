// Scaled dot-product attention for one sequence and one head (D2L §11.3, spec §4):
//   S = Q Kᵀ / √d,  P = masked_softmax(S, valid lengths),  O = (P ⊙ M) V
// with Q (nq, d), K (nk, d), V (nk, dv) and M an optional dropout mask (nq, nk) (dropout.hpp;
// null: none, O = P V). The weights P are returned to the caller (they are what the book stores as
// attention_weights, before dropout), and explain_query() reproduces, for one query, every
// intermediate a step-by-step view shows: raw q·k scores, scaled, masked, softmax.
#pragma once

#include <span>

#include "engine/transformer/tensor.hpp"

namespace al::tf {

// Read-only view of a matrix or of a block of one (a head's columns, a sequence's rows), and a
// writable one.
template <class S>
using MatCRef = Eigen::Ref<const Mat<S>>;
template <class S>
using MatRef = Eigen::Ref<Mat<S>>;

// Forward: returns O (nq, dv) and writes P (nq, nk) to `weights`. `lens` has nq entries or is
// empty.
template <class S>
Mat<S> dot_product_attention(MatCRef<S> Q, MatCRef<S> K, MatCRef<S> V, std::span<const int> lens,
                             Mat<S>& weights, const Mat<S>* drop = nullptr);
// The same, writing O into `out` (nq, dv): a head's block of the concatenated heads, so the
// multi-head layer makes no temporary per head. Two matrix products and the softmax in place.
template <class S>
void dot_product_attention_into(MatCRef<S> Q, MatCRef<S> K, MatCRef<S> V, std::span<const int> lens,
                                Mat<S>& weights, MatRef<S> out, const Mat<S>* drop = nullptr);

template <class S>
struct AttentionGrads {
  Mat<S> dQ, dK, dV;
};

// Backward, from the forward's P, its dropout mask M (or null) and dL/dO:
//   dV = (P ⊙ M)ᵀ dO;  dP = (dO Vᵀ) ⊙ M;  dS = masked_softmax_backward(P, dP);
//   dQ = dS K / √d;  dK = dSᵀ Q / √d
template <class S>
AttentionGrads<S> dot_product_attention_backward(MatCRef<S> Q, MatCRef<S> K, MatCRef<S> V,
                                                 const Mat<S>& weights, std::span<const int> lens,
                                                 MatCRef<S> dO, const Mat<S>* drop = nullptr);
// The same, writing into blocks dQ (nq, d), dK (nk, d), dV (nk, dv).
template <class S>
void dot_product_attention_backward_into(MatCRef<S> Q, MatCRef<S> K, MatCRef<S> V,
                                         const Mat<S>& weights, std::span<const int> lens,
                                         MatCRef<S> dO, MatRef<S> dQ, MatRef<S> dK, MatRef<S> dV,
                                         const Mat<S>* drop = nullptr);

// One query's path from scores to weights, for a step-by-step view.
template <class S>
struct QueryScores {
  RowVec<S> raw;      // (nk) q·k_j (additive attention: w_vᵀ tanh(W_q q + W_k k_j))
  RowVec<S> scaled;   // (nk) raw · scale
  RowVec<S> masked;   // (nk) scaled, with −1e6 at every key index ≥ valid_len
  RowVec<S> weights;  // (nk) softmax(masked)
  double scale = 1.0;
  int valid_len = 0;  // number of visible keys (nk when there is no mask)
};

// Scores of query row `query` of Q against all of K; `valid_len` < 0 means no mask.
template <class S>
QueryScores<S> explain_dot_product_query(MatCRef<S> Q, MatCRef<S> K, int query, int valid_len);

// Completes a QueryScores whose `raw` is filled: scaled, masked and softmax.
template <class S>
void finish_query_scores(QueryScores<S>& q, double scale, int valid_len);

}  // namespace al::tf
