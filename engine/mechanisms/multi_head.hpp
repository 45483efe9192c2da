// The multi-head attention lab's numerics (D2L §11.5, spec §6), head by head so that every
// intermediate can be shown. For each sequence b of the batch, with num_hiddens d and h heads:
//   Q = X_q W_qᵀ, K = X_k W_kᵀ, V = X_v W_vᵀ                     (n, d) each, no bias (the book)
//   head j takes columns [j·d/h, (j+1)·d/h): the rows of W_q, W_k, W_v that make them are its
//   projections W_q^(j), W_k^(j), W_v^(j) (d/h × input size)
//   A_j = masked_softmax(Q_j K_jᵀ / √(d/h), valid length of b),   H_j = A_j V_j
//   output = [H_1 … H_h] W_oᵀ                                      (n_q, d)
// The softmax and the mask are the Transformer engine's (a valid length of 0 gives the book's
// uniform weights), each head is its scaled dot-product attention (dot_product_attention.hpp),
// and the result equals the engine's batched MultiHeadAttention (the book's transpose_qkv form).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/expected.hpp"
#include "engine/mechanisms/multi_head_settings.hpp"
#include "engine/transformer/tensor.hpp"

namespace al::mh {

using Mat = tf::Mat<double>;

// Everything the layer needs, resolved from the settings.
struct Problem {
  int heads = 1;
  Mat W_q, W_k, W_v;  // (d, input size of queries, keys, values), as PyTorch stores them
  Mat W_o;            // (d, d)
  // One entry per sequence of the batch: (n_q, ·), (n_k, ·), (n_k, ·).
  std::vector<Mat> queries, keys, values;
  // One per sequence, within [0, n_k]; empty: no mask.
  std::vector<int> valid_lens;

  int batch() const { return static_cast<int>(queries.size()); }
  int hiddens() const { return static_cast<int>(W_o.rows()); }
  int head_dim() const { return hiddens() / heads; }
  double scale() const;  // 1/√(d/h)
  bool masks(int b) const;
};

// One head of one sequence.
struct Head {
  Mat Q, K, V;  // (n_q, d/h), (n_k, d/h), (n_k, d/h): its columns of the projections
  Mat scores;   // (n_q, n_k) Q Kᵀ / √(d/h), before the mask
  Mat weights;  // (n_q, n_k) masked softmax of the scores: exactly 0 at masked keys
  Mat output;   // (n_q, d/h) weights · V
};

struct Sequence {
  std::vector<Head> heads;
  Mat concat;  // (n_q, d) the heads' outputs side by side, before W_o
  Mat output;  // (n_q, d) concat W_oᵀ
};

// The problem the settings describe. Fails with one line naming the key: d not divisible by h,
// values that are not one per key, valid lengths that are not one per sequence.
Expected<Problem> problem_of(const MultiHeadSettings& s);

// Rows [j·d/h, (j+1)·d/h) of a projection W (d × input size): head j's W^(j).
Mat head_rows(const Mat& W, int head, int head_dim);

// Every sequence of the batch through every head.
std::vector<Sequence> attend(const Problem& p);

}  // namespace al::mh
