// Numbers as text, for the whole project: std::to_chars's shortest text that reads back exactly,
// optionally after rounding to a number of significant digits. CSV cells and settings keep every
// digit; labels and messages round first, so a float slider's 39.8f (39.79999923706055 as a
// double) reads "39.8".
#pragma once

#include <string>

namespace al {

// The shortest text that reads back as exactly `v`: "0.1", "20", "1e-06", "0.30000000000000004".
std::string shortest_number(double v);
// The same for a float: the shortest text that reads back as exactly `v` in float ("0.1").
std::string shortest_float(float v);

// `v` rounded to `digits` (1 to 17) significant digits, then written shortest: 12.3456 -> "12.3"
// for 3 digits, 0.0010000000474974513 -> "0.001" and 1234567 -> "1235000" for 4.
std::string significant(double v, int digits);

// Numbers in one-line messages: six significant digits ("0.5", "1e+06", "-0.0123457").
std::string short_number(double v);

}  // namespace al
