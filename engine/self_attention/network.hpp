// The tiny self-attention network of seed 004, in double (it is small enough that float buys
// nothing, and the finite-difference tests check the very code that trains):
//
//   x_t = E[tok_t] + C[tok_(t-1)]          token embedding + context embedding (tok_(-1) = <s>)
//   q_t = W_q x_t + b_q,  k_t = W_k x_t + b_k,  v_t = W_v x_t + b_v
//   P   = softmax(Q Kᵀ / √d)               row t: how much position t attends to each position
//   y_t = Σ_j P_tj v_j                     the attention-weighted sum ("glimpse")
//   z   = W_o y_(T-1) + b_o                logits over the vocabulary (but <s>), at the last token
//
// Why a context embedding and no position embedding: in associative recall the pair's place
// carries no information, so absolute positions would only be something to learn to ignore. What
// the answer needs is which key a value belongs to, i.e. the token just before it. The context
// embedding C gives each token that one piece of order ("the Embedding layer for the context" of
// seed 004): the value 7 after the key a enters as E[7] + C[a], so the query at the last token
// (E[a] + C[?]) can find it with one dot product, and v of that position carries the 7 out.
// Without C, one layer of attention could not tell which value follows which key.
//
// A batch is B sequences of T tokens stacked as B·T rows (tensor.hpp's layout); attention works
// on each sequence's block of rows. Every position attends to every position (no mask): the loss
// reads only the last row, the lab shows them all.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "engine/rng.hpp"
#include "engine/self_attention/recall_task.hpp"
#include "engine/transformer/embedding.hpp"
#include "engine/transformer/linear.hpp"

namespace al::sa {

using Mat = tf::Mat<double>;

struct Network {
  tf::Embedding<double> token;    // E (vocab, d)
  tf::Embedding<double> context;  // C (vocab, d): row of the previous token
  // d → d, with biases as the seed's nn.Linear. The key's bias b_k adds q·b_k to a whole row of
  // scores, which the softmax ignores: it never learns (its gradient is 0), as in PyTorch.
  tf::Linear<double> query, key, value;
  tf::Linear<double> output;  // d → vocab.outputs() (every token but <s>)

  // Xavier-uniform weights from `rng`, zero biases.
  void init(int vocab, int outputs, int dim, Rng& rng);
  int dim() const { return token.dim(); }
  int vocab_size() const { return token.count(); }

  template <class F>
  void visit(F&& f) {
    token.visit("token.", f);
    context.visit("context.", f);
    query.visit("query.", f);
    key.visit("key.", f);
    value.visit("value.", f);
    output.visit("output.", f);
  }
};

// Everything the forward pass made, kept for the backward pass and for the lab's views.
struct Pass {
  int batch = 0, length = 0;        // B sequences of T tokens
  std::vector<int> tokens, before;  // (B·T) each token's id and its previous token's (or <s>)
  Mat X, Q, K, V;                   // (B·T, d)
  std::vector<Mat> weights;         // B of (T, T): P of each sequence
  Mat Y;                            // (B·T, d) attention output
  Mat H;                            // (B, d) the last row of each sequence's Y
  Mat logits;                       // (B, vocab.outputs())
};

// Sequences of equal length (a batch of generated examples, or one typed example).
Pass forward(const Network& net, std::span<const Example> examples, const Vocab& vocab);

// Adds dL/dθ to every parameter's grad, given dL/dlogits (B, vocab.outputs()).
void backward(Network& net, const Pass& pass, const Mat& dlogits);

}  // namespace al::sa
