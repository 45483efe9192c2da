// The small Transformer configurations that tests and benchmarks build: a layer shape, and the
// tests' tiny model, so each test states only what it varies (FFN width, positions, vocabularies).
#pragma once

#include <utility>

#include "engine/transformer/config.hpp"

namespace al::tf::test {

// Width d_model with num_heads heads and an FFN ffn_hidden wide; the rest ModelConfig's defaults
// (two encoder and two decoder layers).
inline ModelConfig layer_config(int d_model, int num_heads, int ffn_hidden) {
  ModelConfig c;
  c.d_model = d_model;
  c.num_heads = num_heads;
  c.ffn_hidden = ffn_hidden;
  return c;
}

// The tests' tiny model: width 8, 2 heads, two encoder and two decoder layers, positions up to
// max_len, with these vocabularies.
inline ModelConfig tiny_config(Arch arch, int ffn_hidden, int max_len, Vocab src, Vocab tgt) {
  ModelConfig c = layer_config(8, 2, ffn_hidden);
  c.arch = arch;
  c.max_len = max_len;
  c.src_vocab = std::move(src);
  c.tgt_vocab = std::move(tgt);
  return c;
}

}  // namespace al::tf::test
