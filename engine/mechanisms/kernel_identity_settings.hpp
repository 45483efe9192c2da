// The knobs of the attention-as-a-kernel lab (`--lab kernel-identity`, the `kernel-identity`
// figures): queries and keys in d dimensions, typed or random from a seed. Their keys, ranges and
// help are the table in kernel_identity_settings.cpp.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/vectors_text.hpp"

namespace al {

struct SettingInfo;

// Bounds of the identity's matrices: six (queries x keys) doubles each, at most 256 x 256, and
// vectors of at most 1024 numbers.
inline constexpr int kMaxIdentityVectors = 256;
inline constexpr int kMaxIdentityDim = 1024;

struct KernelIdentitySettings {
  // Typed vectors; empty: identity.n_queries (n_keys) random vectors of dimension identity.dim,
  // entries N(0, 1) from identity.seed.
  Vectors identity_queries, identity_keys;
  int identity_dim = 4;
  int identity_n_queries = 6;
  int identity_n_keys = 8;
  std::uint64_t identity_seed = 0;
  // The query and key every view outlines (-1: none).
  int identity_query = -1;
  int identity_key = -1;

  bool operator==(const KernelIdentitySettings&) const = default;
};

std::vector<SettingInfo> kernel_identity_setting_table();

}  // namespace al
