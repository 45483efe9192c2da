// The knobs of the chapter's single mechanisms: the positional encoding and the scoring figures.
// Their keys, ranges and help are the table in mechanism_settings.cpp.
#pragma once

#include <cstdint>
#include <vector>

namespace al {

struct SettingInfo;

struct MechanismSettings {
  // pe.*: the sinusoidal positional encoding P (positions x dim) of the positional-encoding figure.
  int pe_dim = 32;  // even
  int pe_positions = 60;

  // scoring.*: seed of the random queries of the scoring figure (the book's old-edition toy).
  std::uint64_t scoring_seed = 0;

  bool operator==(const MechanismSettings&) const = default;
};

std::vector<SettingInfo> mechanism_setting_table();

}  // namespace al
