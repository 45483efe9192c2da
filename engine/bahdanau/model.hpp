// The book's GRU encoder–decoder with Bahdanau (additive) attention (D2L §11.4): Seq2SeqEncoder and
// Seq2SeqAttentionDecoder.
//   encoder: Embedding(V_src, E) → L-layer GRU(E → H); outputs h_1 … h_T (top layer), final
//            states (L of (B, H))
//   decoder: starts from the encoder's final states; at each step t′
//            query  q = s_{t′−1}, the decoder's previous top-layer state (the encoder's at t′ = 0)
//            c_{t′} = Σ_t α(q, h_t) h_t, α = additive attention without biases, h = H, over the
//                     source's valid positions (keys = values = encoder outputs)
//            x = [c_{t′} ; embedding(y_{t′−1})]  (context first: GRU input size H + E)
//            s_{t′} = GRU step of x (L layers);  logits = dense(s_{t′}) (H → V_tgt)
// No dropout: the engine trains without it. Parameter names (visit) are the book's PyTorch
// modules': encoder.embedding, encoder.rnn, decoder.attention.{W_q, W_k, w_v}, decoder.embedding,
// decoder.rnn, decoder.dense.
//
// Batches are tf::TokenBatch (row b·len + t, source padded with <pad> and masked by src_valid,
// labels −1 under padding). Attention ignores padded source positions, as the book's, and so does
// the encoder's recurrence, unlike the book's: padding leaves the encoder's state unchanged (a
// PyTorch packed sequence), so the decoder starts from the state after the sentence's <eos>
// whether it was trained in a padded batch or runs alone. forward() keeps every step's record
// (Cache), from which backward() runs and the trace (run.hpp) reads the attention weights, contexts
// and score parts.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "engine/bahdanau/gru.hpp"
#include "engine/transformer/additive_attention.hpp"
#include "engine/transformer/embedding.hpp"
#include "engine/transformer/linear.hpp"
#include "engine/transformer/model.hpp"
#include "engine/transformer/vocab.hpp"

namespace al::bahdanau {

using tf::TokenBatch;
using tf::Vocab;

struct Config {
  int embed_size = 32;   // E
  int num_hiddens = 32;  // H, also the attention's hidden size
  int num_layers = 2;    // L, in the encoder and in the decoder
  Vocab src_vocab, tgt_vocab;
};

// A one-line description of the first problem with `c` (naming the field), or nothing.
std::optional<std::string> validate(const Config& c);
// How many numbers a model of this shape holds, without building it (`c` must pass validate()).
std::int64_t parameter_count(const Config& c);

template <class S>
struct Seq2SeqAttention {
  Config config;
  tf::Embedding<S> encoder_embedding;
  Gru<S> encoder_rnn;
  tf::AdditiveAttention<S> attention;  // W_q (H → H), W_k (H → H), w_v (H → 1)
  tf::Embedding<S> decoder_embedding;
  Gru<S> decoder_rnn;  // input H + E
  tf::Linear<S> dense;

  // The encoder's record: its outputs per sequence are the attention's keys and values.
  struct EncoderCache {
    int batch = 0, len = 0;
    std::vector<int> ids;    // time-major (t·B + b)
    std::vector<int> valid;  // (B) valid source lengths
    typename Gru<S>::Cache rnn;
    std::vector<Mat<S>> keys;   // per sequence b: (len, H) top-layer outputs
    std::vector<Mat<S>> final;  // L of (B, H)
  };
  // One decoder step of the whole batch.
  struct StepCache {
    std::vector<int> tokens;  // (B) the decoder's input tokens
    std::vector<typename tf::AdditiveAttention<S>::Cache> attention;  // per sequence
    Mat<S> x;                          // (B, H + E) = [context ; emb]
    std::vector<Mat<S>> layer_inputs;  // per layer (B, In)
    std::vector<typename GruLayer<S>::StepCache> layers;
  };
  struct Cache {
    EncoderCache encoder;
    std::vector<StepCache> steps;
    Mat<S> out;  // (B·T_dec, H) top-layer states, row b·T_dec + t: the dense layer's input
  };

  // Every parameter for `c` (which must pass validate()), seeded.
  void init(const Config& c, std::uint64_t seed);

  // The encoder on `batch` sequences of `len` ids (row b·len + t), valid lengths `valid`.
  void encode(std::span<const int> ids, int batch, int len, std::span<const int> valid,
              EncoderCache& cache) const;
  // One decoder step: `state` (L of (B, H)) becomes the new states; returns the top layer's new
  // state (B, H). The query is state's top layer as it was before the step.
  Mat<S> decode_step(const EncoderCache& encoder, std::span<const int> tokens,
                     std::vector<Mat<S>>& state, StepCache& cache) const;

  // Teacher-forced: logits (B·T_dec, V_tgt), row b·T_dec + t.
  Mat<S> forward(const TokenBatch& batch, Cache& cache) const;
  // From dL/dlogits, accumulates every parameter gradient.
  void backward(const Cache& cache, const Mat<S>& dlogits);

  void zero_grad();
  std::int64_t parameter_count();

  // In the order of the book's PyTorch state_dict.
  template <class F>
  void visit(F&& f) {
    encoder_embedding.visit("encoder.embedding.", f);
    encoder_rnn.visit("encoder.rnn.", f);
    attention.visit("decoder.attention.", f);
    decoder_embedding.visit("decoder.embedding.", f);
    decoder_rnn.visit("decoder.rnn.", f);
    dense.visit("decoder.dense.", f);
  }
};

}  // namespace al::bahdanau
