// Numbers and counts as text for figure labels, the window and CSV cells. The formatting itself
// is the engine's (engine/short_number.hpp), so the whole project writes numbers one way.
#pragma once

#include <cstddef>
#include <string>

#include "engine/short_number.hpp"

namespace al::fig {

using al::shortest_float;
using al::shortest_number;
using al::significant;

// A number in a title, legend, note or status line: at most 4 significant digits, so a value
// that went through a float slider reads as the user set it ("w = 39.8", "σ = 0.001").
std::string label_number(double v);

// A count with its noun: "1 point", "50 points", "2 queries" (plural: singular + "s" unless
// given).
std::string count(std::size_t n, const std::string& singular, const std::string& plural = "");

}  // namespace al::fig
