// Bahdanau model files: the Transformer's container (safetensors, the config JSON at
// __metadata__ → config, F32 written, F32 / F16 / BF16 read; engine/transformer/model_file.hpp)
// with the config object
//   arch ("bahdanau"), embed_size, num_hiddens, num_layers, src_vocab, tgt_vocab (token lists)
// all required and nothing else, and the tensors of the book's PyTorch modules (model.hpp):
//   encoder.embedding.weight (V_src, E)
//   encoder.rnn.weight_ih_l{k} (3H, E or H), weight_hh_l{k} (3H, H), bias_ih_l{k}, bias_hh_l{k}
//   (3H) decoder.attention.W_q.weight (H, H), W_k.weight (H, H), w_v.weight (1, H)
//   decoder.embedding.weight (V_tgt, E)
//   decoder.rnn.* as the encoder's, layer 0 reading H + E
//   decoder.dense.weight (V_tgt, H), decoder.dense.bias (V_tgt)
// A hostile or broken file fails with one line naming the problem (and the path, for load_model)
// and never crashes: sizes are checked against the file before anything is allocated.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "engine/bahdanau/model.hpp"
#include "engine/expected.hpp"

namespace al::bahdanau {

using Model = Seq2SeqAttention<float>;

// Reads a regular file of at most tf::kMaxModelFileBytes; errors name the path.
Expected<Model> load_model(const std::string& path);
Expected<Model> load_model_from_bytes(std::span<const std::uint8_t> bytes);

// The file's bytes (F32), or an error when the model cannot be written faithfully (a non-finite
// weight, a token that is not valid UTF-8).
Expected<std::string> model_to_bytes(const Model& model);
// Writes atomically (a temporary file, then a rename); the error names the path.
std::optional<std::string> save_model(const Model& model, const std::string& path);

std::string config_to_json(const Config& c);
Expected<Config> config_from_json(std::string_view text);

}  // namespace al::bahdanau
