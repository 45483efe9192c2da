// A model's parameters under the names and shapes of PyTorch's nn.Transformer state_dict, which
// is what model files hold (see model_file.hpp):
//   …self_attn.in_proj_weight (3d, d) = W_q, W_k, W_v stacked by rows; …in_proj_bias (3d)
//   …self_attn.out_proj.weight|bias, …multihead_attn.* (cross-attention), …linear1|linear2.*,
//   …norm1|norm2|norm3.weight|bias, encoder.norm.*, decoder.norm.*, src_embed.weight,
//   tgt_embed.weight, src_pos.weight, tgt_pos.weight, generator.weight|bias
// PyTorch keeps biases and LayerNorm parameters as vectors, the engine as 1 × n rows; the shapes
// here are PyTorch's.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine/transformer/model.hpp"

namespace al::tf {

// One named tensor: its PyTorch shape and the parameters whose rows it stacks, in order (one
// parameter, except in_proj_weight and in_proj_bias).
struct StateTensor {
  std::string name;
  std::vector<std::int64_t> shape;
  std::vector<Param<float>*> parts;
};

// In the model's visit order; the pointers are into `model`.
std::vector<StateTensor> state_dict(Transformer<float>& model);

}  // namespace al::tf
