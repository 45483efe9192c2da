// Gated recurrent units as PyTorch's nn.GRU computes them (the book's Seq2SeqEncoder and decoder
// use it). One layer, for a batch of B sequences, from the previous hidden state h (B, H) and the
// input x (B, In):
//   r = σ(W_ir x + b_ir + W_hr h + b_hr)                reset gate
//   z = σ(W_iz x + b_iz + W_hz h + b_hz)                update gate
//   n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))       candidate (r gates W_hn h + b_hn, as
//                                                       PyTorch, not h itself as the book's text)
//   h' = (1 − z) ⊙ n + z ⊙ h
// Parameters in PyTorch's layout: weight_ih (3H, In) = [W_ir; W_iz; W_in], weight_hh (3H, H) =
// [W_hr; W_hz; W_hn], bias_ih and bias_hh (3H) in the same order (1 × 3H rows here).
//
// Sequences are time-major: a sequence batch is a (T·B, ·) matrix whose rows t·B … t·B + B − 1
// hold step t of the B sequences. A layer's input part W_i· x + b_i· is one matrix product over
// all steps at once (input_gates); the recurrence is one step() per time step. The decoder, whose
// input at a step depends on the step before, calls input_gates() and step() per step.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "engine/rng.hpp"
#include "engine/transformer/tensor.hpp"

namespace al::bahdanau {

using tf::Mat;
using tf::Param;
using tf::RowVec;

template <class S>
struct GruLayer {
  Param<S> weight_ih, weight_hh;  // (3H, In), (3H, H)
  Param<S> bias_ih, bias_hh;      // (1, 3H)

  // What a step keeps for its backward pass.
  struct StepCache {
    Mat<S> h_prev;  // (B, H)
    Mat<S> r, z, n;
    Mat<S> hn;  // W_hn h + b_hn, which r multiplies
  };

  // Weights Xavier-uniform (as the book's init_seq2seq), biases U(−1/√H, 1/√H) (PyTorch's
  // default, which the book keeps).
  void init(int input, int hidden, Rng& rng);
  int input_size() const { return static_cast<int>(weight_ih.value.cols()); }
  int hidden_size() const { return static_cast<int>(weight_hh.value.cols()); }

  // GI = X W_ihᵀ + b_ih        X (N, In) → (N, 3H): the input's part of all three gates
  Mat<S> input_gates(const Mat<S>& X) const;
  // dW_ih += dGIᵀ X;  db_ih += Σ_rows dGI;  returns dX = dGI W_ih
  Mat<S> input_gates_backward(const Mat<S>& X, const Mat<S>& dGI);

  // One step from GI (B, 3H) of this step's input and h_prev (B, H); returns h' (B, H).
  Mat<S> step(const Mat<S>& GI, const Mat<S>& h_prev, StepCache& cache) const;
  // From dL/dh' (B, H): accumulates dW_hh, db_hh; returns dL/dGI of the step and sets dh_prev:
  //   dn = dh' ⊙ (1 − z);  dz = dh' ⊙ (h − n);  dh_prev = dh' ⊙ z
  //   da_n = dn ⊙ (1 − n²);  da_z = dz ⊙ z (1 − z);  da_r = da_n ⊙ hn ⊙ r (1 − r)
  //   dGI = [da_r, da_z, da_n];  dGH = [da_r, da_z, da_n ⊙ r]
  //   dW_hh += dGHᵀ h;  db_hh += Σ_rows dGH;  dh_prev += dGH W_hh
  Mat<S> step_backward(const StepCache& cache, const Mat<S>& dh, Mat<S>& dh_prev);

  template <class F>
  void visit(const std::string& prefix, const std::string& suffix, F&& f) {
    f(prefix + "weight_ih" + suffix, weight_ih);
    f(prefix + "weight_hh" + suffix, weight_hh);
    f(prefix + "bias_ih" + suffix, bias_ih);
    f(prefix + "bias_hh" + suffix, bias_hh);
  }
};

// A stack of L layers, layer k > 0 reading layer k − 1's outputs (nn.GRU(num_layers=L)).
template <class S>
struct Gru {
  std::vector<GruLayer<S>> layers;

  struct Cache {
    int batch = 0, steps = 0;
    std::vector<int> valid;      // (B) valid lengths, or empty: every step valid
    std::vector<Mat<S>> inputs;  // per layer: its input sequence (T·B, In)
    std::vector<std::vector<typename GruLayer<S>::StepCache>> steps_of;  // [layer][t]
  };

  void init(int input, int hidden, int num_layers, Rng& rng);
  int num_layers() const { return static_cast<int>(layers.size()); }

  // X (T·B, In) time-major and the initial states h0[k] (B, H) → the top layer's outputs
  // (T·B, H); `final` becomes every layer's last state (L of (B, H)), as nn.GRU's h_n.
  // With `valid` (B lengths), sequence b's steps t ≥ valid[b] are padding and leave its state as
  // it was (h_t = h_{t−1}, in every layer), as a PyTorch packed sequence: its final state is the
  // one after its last real token, whatever the padding, so a sentence gives the same state in a
  // padded batch as on its own.
  Mat<S> forward(const Mat<S>& X, int batch, const std::vector<Mat<S>>& h0,
                 std::vector<Mat<S>>& final, Cache& cache, std::span<const int> valid = {}) const;
  // From dL/d outputs (T·B, H) and dL/d final (L of (B, H)): accumulates every parameter's
  // gradient, returns dL/dX and sets dh0 (L of (B, H)).
  Mat<S> backward(const Cache& cache, const Mat<S>& dY, const std::vector<Mat<S>>& dfinal,
                  std::vector<Mat<S>>& dh0);

  // Parameters as nn.GRU names them: prefix + weight_ih_l{k}, weight_hh_l{k}, bias_ih_l{k},
  // bias_hh_l{k}, layer by layer.
  template <class F>
  void visit(const std::string& prefix, F&& f) {
    for (std::size_t k = 0; k < layers.size(); ++k)
      layers[k].visit(prefix, "_l" + std::to_string(k), f);
  }
};

}  // namespace al::bahdanau
