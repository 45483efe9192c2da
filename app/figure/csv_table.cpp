// A figure's table as CSV: the header, then one line per row; a missing or non-finite value is
// an empty cell, and numbers are the shortest text that reads back exactly.
#include <cmath>

#include "export.hpp"
#include "number_format.hpp"

namespace al::fig {

std::string table_to_csv(const Table& table) {
  std::string out;
  for (std::size_t i = 0; i < table.columns.size(); ++i) out += (i ? "," : "") + table.columns[i];
  out += '\n';
  for (const auto& row : table.rows) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (i) out += ',';
      if (row[i] && std::isfinite(*row[i])) out += shortest_number(*row[i]);
    }
    out += '\n';
  }
  return out;
}

}  // namespace al::fig
