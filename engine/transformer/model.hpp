// Transformer models (D2L §11.7, spec §8): the book's encoder–decoder, an encoder-only model (one
// output per source position) and a decoder-only, GPT-style model (causal self-attention). Token
// embeddings are scaled by √d (config.embed_scale) before the positions are added, as the book.
//
// forward() is teacher-forced and batched; it records everything backward() needs, and from the
// same record attention_trace() gives every attention matrix (kind × layer × head) with the token
// strings of both axes, and explain_query() the raw / scaled / masked / softmax scores of one
// query. Parameter names (visit) follow PyTorch's nn.Transformer state_dict.
//
// Training mode is a Dropout (dropout.hpp) handed to forward(): it drops units of the embeddings
// plus positions, of every attention's weights and of every sublayer output. Without one (the
// default) the pass is inference, as decoding and the figures run it; the recorded attention
// weights are before dropout either way.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "engine/transformer/config.hpp"
#include "engine/transformer/decoder_layer.hpp"
#include "engine/transformer/dropout.hpp"
#include "engine/transformer/embedding.hpp"
#include "engine/transformer/encoder_layer.hpp"
#include "engine/transformer/layer_norm.hpp"
#include "engine/transformer/linear.hpp"

namespace al::tf {

// A batch of token ids, padded to a common length per side (row b·len + t).
//   encoder–decoder: src (B, src_len) → decoder input tgt_in (B, tgt_len), labels (B, tgt_len)
//   encoder-only:    src (B, src_len) → labels (B, src_len)
//   decoder-only:    tgt_in (B, tgt_len) → labels (B, tgt_len)
// A label of −1 contributes no loss (padding, or a decoder-only model's prompt).
struct TokenBatch {
  int size = 0;
  int src_len = 0;
  std::vector<int> src;
  std::vector<int> src_valid;  // (B) valid source lengths: keys past them are masked
  int tgt_len = 0;
  std::vector<int> tgt_in;
  std::vector<int> labels;
};

template <class S>
struct Transformer {
  ModelConfig config;
  Embedding<S> src_embed, tgt_embed;
  Embedding<S> src_pos, tgt_pos;  // learned positions (config.positional == Learned)
  Mat<S> sinusoid;                // (max_len, d) fixed positions (config.positional == Sinusoidal)
  std::vector<EncoderLayer<S>> encoder;     // encoder–decoder and encoder-only
  std::vector<DecoderLayer<S>> decoder;     // encoder–decoder
  std::vector<EncoderLayer<S>> causal;      // decoder-only: causal self-attention blocks
  LayerNorm<S> encoder_norm, decoder_norm;  // after the last layer, when config.final_norm
  Linear<S> generator;                      // d → output vocabulary

  struct Cache {
    int batch = 0, src_len = 0, tgt_len = 0;
    std::vector<int> src, tgt;    // the input ids
    std::vector<int> src_rows;    // per encoder row: its source valid length
    std::vector<int> dec_rows;    // per decoder row: causal length t + 1
    std::vector<int> cross_rows;  // per decoder row: its source valid length
    std::vector<typename EncoderLayer<S>::Cache> encoder, causal;
    std::vector<typename DecoderLayer<S>::Cache> decoder;
    typename LayerNorm<S>::Cache encoder_norm, decoder_norm;
    Mat<S> memory;              // encoder output (after encoder_norm)
    Mat<S> out;                 // generator input
    Mat<S> src_drop, tgt_drop;  // dropout masks of the embeddings + positions (empty: none)
  };

  // Builds every parameter for `c` (which must pass validate()) with Xavier-uniform weights from
  // `seed`; LayerNorms start at γ = 1, β = 0.
  void init(const ModelConfig& c, std::uint64_t seed);
  const Vocab& input_vocab() const;  // what the first (or only) stack reads
  const Vocab& output_vocab() const { return config.tgt_vocab; }

  // Logits (rows of the output side, vocabulary): decoder rows, or source rows (encoder-only).
  // `dropout`: training mode (null: inference).
  Mat<S> forward(const TokenBatch& batch, Cache& cache, Dropout* dropout = nullptr) const;
  // From dL/dlogits, accumulates every parameter gradient.
  void backward(const Cache& cache, const Mat<S>& dlogits);

  // The encoder stack alone on B sequences of `len` ids (used by forward and by decoding).
  Mat<S> encode(std::span<const int> ids, int batch, int len, std::span<const int> valid,
                Cache& cache, Dropout* dropout = nullptr) const;
  // Embedding · (√d or 1) + positions, for row b·len + t at position offset + t.
  Mat<S> embed(const Embedding<S>& table, const Embedding<S>& pos, std::span<const int> ids,
               int len, int offset = 0) const;
  S embed_scale() const;

  void zero_grad();
  int parameter_count();

  template <class F>
  void visit(F&& f) {
    const bool enc = config.arch != Arch::Decoder,
               learned = config.positional == Positional::Learned;
    if (enc) src_embed.visit("src_embed.", f);
    if (config.arch != Arch::Encoder) tgt_embed.visit("tgt_embed.", f);
    if (learned && enc) src_pos.visit("src_pos.", f);
    if (learned && config.arch != Arch::Encoder) tgt_pos.visit("tgt_pos.", f);
    for (std::size_t i = 0; i < encoder.size(); ++i)
      encoder[i].visit("encoder.layers." + std::to_string(i) + ".", f);
    for (std::size_t i = 0; i < decoder.size(); ++i)
      decoder[i].visit("decoder.layers." + std::to_string(i) + ".", f);
    for (std::size_t i = 0; i < causal.size(); ++i)
      causal[i].visit("decoder.layers." + std::to_string(i) + ".", f);
    if (config.final_norm && enc) encoder_norm.visit("encoder.norm.", f);
    if (config.final_norm && config.arch != Arch::Encoder) decoder_norm.visit("decoder.norm.", f);
    generator.visit("generator.", f);
  }
};

}  // namespace al::tf
