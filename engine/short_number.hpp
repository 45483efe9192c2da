// Numbers as text, for the whole project, all through std::to_chars: the shortest text that reads
// back exactly for CSV cells and settings, and a number of significant digits for labels and
// messages, so that a float slider's 39.8f (39.79999923706055 as a double) reads "39.8".
#pragma once

#include <string>

namespace al {

// The shortest text that reads back as exactly `v`: "0.1", "20", "1e-06", "0.30000000000000004".
std::string shortest_number(double v);
// The same for a float: the shortest text that reads back as exactly `v` in float ("0.1").
std::string shortest_float(float v);

// `v` rounded to `digits` (1 to 17) significant digits, as printf's "%.<digits>g": no trailing
// zeros, plain notation unless the exponent is below -4 or not below `digits`. 12.3456 -> "12.3"
// for 3 digits; 0.0010000000474974513 -> "0.001" and 1234567 -> "1.235e+06" for 4.
std::string significant(double v, int digits);

// Numbers in one-line messages: six significant digits ("0.5", "1e+06", "-0.0123457").
std::string short_number(double v);

}  // namespace al
