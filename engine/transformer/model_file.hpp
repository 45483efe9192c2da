// Model files: safetensors (safetensors.hpp) with the model's configuration as a JSON string at
// __metadata__ → config, and its parameters under PyTorch's nn.Transformer state_dict names
// (state_dict.hpp), so a PyTorch model exports with a few lines (scripts/export_pytorch.py).
//
// The config object holds, all required except the layer count and vocabulary an architecture
// does not use (num_encoder_layers and src_vocab for "decoder", num_decoder_layers for "encoder";
// when given, these may be 0 or empty), and nothing else:
//   arch ("encoder-decoder" | "encoder" | "decoder"), d_model, num_heads, ffn_hidden,
//   num_encoder_layers, num_decoder_layers, norm ("post" | "pre"),
//   positional ("sinusoidal" | "learned" | "none"), max_len, embed_scale (true: embeddings × √d),
//   activation ("relu" | "gelu"), layer_norm_eps, src_vocab and tgt_vocab (lists of token strings)
// Whether the attention projections have biases and whether there are final encoder / decoder
// LayerNorms is read from the tensors present (in_proj_bias, encoder.norm, decoder.norm), as
// PyTorch applies them when present. Any tensor the configuration does not call for is an error,
// so no weight of a file is silently ignored.
//
// Files are read with F32, F16 or BF16 tensors and written as F32. A hostile or broken file fails
// with one line naming the problem (and the path, for load_model) and never crashes.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "engine/expected.hpp"
#include "engine/transformer/model.hpp"

namespace al::tf {

// Limits of the format, far above any model this app trains, that keep a hostile config from
// asking for absurd allocations before a tensor is read.
inline constexpr int kMaxModelDim = 1 << 16;     // d_model, ffn_hidden, num_heads
inline constexpr int kMaxModelLayers = 1 << 10;  // per stack
inline constexpr int kMaxModelLen = 1 << 20;     // max_len
inline constexpr std::int64_t kMaxPositionTable = std::int64_t{1} << 22;  // max_len · d_model
// The whole file is read into memory before it is parsed, and the model then takes as much again
// (twice as much for F16 or BF16), so files are limited to 512 MB: room for PyTorch's default
// nn.Transformer (d = 512, 6 + 6 layers: ~180 MB in F32), far from exhausting a machine.
inline constexpr std::size_t kMaxModelFileBytes = std::size_t{512} << 20;

// Reads a regular file of at most kMaxModelFileBytes (engine/read_file.hpp); errors name the path.
Expected<Transformer<float>> load_model(const std::string& path);
Expected<Transformer<float>> load_model_from_bytes(std::span<const std::uint8_t> bytes);

// The file's bytes (F32), or an error when the model cannot be written faithfully (a non-finite
// weight, a token that is not valid UTF-8).
Expected<std::string> model_to_bytes(const Transformer<float>& model);
// Writes atomically: a temporary file beside `path`, then a rename, so a failure never leaves a
// half-written model. The error names the path.
std::optional<std::string> save_model(const Transformer<float>& model, const std::string& path);

// The config JSON of a model file, without the two properties read from tensor names.
std::string config_to_json(const ModelConfig& c);
Expected<ModelConfig> config_from_json(std::string_view text);

}  // namespace al::tf
