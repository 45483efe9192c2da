// Multi-head attention in the book's layout (D2L §11.5, spec §6), batched:
//   Q = Xq W_qᵀ (+b), K = Xkv W_kᵀ (+b), V = Xkv W_vᵀ (+b)       all (rows, d)
//   head j of sequence b: scaled dot-product attention on columns [j·d/h, (j+1)·d/h) of its rows,
//   scaled by 1/√(d/h);   Y = concat_j(head_j) W_oᵀ (+b)
// Biases are off by default as in the book; PyTorch's nn.MultiheadAttention has them
// (in_proj_bias). Xq holds B sequences of Tq rows each and Xkv B sequences of Tk rows (see
// tensor.hpp). Valid lengths are one per query row (masked_softmax.hpp), or none. In training,
// dropout (dropout.hpp) drops attention weights of each head before they multiply V.
//
// Incremental decoding keeps each sequence's projected keys and values in a KvCache, so a new token
// costs one row of projections instead of the whole prefix.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "engine/rng.hpp"
#include "engine/transformer/dot_product_attention.hpp"
#include "engine/transformer/dropout.hpp"
#include "engine/transformer/linear.hpp"

namespace al::tf {

template <class S>
struct MultiHeadAttention {
  int num_heads = 1;
  Linear<S> W_q, W_k, W_v, W_o;  // each d → d

  struct Cache {
    int batch = 0;
    Mat<S> Xq, Xkv;  // (B·Tq, d), (B·Tk, d) inputs
    Mat<S> Q, K, V;  // projections, same shapes
    std::vector<Mat<S>>
        weights;  // B·h matrices (Tq, Tk); index b·h + j as the book's (B·h, Tq, Tk)
    std::vector<Mat<S>> drops;  // dropout masks of the weights, indexed alike (empty: none)
    std::vector<int> lens;      // B·Tq valid lengths, or empty
    Mat<S> heads;               // (B·Tq, d) concatenated head outputs, before W_o
    int tq() const { return static_cast<int>(Xq.rows()) / batch; }
    int tk() const { return static_cast<int>(Xkv.rows()) / batch; }
    const Mat<S>& weight(int b, int head, int head_count) const {
      return weights[static_cast<std::size_t>(b * head_count + head)];
    }
    // The dropout mask of unit u = b·h + j, or null when the forward dropped nothing.
    const Mat<S>* drop(int u) const {
      return drops.empty() ? nullptr : &drops[static_cast<std::size_t>(u)];
    }
  };

  // Projected keys and values of one sequence so far: (positions, d) each.
  struct KvCache {
    Mat<S> K, V;
    int size() const { return static_cast<int>(K.rows()); }
  };

  void init(int d, int heads, bool bias, Rng& rng);
  int d_model() const { return W_q.out(); }
  int head_dim() const { return d_model() / num_heads; }

  // (B·Tq, d), (B·Tk, d) → (B·Tq, d); records everything backward() and explain() need.
  // `dropout`: training mode (null: inference).
  Mat<S> forward(const Mat<S>& Xq, const Mat<S>& Xkv, int batch, std::span<const int> lens,
                 Cache& cache, Dropout* dropout = nullptr) const;
  // Accumulates parameter gradients; returns dL/dXq and dL/dXkv (add them for self-attention).
  void backward(const Cache& cache, const Mat<S>& dY, Mat<S>& dXq, Mat<S>& dXkv);

  // Query `query` of sequence `b`, head `head`: raw q·k, scaled by 1/√(d/h), masked, softmax.
  QueryScores<S> explain(const Cache& cache, int b, int head, int query) const;

  // Appends the key and value projections of new rows X (n, d) of one sequence to `kv`.
  void append_kv(KvCache& kv, const Mat<S>& X) const;
  // Attention of the rows Xq (nq, d) of one sequence over everything in `kv`; `lens` (nq entries or
  // empty) masks keys as in forward(). Writes the h weight matrices (nq, kv.size()) to `weights`.
  Mat<S> forward_cached(const Mat<S>& Xq, const KvCache& kv, std::span<const int> lens,
                        std::vector<Mat<S>>& weights) const;

  template <class F>
  void visit(const std::string& prefix, F&& f) {
    W_q.visit(prefix + "W_q.", f);
    W_k.visit(prefix + "W_k.", f);
    W_v.visit(prefix + "W_v.", f);
    W_o.visit(prefix + "out_proj.", f);
  }
};

}  // namespace al::tf
