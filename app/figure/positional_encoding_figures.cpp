// The positional-encoding lab's figures (positional_encoding_figures.hpp). The numbers come from
// the engine: the table P (tf::sinusoidal_positions) and its properties (engine/mechanisms).
#include "positional_encoding_figures.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include "builder_helpers.hpp"
#include "engine/mechanisms/positional_encoding.hpp"
#include "engine/transformer/embedding.hpp"
#include "engine/transformer/model_file.hpp"
#include "number_format.hpp"
#include "palette.hpp"
#include "transformer_figures.hpp"

namespace al::fig {
namespace {

// The first of the four columns drawn as curves: pe.column, kept within the table.
int first_column(const Settings& s) {
  return std::clamp(s.pe_column, 0, std::max(0, s.pe_dim - 4));
}

std::optional<std::string> check_rows(long long rows, const char* what) {
  if (rows <= kMaxTableRows) return std::nullopt;
  std::string message = "pe.positions: the ";
  message += what;
  message += " table would have more than ";
  message += std::to_string(kMaxTableRows);
  return message + " CSV rows; lower pe.positions or pe.dim";
}

constexpr int kMaxOffsetPositions = 1000;

std::vector<double> positions_of(int n) {
  std::vector<double> x;
  for (int i = 0; i < n; ++i) x.push_back(i);
  return x;
}

}  // namespace

int followed_pair(const Settings& s) {
  return std::clamp(s.pe_column / 2, 0, s.pe_dim / 2 - 1);
}

int followed_position(const Settings& s) {
  return std::clamp(s.pe_position, 0, s.pe_positions - 1);
}

// ---------------------------------------------------------------------------------------------
// F11 and F12: P[i, 2j] = sin(i w_j), P[i, 2j+1] = cos(i w_j), w_j = 10000^(-2j/d).

Expected<Figure> positional_encoding_figure(const Settings& s, const FigureContext& ctx) {
  const int n = s.pe_positions, d = s.pe_dim;
  if (ctx.table)
    if (auto e = check_rows(static_cast<long long>(n) * d, "P")) return Error{*e};
  const RowMatrix P = tf::sinusoidal_positions<double>(n, d);
  const int position = followed_position(s);

  // F11: the book's columns 6-9 (pe.column's default) in d2l.plot's format cycle '-', 'm--',
  // 'g-.', 'r:'.
  struct Style {
    Color color;
    Dash dash;
  };
  constexpr std::array<Style, 4> kCycle = {{{palette::kTruth, Dash::Solid},
                                            {palette::kNadarayaWatson, Dash::Dashed},
                                            {palette::kParametric, Dash::DashDot},
                                            {palette::kAverage, Dash::Dotted}}};
  const int first = first_column(s);
  const std::vector<double> positions = positions_of(n);
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
  columns.guides.push_back(
      {true, static_cast<double>(position), palette::kGuide, Dash::Dashed, ""});
  if (first != s.pe_column)
    columns.note = "pe.column " + std::to_string(s.pe_column) + ": the last four columns of " +
                   std::to_string(d);

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
  heatmap.heatmap->highlight_row = position;
  f.panels.push_back(std::move(heatmap));

  f.table.columns = {"position", "dim", "value"};
  if (!ctx.table) return f;
  f.table.rows.reserve(static_cast<std::size_t>(n) * static_cast<std::size_t>(d));
  for (int i = 0; i < n; ++i)
    for (int c = 0; c < d; ++c) f.table.rows.push_back({i, c, P(i, c)});
  return f;
}

// ---------------------------------------------------------------------------------------------
// P_i . P_k = sum_j cos((i - k) w_j): the same for every i at one offset.

Expected<Figure> positional_encoding_offsets_figure(const Settings& s, const FigureContext& ctx) {
  const int n = s.pe_positions, d = s.pe_dim;
  // n x n doubles (and floats to draw): 10 000 positions would be 1.2 GB.
  if (n > kMaxOffsetPositions)
    return Error{"pe.positions: " + std::to_string(n) + " positions make " + std::to_string(n) +
                 " x " + std::to_string(n) + " dot products; this figure takes at most " +
                 std::to_string(kMaxOffsetPositions)};
  if (ctx.table)
    if (auto e = check_rows(static_cast<long long>(n) * n, "dot-product")) return Error{*e};
  const RowMatrix dots = pe::row_dot_products(tf::sinusoidal_positions<double>(n, d));
  const int position = followed_position(s);

  Panel matrix = heatmap_panel(dots.cast<float>(), Colormap::Viridis, dots.minCoeff(), d / 2.0,
                               "Position k", "Position i");
  matrix.title = "P_i · P_k";
  matrix.colorbar = true;
  matrix.heatmap->value_label = "P_i · P_k";
  matrix.heatmap->highlight_row = position;

  // Along the followed row, against the offset: the row's dots fall on the closed form.
  Panel along;
  along.title = "Row " + std::to_string(position) + " against the offset k − i";
  along.x = {"Offset k − i", static_cast<double>(-(n - 1)), static_cast<double>(n - 1)};
  // The closed form's lowest value over the offsets drawn sets the floor (it stays well above
  // -d/2 for d > 2).
  along.legend = s.view_legend;
  std::vector<double> offset, closed;
  for (int t = -4 * (n - 1); t <= 4 * (n - 1); ++t) {
    offset.push_back(t / 4.0);
    closed.push_back(pe::dot_at_offset(t / 4.0, d));
  }
  const double floor = *std::min_element(closed.begin(), closed.end());
  along.y = {"P_i · P_k", floor - 0.05 * d, d / 2.0 + 0.05 * d};
  along.series.push_back(line("Σ_j cos((k − i) w_j)", std::move(offset), std::move(closed),
                              palette::kTruth, Dash::Solid));
  std::vector<double> k_minus_i, row;
  for (int k = 0; k < n; ++k) {
    k_minus_i.push_back(k - position);
    row.push_back(dots(position, k));
  }
  along.series.push_back(markers("P_i · P_k, i = " + std::to_string(position), std::move(k_minus_i),
                                 std::move(row), palette::kAverage));
  along.guides.push_back({true, s.pe_delta, palette::kGuide, Dash::Dashed, "δ"});

  Figure f;
  f.name = "positional-encoding-offsets";
  f.cols = 2;
  f.width = 960;
  f.height = 420;
  f.panels.push_back(std::move(matrix));
  f.panels.push_back(std::move(along));
  f.table.columns = {"i", "k", "dot", "closed_form"};
  if (!ctx.table) return f;
  f.table.rows.reserve(static_cast<std::size_t>(n) * static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i)
    for (int k = 0; k < n; ++k)
      f.table.rows.push_back({i, k, dots(i, k), pe::dot_at_offset(k - i, d)});
  return f;
}

// ---------------------------------------------------------------------------------------------
// [p_{i+δ,2j}; p_{i+δ,2j+1}] = R_j(δ) [p_{i,2j}; p_{i,2j+1}], R_j(δ) = [[cos δw, sin δw],
// [−sin δw, cos δw]]: one matrix for every i.

Expected<Figure> positional_encoding_rotation_figure(const Settings& s, const FigureContext& ctx) {
  const int n = s.pe_positions, d = s.pe_dim;
  const int j = followed_pair(s);
  const int position = followed_position(s);
  const double delta = s.pe_delta;
  const double w = tf::positional_frequency(2 * j, d);
  const Eigen::Matrix2d r = pe::rotation(j, delta, d);
  const Eigen::Vector2d from = pe::pair_at(position, j, d);
  const Eigen::Vector2d to = r * from;

  Panel p;
  p.title = "Columns " + std::to_string(2 * j) + ", " + std::to_string(2 * j + 1) +
            " (w = " + label_number(w) + "): R(δ) moves i to i + δ";
  p.x = {"p_{i, 2j} = sin(i w)", -1.35, 1.35};
  p.y = {"p_{i, 2j+1} = cos(i w)", -1.35, 1.35};
  p.legend = s.view_legend;
  p.equal_aspect = true;
  std::vector<double> cx, cy;
  for (int a = 0; a <= 360; ++a) {
    cx.push_back(std::cos(a * M_PI / 180.0));
    cy.push_back(std::sin(a * M_PI / 180.0));
  }
  p.series.push_back(line("", std::move(cx), std::move(cy), palette::kGrid, Dash::Solid));
  std::vector<double> px, py;
  for (int i = 0; i < n; ++i) {
    const Eigen::Vector2d v = pe::pair_at(i, j, d);
    px.push_back(v(0));
    py.push_back(v(1));
  }
  Series rows = markers("every position", std::move(px), std::move(py), palette::kTruth);
  rows.marker_radius = 2;
  p.series.push_back(std::move(rows));
  // The turn from i to i + δ: the pair at the positions between, an arc of angle δ w.
  std::vector<double> ax, ay;
  for (int t = 0; t <= 64; ++t) {
    const Eigen::Vector2d v = pe::pair_at(position + delta * t / 64.0, j, d);
    ax.push_back(v(0));
    ay.push_back(v(1));
  }
  p.series.push_back(line("", std::move(ax), std::move(ay), palette::kGuide, Dash::Dashed));
  Series at = markers("position i = " + std::to_string(position), {from(0)}, {from(1)},
                      palette::kParametric);
  at.marker_radius = 5;
  p.series.push_back(std::move(at));
  Series moved = markers("R(δ) · p_i = p_{i+δ}, δ = " + label_number(delta), {to(0)}, {to(1)},
                         palette::kAverage);
  moved.marker_radius = 5;
  p.series.push_back(std::move(moved));
  p.texts.push_back(
      {from(0), from(1), "i = " + std::to_string(position), palette::kText, true, false});
  p.texts.push_back(
      {to(0), to(1), "i + δ = " + label_number(position + delta), palette::kText, false, false});
  p.note = "R(δ) = [[" + label_number(r(0, 0)) + ", " + label_number(r(0, 1)) + "], [" +
           label_number(r(1, 0)) + ", " + label_number(r(1, 1)) + "]], the same for every i";

  Figure f;
  f.name = "positional-encoding-rotation";
  f.width = 560;
  f.height = 560;
  f.panels.push_back(std::move(p));
  f.table.columns = {"position", "p_even", "p_odd"};
  if (!ctx.table) return f;
  for (int i = 0; i < n; ++i) {
    const Eigen::Vector2d v = pe::pair_at(i, j, d);
    f.table.rows.push_back({i, v(0), v(1)});
  }
  // The rotated point last, at its (maybe fractional) position.
  f.table.rows.push_back({position + delta, to(0), to(1)});
  return f;
}

// ---------------------------------------------------------------------------------------------
// The book's analogy: in binary, the lowest bit alternates fastest and each higher bit half as
// fast; in P the first columns alternate fastest and each pair further right more slowly.

Expected<Figure> positional_encoding_binary_figure(const Settings& s, const FigureContext& ctx) {
  constexpr int kRows = 8, kBits = 3;  // the book prints 0 to 7 with three bits
  const int columns = std::min(s.pe_dim, 8);
  const RowMatrix bits = pe::binary_counter(kRows, kBits);
  const RowMatrix P = tf::sinusoidal_positions<double>(kRows, s.pe_dim).leftCols(columns);
  const int position = followed_position(s);

  Panel binary = heatmap_panel(bits.cast<float>(), Colormap::Blues, 0.0, 1.0, "Bit", "Number");
  binary.title = "i in binary";
  for (int b = kBits - 1; b >= 0; --b)
    binary.heatmap->col_labels.push_back("2^" + std::to_string(b));
  for (int i = 0; i < kRows; ++i) binary.heatmap->row_labels.push_back(std::to_string(i));
  binary.heatmap->value_label = "bit";
  Panel table = heatmap_panel(P.cast<float>(), Colormap::Blues, -1.0, 1.0,
                              "Column (encoding dimension)", "Row (position)");
  table.title = "P, first " + std::to_string(kRows) + " rows";
  table.colorbar = true;
  table.heatmap->value_label = "P";
  if (position < kRows) {
    binary.heatmap->highlight_row = position;
    table.heatmap->highlight_row = position;
  }

  Figure f;
  f.name = "positional-encoding-binary";
  f.cols = 2;
  f.width = 760;
  f.height = 360;
  f.panels.push_back(std::move(binary));
  f.panels.push_back(std::move(table));
  f.table.columns = {"number", "bit", "value"};
  if (!ctx.table) return f;
  for (int i = 0; i < kRows; ++i)
    for (int b = 0; b < kBits; ++b) f.table.rows.push_back({i, kBits - 1 - b, bits(i, b)});
  return f;
}

// ---------------------------------------------------------------------------------------------
// Learned against sinusoidal: the cosines between the rows of a trained table and of P of the
// same shape. Both are bright near the diagonal if the model learned that near positions are alike.

Expected<Figure> learned_positions_figure(const tf::Transformer<float>& model, const Settings& s,
                                          const FigureContext& ctx) {
  if (model.config.positional != tf::Positional::Learned)
    return Error{"model.path: this model's positions are " +
                 std::string(tf::name(model.config.positional)) +
                 ", not learned; train one with `attention-lab train reverse --set "
                 "tf.positional=learned --out FILE`"};
  const bool encoder = model.config.arch != tf::Arch::Decoder;
  const tf::Mat<double> learned =
      (encoder ? model.src_pos : model.tgt_pos).weight.value.cast<double>();
  const auto n = static_cast<int>(learned.rows()), d = static_cast<int>(learned.cols());
  if (ctx.table)
    if (auto e = check_rows(static_cast<long long>(n) * n, "cosine")) return Error{*e};
  const RowMatrix a = pe::row_cosines(learned);
  const RowMatrix b = pe::row_cosines(tf::sinusoidal_positions<double>(n, d));
  const int position = std::clamp(s.pe_position, 0, n - 1);

  Figure f;
  f.name = "positional-encoding-learned";
  f.cols = 2;
  f.width = 900;
  f.height = 420;
  for (const auto& [m, title] :
       {std::pair{&a, std::string(encoder ? "Learned (encoder), " : "Learned (decoder), ") +
                          std::to_string(n) + " x " + std::to_string(d)},
        std::pair{&b, std::string("Sinusoidal, same shape")}}) {
    Panel p =
        heatmap_panel(m->cast<float>(), Colormap::Viridis, -1.0, 1.0, "Position k", "Position i");
    p.title = title;
    p.colorbar = true;
    p.heatmap->value_label = "cos(P_i, P_k)";
    p.heatmap->highlight_row = position;
    f.panels.push_back(std::move(p));
  }
  f.table.columns = {"i", "k", "learned", "sinusoidal"};
  if (!ctx.table) return f;
  for (int i = 0; i < n; ++i)
    for (int k = 0; k < n; ++k) f.table.rows.push_back({i, k, a(i, k), b(i, k)});
  return f;
}

Expected<Figure> positional_encoding_learned_figure(const Settings& s, const FigureContext& ctx) {
  if (s.model_path.empty())
    return Error{"model.path: set it to a Transformer trained with tf.positional=learned"};
  auto model = tf::load_model(s.model_path);
  if (!model) return Error{model.error()};
  return learned_positions_figure(model.value(), s, ctx);
}

}  // namespace al::fig
