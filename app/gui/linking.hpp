// Linking the views: which query the mouse points at, and how to describe it. The hovered query
// is the heatmap row under the mouse or the query nearest the mouse's x on the regression plot;
// every figure highlights it (or, when nothing is hovered, the selected one).
#pragma once

#include <string>
#include <vector>

#include "app_state.hpp"

namespace al::gui {

// Index of the value in ascending `sorted` closest to x; -1 when empty.
int nearest_index(const std::vector<double>& sorted, double x);

// The `k` largest positive entries of row `row`, largest first (ties: the lower index first);
// keys a query gives no weight to are never among its top keys.
std::vector<int> top_entries(const WeightMatrix& m, int row, int k);

// The query every figure highlights this frame: hovered, else selected (view.query), else -1.
int highlighted_query(const AppState& s);

// "query 12: x = 1.20 · Nadaraya-Watson 2.34 · top keys 30 (x = 3.05, 0.21), ..." for the
// highlighted query, or "" when there is none.
std::string query_summary(const AppState& s);

}  // namespace al::gui
