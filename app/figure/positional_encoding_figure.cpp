// positional-encoding (book 10.6 / 11.6: F11, F12): the sinusoidal table P of the engine,
//   P[i, 2j] = sin(i w_j),  P[i, 2j+1] = cos(i w_j),  w_j = 10000^(-2j/d),
// as four columns over the positions and as a heatmap.
#include <algorithm>
#include <array>

#include "builder_helpers.hpp"
#include "engine/transformer/embedding.hpp"
#include "palette.hpp"
#include "transformer_figures.hpp"

namespace al::fig {

Expected<Figure> positional_encoding_figure(const Settings& s, const FigureContext& ctx) {
  const int n = s.pe_positions, d = s.pe_dim;
  if (ctx.table && static_cast<long long>(n) * d > kMaxTableRows)
    return Error{"pe.positions: " + std::to_string(n) + " positions x " + std::to_string(d) +
                 " dimensions is more than " + std::to_string(kMaxTableRows) +
                 " CSV rows; lower pe.positions or pe.dim"};
  const RowMatrix P = tf::sinusoidal_positions<double>(n, d);

  // F11: the book's columns 6-9 in d2l.plot's format cycle '-', 'm--', 'g-.', 'r:'.
  struct Style {
    Color color;
    Dash dash;
  };
  constexpr std::array<Style, 4> kCycle = {{{palette::kTruth, Dash::Solid},
                                            {palette::kNadarayaWatson, Dash::Dashed},
                                            {palette::kParametric, Dash::DashDot},
                                            {palette::kAverage, Dash::Dotted}}};
  const int first = d >= 10 ? 6 : std::max(0, d - 4);
  std::vector<double> positions;
  for (int i = 0; i < n; ++i) positions.push_back(i);
  Panel columns;
  columns.x = {"Row (position)", 0.0, static_cast<double>(std::max(n - 1, 1))};
  columns.y = {"", -1.1, 1.1};
  columns.legend = s.view_legend;
  for (int c = first; c < std::min(first + 4, d); ++c) {
    std::vector<double> y;
    for (int i = 0; i < n; ++i) y.push_back(P(i, c));
    const Style& style = kCycle[static_cast<std::size_t>(c - first)];
    columns.series.push_back(
        line("Col " + std::to_string(c), positions, std::move(y), style.color, style.dash));
  }
  if (d < 10) columns.note = "pe.dim < 10: the last four columns instead of the book's 6-9";

  Figure f;
  f.name = "positional-encoding";
  f.cols = 2;
  f.width = 960;
  f.height = 420;
  f.panels.push_back(std::move(columns));
  // F12: P itself, signed values on Blues from -1 to 1 (drawn in float; the table keeps double).
  Panel heatmap = heatmap_panel(P.cast<float>(), Colormap::Blues, -1.0, 1.0,
                                "Column (encoding dimension)", "Row (position)");
  heatmap.colorbar = true;
  heatmap.heatmap->value_label = "P";
  f.panels.push_back(std::move(heatmap));

  f.table.columns = {"position", "dim", "value"};
  if (!ctx.table) return f;
  f.table.rows.reserve(static_cast<std::size_t>(n) * static_cast<std::size_t>(d));
  for (int i = 0; i < n; ++i)
    for (int c = 0; c < d; ++c) f.table.rows.push_back({i, c, P(i, c)});
  return f;
}

}  // namespace al::fig
