// The knobs of the multi-head attention lab (`--lab multi-head`, the `multi-head` figures): the
// input (queries, keys and values typed, or random or ones), the layer's num_hiddens d and heads h,
// the valid lengths of each sequence of the batch, and what the views follow. Their keys, ranges
// and help are the table in multi_head_settings.cpp.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/vectors_text.hpp"

namespace al {

struct SettingInfo;

// What the untyped inputs hold: N(0, 1) entries from mh.seed, or ones (the book's toy).
enum class MultiHeadInput { Random, Ones };
std::string_view name(MultiHeadInput i);

// Bounds that keep a heatmap cell per query, key and hidden unit readable and the book's shapes
// (d = 100, inputs of 100 numbers) within reach.
inline constexpr int kMaxMultiHeadBatch = 8;
inline constexpr int kMaxMultiHeadVectors = 16;
inline constexpr int kMaxMultiHeadDim = 128;
inline constexpr int kMaxMultiHeadHiddens = 256;
inline constexpr int kMaxMultiHeadHeads = 16;

struct MultiHeadSettings {
  // mh.preset: "small" (the lab's default) or "book" (D2L §11.5's toy: d = 100, h = 5, batch 2,
  // 4 queries, 6 key-value pairs, valid lengths 3 and 2, inputs of ones); setting it sets every
  // size, the input and the valid lengths, and empties the typed vectors.
  std::string mh_preset = "small";
  // Typed inputs, the same for every sequence of the batch; empty: mh.n_queries (mh.n_kv) vectors
  // of mh.dim numbers as mh.input says. Empty values are the keys (the book's attention(X, Y, Y)).
  Vectors mh_queries, mh_keys, mh_values;
  MultiHeadInput mh_input = MultiHeadInput::Random;
  int mh_dim = 4;
  int mh_n_queries = 3;
  int mh_n_kv = 5;
  int mh_batch = 2;
  int mh_hiddens = 8;  // num_hiddens d: every projection maps to d, each head gets d/h of it
  int mh_heads = 2;    // h
  // The book's 1-D valid lengths: one per sequence (or one for all); keys from it on are masked.
  // Empty: no mask.
  std::vector<int> mh_valid_lens;
  std::uint64_t mh_seed = 0;  // W_q, W_k, W_v, W_o (Xavier-uniform), then the random inputs
  // What the views show and follow: the sequence of the batch, and a query and key (-1: none).
  int mh_batch_item = 0;
  int mh_query = -1;
  int mh_key = -1;

  bool operator==(const MultiHeadSettings&) const = default;
};

std::vector<SettingInfo> multi_head_setting_table();

}  // namespace al
