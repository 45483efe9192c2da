#include "mechanism_settings.hpp"

#include "engine/setting_table.hpp"
#include "engine/settings.hpp"
#include "engine/user_text.hpp"

namespace al {
namespace {

constexpr NameTable<PositionalBottom, 2> kPositionalBottoms{{
    {PositionalBottom::Binary, "binary", "Binary counter"},
    {PositionalBottom::Learned, "learned", "Learned vs sinusoidal"},
}};

// sin and cos come in pairs of columns, so the dimension is even.
std::optional<std::string> set_pe_dim(Settings& s, std::string_view v) {
  long long d = 0;
  if (auto e = check_integer(v, 2, 1024, d)) return e;
  if (d % 2 != 0) return quote_for_message(v) + " is odd (sin and cos come in pairs of columns)";
  s.pe_dim = static_cast<int>(d);
  return {};
}

using S = MechanismSettings;

}  // namespace

std::string_view name(PositionalBottom b) {
  return lookup_name(kPositionalBottoms, b);
}

std::vector<SettingInfo> mechanism_setting_table() {
  return {
      {"pe.dim", "encoding dimension d of the positional-encoding figure", "even, 2 to 1024", "",
       set_pe_dim, [](const Settings& s) { return std::to_string(s.pe_dim); }},
      integer_setting("pe.positions", "positions (rows) of the positional-encoding figure",
                      &S::pe_positions, 1, 10000),
      integer_setting("pe.column",
                      "first of the four columns of P drawn as curves; its pair (column / 2) is "
                      "the one the rotation turns",
                      &S::pe_column, 0, 1023),
      integer_setting("pe.position", "position (row of P) the positional-encoding views follow",
                      &S::pe_position, 0, 9999),
      choice_setting("view.pe_bottom",
                     "the positional-encoding lab's bottom-right view: the binary counter, or the "
                     "learned position table of the Transformer at model.path beside P",
                     &S::view_pe_bottom, kPositionalBottoms),
      real_setting("pe.delta", "offset delta the rotation moves the followed position by",
                   &S::pe_delta, -1000.0, 1000.0),
  };
}

}  // namespace al
