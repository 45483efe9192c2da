// A figure's table as CSV: the header, then one line per row; a missing or non-finite value is
// an empty cell, numbers are the shortest text that reads back exactly (as float in a float
// column), and text cells (tokens) are quoted as RFC 4180 says when they hold a comma, a quote or
// a line break.
#include <cmath>
#include <limits>

#include "export.hpp"
#include "number_format.hpp"

namespace al::fig {
namespace {

// RFC 4180: a field with a comma, a double quote, CR or LF is enclosed in double quotes, and each
// double quote inside it is doubled. Tokens such as "," or "\"" need it.
void append_field(std::string& out, const std::string& field) {
  if (field.find_first_of(",\"\r\n") == std::string::npos) {
    out += field;
    return;
  }
  out += '"';
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

const std::string* text_cell(const Table& table, std::size_t row, std::size_t column) {
  if (row >= table.text.size() || column >= table.text[row].size()) return nullptr;
  const std::string& s = table.text[row][column];
  return s.empty() ? nullptr : &s;
}

// A float column's value as its float, when it is one: a double that no float equals (put there
// by mistake) keeps all of its digits rather than being rounded.
std::string number_text(const Table& table, std::size_t column, double v) {
  const bool float_column = column < table.float_columns.size() && table.float_columns[column];
  if (float_column && std::abs(v) <= std::numeric_limits<float>::max() &&
      static_cast<double>(static_cast<float>(v)) == v)
    return shortest_float(static_cast<float>(v));
  return shortest_number(v);
}

}  // namespace

std::string table_to_csv(const Table& table) {
  std::string out;
  for (std::size_t i = 0; i < table.columns.size(); ++i) {
    if (i) out += ',';
    append_field(out, table.columns[i]);
  }
  out += '\n';
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    const auto& row = table.rows[r];
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (i) out += ',';
      if (const std::string* text = text_cell(table, r, i)) {
        append_field(out, *text);
      } else if (row[i] && std::isfinite(*row[i])) {
        out += number_text(table, i, *row[i]);
      }
    }
    out += '\n';
  }
  return out;
}

}  // namespace al::fig
