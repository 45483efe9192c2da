// Validation of model configurations, so bad files fail with a message instead of a crash.
#include "engine/transformer/config.hpp"

namespace al::tf {

std::optional<std::string> validate(const ModelConfig& c) {
  const bool has_encoder = c.arch != Arch::Decoder;
  const bool has_decoder = c.arch != Arch::Encoder;
  if (c.d_model < 1) return "d_model must be at least 1";
  if (c.num_heads < 1) return "num_heads must be at least 1";
  if (c.d_model % c.num_heads != 0)
    return "d_model (" + std::to_string(c.d_model) + ") is not divisible by num_heads (" +
           std::to_string(c.num_heads) + ")";
  if (c.ffn_hidden < 1) return "ffn_hidden must be at least 1";
  if (has_encoder && c.num_encoder_layers < 1) return "num_encoder_layers must be at least 1";
  if (has_decoder && c.num_decoder_layers < 1) return "num_decoder_layers must be at least 1";
  if (c.max_len < 1) return "max_len must be at least 1";
  if (!(c.layer_norm_eps > 0)) return "layer_norm_eps must be positive";
  if (c.arch != Arch::Decoder && c.src_vocab.size() == 0) return "src_vocab is empty";
  if (c.tgt_vocab.size() == 0) return "tgt_vocab is empty";
  if (has_decoder && c.tgt_vocab.bos() < 0) return "tgt_vocab has no <bos>";
  return std::nullopt;
}

std::int64_t parameter_count(const ModelConfig& c) {
  const std::int64_t d = c.d_model, f = c.ffn_hidden, src = c.src_vocab.size(),
                     tgt = c.tgt_vocab.size();
  const bool enc = c.arch != Arch::Decoder, dec = c.arch != Arch::Encoder;
  const std::int64_t attention = 4 * d * d + (c.attention_bias ? 4 * d : 0);  // W_q, W_k, W_v, W_o
  const std::int64_t norm = 2 * d;                                            // γ, β
  const std::int64_t ffn = d * f + f + f * d + d;
  const std::int64_t encoder_layer = attention + 2 * norm + ffn;
  const std::int64_t decoder_layer = 2 * attention + 3 * norm + ffn;
  std::int64_t n = d * tgt + tgt;  // generator
  if (enc) n += src * d + c.num_encoder_layers * encoder_layer;
  if (dec) n += tgt * d;
  if (c.arch == Arch::EncoderDecoder) n += c.num_decoder_layers * decoder_layer;
  if (c.arch == Arch::Decoder) n += c.num_decoder_layers * encoder_layer;
  const int stacks = (enc ? 1 : 0) + (dec ? 1 : 0);
  if (c.positional == Positional::Learned) n += stacks * c.max_len * d;
  if (c.final_norm) n += stacks * norm;
  return n;
}

const char* name(Arch a) {
  return lookup_name(kArchNames, a).data();  // the table's names are string literals
}

const char* name(Positional p) {
  return lookup_name(kPositionalNames, p).data();  // the table's names are string literals
}

}  // namespace al::tf
