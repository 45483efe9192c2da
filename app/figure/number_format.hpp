// Numbers as text for figure labels and CSV cells.
#pragma once

#include <string>

namespace al::fig {

// The shortest text that reads back as exactly `v`: "0.1", "20", "1e-06", "0.30000000000000004".
std::string shortest_number(double v);
// The same for a float: the shortest text that reads back as exactly `v` in float ("0.1").
std::string shortest_float(float v);

// `digits` significant digits, "%g" style: 12.3456 -> "12.3" for 3 digits.
std::string significant(double v, int digits);

}  // namespace al::fig
