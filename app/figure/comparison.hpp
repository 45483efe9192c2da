// A/B comparison of what a figure view shows: a snapshot A against the current figure B.
//   Heatmaps: A, B and B − A side by side, the difference in a diverging colormap centred at 0
//   with its own colorbar, and where |B − A| is largest. Matrices of different shapes are refused.
//   Curves: A's series drawn dimmed under B's, panel by panel.
// The numerics are small on purpose (a subtraction and a search); the figure only arranges them.
#pragma once

#include <optional>
#include <string>

#include "engine/expected.hpp"
#include "figure.hpp"

namespace al::fig {

struct MatrixDifference {
  WeightMatrix difference;  // B − A, cell by cell (NaN where either is not finite)
  double max_abs = 0;       // the largest |B − A| over the finite cells (0 when none)
  int row = -1, col = -1;   // where: the first such cell in row-major order (-1: no finite cell)
};

// Why `a` and `b` cannot be compared ("A is 3 × 4 and B is 4 × 4: ..."), or nullopt.
std::optional<std::string> shape_mismatch(const WeightMatrix& a, const WeightMatrix& b);

// B − A and its largest absolute value; an error when the shapes differ.
Expected<MatrixDifference> matrix_difference(const WeightMatrix& a, const WeightMatrix& b);

// The first heatmap panel of `figure`, or null.
const Panel* first_heatmap(const Figure& figure);

// The comparison of two heatmap panels as a figure named `name`: A, B and B − A in one row, a
// note naming the largest |B − A| and its query and key, and (when `table`: a row per cell, so
// frames on screen skip it) the table query,key,a,b,difference. An error when the shapes differ
// or a panel has no heatmap.
Expected<Figure> heatmap_comparison(const Panel& a, const Panel& b, const std::string& name,
                                    bool table = true);

// The grid of a heatmap comparison (heatmap_comparison) drawn `width` × `height`: A, B and B − A
// in one row where the three maps get cells at least 3/4 as wide as tall, else A and B above
// B − A, so that no map becomes a sliver in a narrow view. Other figures are left as they are.
void fit_comparison_grid(Figure& comparison, double width, double height);

// `live` with the series of `snapshot` drawn beneath its own, dimmed and out of the legend but
// for one entry, "A (snapshot)", in each panel both have.
Figure with_snapshot_curves(const Figure& live, const Figure& snapshot);

// A snapshot of `figure` that owns its numbers: each heatmap's values are copied out of the lab,
// which may change them in place (a view's figure shares them), and its revision is cleared so no
// renderer takes the snapshot for the live image.
Figure snapshot(const Figure& figure);

// A/B of a view: a heatmap comparison when A shows a heatmap, else curves under curves (whose
// table is B's).
Expected<Figure> compare_figures(const Figure& a, const Figure& b, bool table = true);

}  // namespace al::fig
