// The shape of a Transformer model: what a model file's `config` JSON holds (see the issue text),
// and what Transformer<S>::init() builds. Defaults are the old edition's small translation model.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "engine/setting_table.hpp"
#include "engine/transformer/add_norm.hpp"
#include "engine/transformer/ffn.hpp"
#include "engine/transformer/vocab.hpp"

namespace al::tf {

enum class Arch { EncoderDecoder, Encoder, Decoder };
// The names of model files' config.
inline constexpr NameTable<Arch, 3> kArchNames{{
    {Arch::EncoderDecoder, "encoder-decoder", "Encoder-decoder"},
    {Arch::Encoder, "encoder", "Encoder"},
    {Arch::Decoder, "decoder", "Decoder"},
}};
inline constexpr NameTable<NormPlacement, 2> kNormNames{{
    {NormPlacement::Post, "post", "Post-norm (the book's)"},
    {NormPlacement::Pre, "pre", "Pre-norm"},
}};
inline constexpr NameTable<Activation, 2> kActivationNames{{
    {Activation::Relu, "relu", "ReLU"},
    {Activation::Gelu, "gelu", "GELU"},
}};
enum class Positional { Sinusoidal, Learned, None };
// Its names in model files and in the tf.positional setting.
inline constexpr NameTable<Positional, 3> kPositionalNames{{
    {Positional::Sinusoidal, "sinusoidal", "Sinusoidal (fixed)"},
    {Positional::Learned, "learned", "Learned"},
    {Positional::None, "none", "None"},
}};

struct ModelConfig {
  Arch arch = Arch::EncoderDecoder;
  int d_model = 32;
  int num_heads = 4;
  int ffn_hidden = 64;
  int num_encoder_layers = 2;
  int num_decoder_layers = 2;
  NormPlacement norm = NormPlacement::Post;
  Positional positional = Positional::Sinusoidal;
  int max_len = 1000;
  bool embed_scale = true;  // multiply embeddings by √d_model, as the book
  Activation activation = Activation::Relu;
  double layer_norm_eps = 1e-5;
  bool attention_bias = false;  // the book: no bias in W_q, W_k, W_v, W_o; PyTorch: bias
  bool final_norm = false;      // a LayerNorm after the last encoder / decoder layer (PyTorch's)
  Vocab src_vocab;              // encoder input (unused by decoder-only models)
  Vocab tgt_vocab;              // decoder input and output (the output of encoder-only models)
};

// A one-line description of the first problem with `c` (naming the field), or nothing.
std::optional<std::string> validate(const ModelConfig& c);

// How many numbers a model of this shape holds (Transformer<S>::parameter_count() after init),
// computed without building it: a model file's loader checks the file can hold them before
// allocating. `c` must pass validate().
std::int64_t parameter_count(const ModelConfig& c);

const char* name(Arch a);
const char* name(Positional p);

}  // namespace al::tf
