// The restaurant lab's figures (see restaurant_figures.hpp).
#include "restaurant_figures.hpp"

#include <algorithm>
#include <string>

#include "builder_helpers.hpp"
#include "engine/mechanisms/restaurant.hpp"
#include "number_format.hpp"
#include "palette.hpp"

namespace al::fig {

Expected<Figure> restaurant_figure(const Settings& s, const FigureContext& ctx) {
  auto ranked = restaurant::rank(s);
  if (!ranked) return Error{ranked.error()};
  const restaurant::Ranking& r = ranked.value();
  const auto n = static_cast<int>(r.order.size());

  std::vector<double> x, scores, weights;
  std::vector<std::string> labels;
  for (int place = 0; place < n; ++place) {
    const int i = r.order[static_cast<std::size_t>(place)];
    x.push_back(place);
    scores.push_back(r.scores[i]);
    weights.push_back(r.weights[i]);
    labels.push_back(s.restaurant_names[static_cast<std::size_t>(i)]);
  }
  const auto bars_panel = [&](std::string title, std::vector<double> y, std::string y_label,
                              double top) {
    Panel p;
    p.title = std::move(title);
    p.x = {"", -0.5, n - 0.5, labels};
    p.y = {std::move(y_label), std::min(0.0, *std::min_element(y.begin(), y.end()) * 1.15), top};
    Series b;
    b.kind = Series::Kind::Bars;
    b.x = x;
    b.y = std::move(y);
    b.color = palette::kKey;
    p.series.push_back(std::move(b));
    const int selected = s.restaurant_selected;
    if (selected >= 0 && selected < n) {
      Guide g;
      g.at = static_cast<double>(std::find(r.order.begin(), r.order.end(), selected) -
                                 r.order.begin());
      g.color = palette::kGuide;
      p.guides.push_back(g);
    }
    return p;
  };
  const double top_score = std::max(1e-9, r.scores.maxCoeff()) * 1.2;
  Panel score =
      bars_panel(s.restaurant_function == ScoringFunction::Dot ? "Scores q·k" : "Scores q·k/√d",
                 scores, "score", top_score);
  Panel weight =
      bars_panel("Weights softmax(score / T), T = " + label_number(s.restaurant_temperature),
                 weights, "weight", 1.15);
  weight.note = "Your best match: " + labels.front() + " (" + label_number(weights.front()) +
                " of the attention)";

  Figure f;
  f.name = "restaurant";
  f.rows = 2;  // one above the other, so each bar has room for its restaurant's name
  f.width = 560;
  f.height = 520;
  f.panels = {std::move(score), std::move(weight)};
  f.table.columns = {"rank", "restaurant", "name", "score", "weight"};
  if (!ctx.table) return f;
  for (int place = 0; place < n; ++place) {
    const int i = r.order[static_cast<std::size_t>(place)];
    f.table.rows.push_back({place + 1, i, std::nullopt, r.scores[i], r.weights[i]});
    f.table.text.push_back({"", "", s.restaurant_names[static_cast<std::size_t>(i)]});
  }
  return f;
}

Expected<Figure> restaurant_features_figure(const Settings& s, const FigureContext& ctx) {
  auto ranked = restaurant::rank(s);
  if (!ranked) return Error{ranked.error()};
  const restaurant::Ranking& r = ranked.value();
  const Vectors& k = s.restaurant_keys;
  const int n = k.count(), f_count = k.dim;

  // Rows: each restaurant, then the expected restaurant, then your preferences.
  WeightMatrix m(n + 2, f_count);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < f_count; ++j) m(i, j) = static_cast<float>(k.at(i, j));
  for (int j = 0; j < f_count; ++j) {
    m(n, j) = static_cast<float>(r.expected[j]);
    m(n + 1, j) = static_cast<float>(s.restaurant_query[static_cast<std::size_t>(j)]);
  }
  Panel p = heatmap_panel(m, s.view_colormap, std::min(0.0f, m.minCoeff()),
                          std::max(1.0f, m.maxCoeff()), "Features (keys)", "");
  p.title = "The expected restaurant Σ weight · features, beside you";
  Heatmap& h = *p.heatmap;
  for (int i = 0; i < n; ++i) {
    std::string label = s.restaurant_names[static_cast<std::size_t>(i)];
    label += " (";
    label += label_number(r.weights[i]);
    label += ")";
    h.row_labels.push_back(std::move(label));
  }
  h.row_labels.push_back("expected");
  h.row_labels.push_back("you (query)");
  h.col_labels = s.restaurant_features;
  h.value_label = "value";
  if (s.restaurant_selected >= 0 && s.restaurant_selected < n)
    h.highlight_row = s.restaurant_selected;
  p.colorbar = true;

  Figure f;
  f.name = "restaurant-features";
  f.width = 560;
  f.height = 380;
  f.panels.push_back(std::move(p));
  f.table.columns = {"name", "weight"};
  for (const std::string& feature : s.restaurant_features) f.table.columns.push_back(feature);
  if (!ctx.table) return f;
  for (int row = 0; row < n + 2; ++row) {
    std::vector<std::optional<double>> cells = {std::nullopt};
    cells.push_back(row < n ? std::optional<double>(r.weights[row]) : std::nullopt);
    for (int j = 0; j < f_count; ++j)
      cells.push_back(row < n    ? k.at(row, j)
                      : row == n ? r.expected[j]
                                 : s.restaurant_query[static_cast<std::size_t>(j)]);
    f.table.rows.push_back(std::move(cells));
    f.table.text.push_back({row < n    ? s.restaurant_names[static_cast<std::size_t>(row)]
                            : row == n ? "expected"
                                       : "query"});
  }
  return f;
}

}  // namespace al::fig
