// The knobs of the chapter's single mechanisms: the positional-encoding lab.
// Their keys, ranges and help are the table in mechanism_settings.cpp.
#pragma once

#include <string_view>
#include <vector>

namespace al {

struct SettingInfo;

// The positional-encoding lab's bottom-right view: the book's binary counter, or a Transformer's
// learned position table beside P.
enum class PositionalBottom { Binary, Learned };
std::string_view name(PositionalBottom b);

struct MechanismSettings {
  // pe.*: the sinusoidal positional encoding P (positions x dim) of the positional-encoding figure.
  int pe_dim = 32;  // even
  int pe_positions = 60;
  // The positional-encoding lab's selection: the first of the four columns drawn as curves (the
  // book's 6-9; its pair, column / 2, is the one the rotation turns), the position followed in
  // every view, and the offset delta the rotation moves it by.
  int pe_column = 6;
  int pe_position = 10;
  double pe_delta = 5.0;
  PositionalBottom view_pe_bottom = PositionalBottom::Binary;

  bool operator==(const MechanismSettings&) const = default;
};

std::vector<SettingInfo> mechanism_setting_table();

}  // namespace al
