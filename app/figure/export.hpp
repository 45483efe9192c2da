// Saving a figure: the file extension picks the format. Files are written to a temporary name in
// the same directory and renamed, so a failed export never leaves a partial or clobbered file.
#pragma once

#include <optional>
#include <string>

#include "figure.hpp"
#include "layout.hpp"

namespace al::fig {

enum class Format { Png, Svg, Pdf, Csv };

// ".png", ".svg", ".pdf", ".csv" (case-insensitive); nullopt otherwise.
std::optional<Format> format_from_path(const std::string& path);
// The one-line error for a path whose extension names no format ("x.txt: unknown file type
// '.txt' (use .png, .svg, .pdf or .csv)"); nullopt when it names one.
std::optional<std::string> check_format(const std::string& path);

// Writes `figure` at `scale` (PNG pixels = natural size x scale, everything drawn `scale` times
// larger; SVG and PDF are the natural size in points and ignore it) with tick labels of
// `font_size` points (the window passes its own, so that an export is laid out as the screen).
// Returns a one-line error naming the path on failure.
std::optional<std::string> export_figure(const Figure& figure, const std::string& path,
                                         double scale = 1.0, double font_size = Style{}.font_size);

// The table as CSV text: header line, one row per table row, empty cell for a missing value,
// numbers with up to 17 significant digits (they read back exactly), text cells quoted per
// RFC 4180 when they hold a comma, a quote or a line break.
std::string table_to_csv(const Table& table);

}  // namespace al::fig
