// Mapping the engine's parameter names (Transformer::visit) onto nn.Transformer's state_dict.
#include "engine/transformer/state_dict.hpp"

#include <map>

namespace al::tf {

namespace {

// "…self_attn.W_k.bias" → "…self_attn.in_proj_bias": the three input projections share a tensor.
std::string pytorch_name(const std::string& name) {
  for (const char* projection : {"W_q.", "W_k.", "W_v."}) {
    const auto at = name.rfind(projection);
    if (at != std::string::npos) return name.substr(0, at) + "in_proj_" + name.substr(at + 4);
  }
  return name;
}

// Biases and LayerNorm parameters ("…norm1.weight", "encoder.norm.weight") are 1-D in PyTorch.
bool is_vector(const std::string& name) {
  if (name.ends_with("bias")) return true;
  const auto last = name.rfind('.');
  const auto before = name.rfind('.', last - 1);
  const std::string module = name.substr(before == std::string::npos ? 0 : before + 1,
                                         last - (before == std::string::npos ? 0 : before + 1));
  return module.starts_with("norm");
}

}  // namespace

std::vector<StateTensor> state_dict(Transformer<float>& model) {
  std::vector<StateTensor> tensors;
  std::map<std::string, std::size_t> index;
  model.visit([&](const std::string& engine_name, Param<float>& p) {
    const std::string name = pytorch_name(engine_name);
    const auto [it, added] = index.emplace(name, tensors.size());
    if (added) tensors.push_back({name, {}, {}});
    StateTensor& t = tensors[it->second];
    t.parts.push_back(&p);
    std::int64_t rows = 0;
    for (const Param<float>* part : t.parts) rows += part->value.rows();
    const std::int64_t cols = p.value.cols();
    t.shape = is_vector(name) ? std::vector<std::int64_t>{rows * cols}
                              : std::vector<std::int64_t>{rows, cols};
  });
  return tensors;
}

}  // namespace al::tf
