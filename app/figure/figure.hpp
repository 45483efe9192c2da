// A figure, described once: panels with axes, series and heatmaps, labels, legend, colorbar, and
// the table of numbers behind it. The same description is drawn on screen (ImDrawList), to files
// (Cairo: PNG, SVG, PDF) and written as CSV. Builders (figures.hpp) make descriptions from the
// lab; nothing here computes numerics.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/kernel_regression/nadaraya_watson.hpp"
#include "engine/settings.hpp"

namespace al::fig {

struct Color {
  float r = 0, g = 0, b = 0, a = 1;  // 0..1, straight (not premultiplied) alpha
  bool operator==(const Color&) const = default;
};

enum class Dash { Solid, Dashed, DashDot, Dotted };

struct Series {
  // Bars: a bar from 0 to y at each x (x at 0, 1, 2, …), 0.7 wide, with its value written at its
  // end wherever the bar is wide enough for the text; bars take no legend entry.
  enum class Kind { Line, Markers, Bars };
  std::string label;  // legend entry; empty: not in the legend
  Kind kind = Kind::Line;
  std::vector<double> x, y;  // a non-finite y is a gap in a line and no marker
  Color color;
  Dash dash = Dash::Solid;
  double width = 1.5;        // line width in points (1 pt = 1 px at scale 1)
  double marker_radius = 3;  // points
  // Optional per-point scale of the marker radius and of its alpha (e.g. attention on keys).
  std::vector<double> marker_scale;
  std::vector<double> marker_alpha;
  // The largest marker_scale a highlight may give: the legend keeps clear of markers that
  // large whether or not one is highlighted, so it neither moves nor hides them on hover.
  double max_marker_scale = 1;
  // Markers only while at most this many points lie within the x axis' limits (0: always), so
  // a marker per epoch does not merge into a solid band after thousands of epochs.
  std::size_t max_markers = 0;
  // Drawn for the highlighted query only (its dot on a curve). The legend's place ignores such
  // series and the guides, so hovering never moves the legend.
  bool highlight = false;
};

// A vertical or horizontal guide line (the selected query on the regression plot).
struct Guide {
  bool vertical = true;
  double at = 0;
  Color color;
  Dash dash = Dash::Dashed;
  std::string label;
};

// A word placed at a panel's data coordinates (an alignment diagram's tokens): centred on x,
// above the point when `above`, else below it, in the tick font; `frame` outlines it (the word the
// mouse is on).
struct TextMark {
  double x = 0, y = 0;
  std::string text;
  Color color;
  bool above = true;
  bool frame = false;
};

struct Heatmap {
  // Rows x columns values, shared with the lab (no copy per frame). Rows are drawn top to bottom.
  // Float, as the lab stores attention weights: more than a colour or a hover label needs.
  std::shared_ptr<const WeightMatrix> values;
  Colormap colormap = Colormap::Reds;
  double vmin = 0, vmax = 1;  // colour limits; the colorbar shows them
  // Data coordinates of row and column centres (query x, key x) for ticks and hover text; when
  // empty, rows and columns are labelled by index.
  std::vector<double> row_coords, col_coords;
  // Text tick labels of rows and columns (tokens); when given they replace the coordinates.
  std::vector<std::string> row_labels, col_labels;
  std::string value_label = "weight";  // colorbar and hover name of a cell's value
  std::string name;  // what the hover text says first, e.g. "layer 0 · head 1"; may be empty
  std::optional<int> highlight_row;  // outlined (hovered or selected query)
  std::optional<int> highlight_col;  // outlined (a hovered key token)
  // Causal masking: the cells right of the diagonal (a key after its query) are masked, drawn in
  // the undefined grey, so a masked weight (exactly 0) never reads as a small one.
  bool causal = false;
  // Valid lengths (the book's 1-D valid_lens): the cells at column valid_cols or after are masked,
  // drawn in the undefined grey, their score replaced by -1e6 and their weight exactly 0.
  std::optional<int> valid_cols;
  // The cells shown (a zoomed view), in cell coordinates: cell i spans i − 0.5 to i + 0.5, rows
  // downwards. Empty: every cell.
  struct Window {
    double col_min = 0, col_max = 0, row_min = 0, row_max = 0;
  };
  std::optional<Window> window;
  std::vector<bool> undefined_rows;  // drawn hatched grey: no defined weights
  // Nonzero: names the content of `values` and `undefined_rows` (the lab's revision), so a
  // renderer that still holds an image made of the same revision, size and colours may draw that
  // instead of averaging the matrix again (a 2 000 x 2 000 matrix costs milliseconds per frame).
  std::uint64_t revision = 0;
};

struct Axis {
  std::string label;
  double min = 0, max = 1;
  // Heatmap axes count cells: row 0 at the top, ticks at cell centres.
  // Text tick labels at 0, 1, …, n − 1 in place of numbers (the tokens under a bar chart);
  // heatmaps have their own (Heatmap::row_labels, col_labels). Initialised so that an Axis
  // written as {label, min, max} stays complete.
  std::vector<std::string> labels = {};
};

struct Panel {
  std::string title;
  Axis x, y;
  std::vector<Series> series;
  std::vector<Guide> guides;
  std::optional<Heatmap> heatmap;  // a heatmap panel: axes index columns (x) and rows (y)
  // Where the legend of the labelled series goes (see layout.hpp); None: no legend.
  LegendPlacement legend = LegendPlacement::None;
  bool colorbar = false;
  bool grid = true;
  std::string note;  // shown under the plot, e.g. "3 queries have no key in reach (gaps)"
  std::vector<TextMark> texts;  // drawn over the series, clipped to the plot
  // One data unit as long on x as on y, so a circle stays round: the layout widens whichever
  // limits have room to spare, about their centre.
  bool equal_aspect = false;
};

// The numbers behind a figure, as CSV rows. A missing value (undefined prediction) is empty.
struct Table {
  std::vector<std::string> columns;
  std::vector<std::vector<std::optional<double>>> rows;
  // Text cells (token strings, names): a non-empty text[r][i] is row r's cell in column i, in
  // place of rows[r][i] (which still holds a cell, std::nullopt). Empty for numeric tables.
  std::vector<std::vector<std::string>> text;
  // float_columns[i]: column i holds floats widened to double (attention weights), written as
  // the shortest text that reads back as the same float ("0.1", not "0.10000000149011612").
  // Columns past its end hold doubles.
  std::vector<bool> float_columns;
};

struct Figure {
  std::string name;   // "regression", "attention", ...
  std::string title;  // optional, above all panels
  int rows = 1, cols = 1;
  std::vector<Panel> panels;         // row-major grid
  double width = 480, height = 360;  // natural size in points (PNG pixels at scale 1)
  Table table;
};

}  // namespace al::fig
