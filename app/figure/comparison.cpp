// A/B comparison (see comparison.hpp).
#include "comparison.hpp"

#include <cmath>
#include <memory>

#include "builder_helpers.hpp"
#include "number_format.hpp"

namespace al::fig {
namespace {

// The dimmed copy of a snapshot's series: this fraction of its opacity.
constexpr float kSnapshotAlpha = 0.3f;

std::string shape_text(const WeightMatrix& m) {
  return std::to_string(m.rows()) + " × " + std::to_string(m.cols());
}

// "query 3 'je'", "query 3 (x = 1.2)" or "query 3": the row or column's label as the heatmap has
// one.
std::string position_text(const char* what, int i, const std::vector<std::string>& labels,
                          const std::vector<double>& coords) {
  std::string text = std::string(what) + " " + std::to_string(i);
  if (i < static_cast<int>(labels.size()))
    text += " '" + labels[static_cast<std::size_t>(i)] + "'";
  else if (i < static_cast<int>(coords.size()))
    text += " (x = " + label_number(coords[static_cast<std::size_t>(i)]) + ")";
  return text;
}

std::string panel_name(const Panel& p) {
  if (!p.heatmap->name.empty()) return p.heatmap->name;
  return p.title;
}

// A copy of a heatmap panel titled `title`, with a colorbar of its own.
Panel titled(const Panel& p, const std::string& title) {
  Panel out = p;
  out.title = title;
  out.colorbar = true;
  out.legend = LegendPlacement::None;
  out.note.clear();
  return out;
}

}  // namespace

std::optional<std::string> shape_mismatch(const WeightMatrix& a, const WeightMatrix& b) {
  if (a.rows() == b.rows() && a.cols() == b.cols()) return std::nullopt;
  return "A is " + shape_text(a) + " and B is " + shape_text(b) +
         ": matrices of different shapes do not compare";
}

Expected<MatrixDifference> matrix_difference(const WeightMatrix& a, const WeightMatrix& b) {
  if (auto why = shape_mismatch(a, b)) return Error{*why};
  MatrixDifference d;
  d.difference.resize(a.rows(), a.cols());
  for (Eigen::Index r = 0; r < a.rows(); ++r)
    for (Eigen::Index c = 0; c < a.cols(); ++c) {
      // In double: B − A of two nearby floats keeps its digits before it is stored.
      const double delta = static_cast<double>(b(r, c)) - static_cast<double>(a(r, c));
      d.difference(r, c) = static_cast<float>(delta);
      if (!std::isfinite(delta)) continue;
      if (d.row < 0 || std::abs(delta) > d.max_abs) {
        d.max_abs = std::abs(delta);
        d.row = static_cast<int>(r);
        d.col = static_cast<int>(c);
      }
    }
  return d;
}

const Panel* first_heatmap(const Figure& figure) {
  for (const Panel& p : figure.panels)
    if (p.heatmap && p.heatmap->values) return &p;
  return nullptr;
}

Expected<Figure> heatmap_comparison(const Panel& a, const Panel& b, const std::string& name,
                                    bool table) {
  if (!a.heatmap || !a.heatmap->values) return Error{"A shows no heatmap to compare"};
  if (!b.heatmap || !b.heatmap->values) return Error{"B shows no heatmap to compare with A"};
  const WeightMatrix& va = *a.heatmap->values;
  const WeightMatrix& vb = *b.heatmap->values;
  auto diff = matrix_difference(va, vb);
  if (!diff) return Error{diff.error()};
  MatrixDifference& d = diff.value();

  Figure f;
  f.name = name;
  f.rows = 1;
  f.cols = 3;
  f.width = 1080;
  f.height = 400;
  f.panels.push_back(titled(a, "A · " + panel_name(a)));
  f.panels.push_back(titled(b, "B · " + panel_name(b)));
  // The difference: white at 0 whatever its range, so the sign reads at a glance.
  const double m = d.max_abs > 0 ? d.max_abs : 1.0;
  Panel delta = titled(b, "B − A");
  delta.heatmap->values = std::make_shared<const WeightMatrix>(std::move(d.difference));
  delta.heatmap->colormap = Colormap::Diverging;
  delta.heatmap->vmin = -m;
  delta.heatmap->vmax = m;
  delta.heatmap->value_label = "B − A";
  delta.heatmap->name = "B − A";
  delta.heatmap->revision = 0;  // a new matrix: no image of it is cached anywhere
  const Heatmap& hb = *b.heatmap;
  if (d.row >= 0) {
    delta.note = "largest |B − A| = " + label_number(d.max_abs) + " at " +
                 position_text("query", d.row, hb.row_labels, hb.row_coords) + ", " +
                 position_text("key", d.col, hb.col_labels, hb.col_coords);
    delta.heatmap->highlight_row = d.row;
    delta.heatmap->highlight_col = d.col;
  } else {
    delta.note = "no cell where both are defined";
  }
  f.panels.push_back(std::move(delta));

  if (!table) return f;
  Table& t = f.table;
  t.columns = {"query", "key", "a", "b", "difference"};
  t.float_columns = {false, false, true, true, false};
  for (Eigen::Index r = 0; r < va.rows(); ++r)
    for (Eigen::Index c = 0; c < va.cols(); ++c)
      t.rows.push_back({static_cast<double>(r), static_cast<double>(c), cell(va(r, c)),
                        cell(vb(r, c)),
                        cell(static_cast<double>(vb(r, c)) - static_cast<double>(va(r, c)))});
  return f;
}

void fit_comparison_grid(Figure& comparison, double width, double height) {
  if (comparison.panels.size() != 3 || !comparison.panels[0].heatmap) return;
  const bool row = width / 3 >= 0.75 * height;
  comparison.rows = row ? 1 : 2;
  comparison.cols = row ? 3 : 2;
}

Figure with_snapshot_curves(const Figure& live, const Figure& snapshot) {
  Figure f = live;
  const std::size_t n = std::min(f.panels.size(), snapshot.panels.size());
  for (std::size_t i = 0; i < n; ++i) {
    std::vector<Series> under;
    for (const Series& s : snapshot.panels[i].series) {
      if (s.highlight) continue;  // the snapshot's hovered dot is no part of what it showed
      Series dim = s;
      dim.label.clear();
      dim.color.a *= kSnapshotAlpha;
      for (double& a : dim.marker_alpha) a *= kSnapshotAlpha;
      under.push_back(std::move(dim));
    }
    if (under.empty()) continue;
    under.front().label = "A (snapshot)";
    Panel& p = f.panels[i];
    if (p.legend == LegendPlacement::None) p.legend = LegendPlacement::Auto;
    under.insert(under.end(), std::make_move_iterator(p.series.begin()),
                 std::make_move_iterator(p.series.end()));
    p.series = std::move(under);
  }
  return f;
}

Figure snapshot(const Figure& figure) {
  Figure out = figure;
  for (Panel& p : out.panels) {
    if (!p.heatmap) continue;
    if (p.heatmap->values)
      p.heatmap->values = std::make_shared<const WeightMatrix>(*p.heatmap->values);
    p.heatmap->revision = 0;
  }
  return out;
}

Expected<Figure> compare_figures(const Figure& a, const Figure& b, bool table) {
  if (const Panel* pa = first_heatmap(a)) {
    const Panel* pb = first_heatmap(b);
    if (!pb) return Error{"B shows no heatmap to compare with A"};
    return heatmap_comparison(*pa, *pb, b.name, table);
  }
  return with_snapshot_curves(b, a);
}

}  // namespace al::fig
