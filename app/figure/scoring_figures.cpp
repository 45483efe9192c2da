// The scoring lab's figures (see scoring_figures.hpp): the engine computes (engine/mechanisms/
// scoring.hpp); these arrange its numbers.
#include "scoring_figures.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "builder_helpers.hpp"
#include "engine/mechanisms/scoring.hpp"
#include "number_format.hpp"
#include "palette.hpp"

namespace al::fig {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The problem, its result and what the views follow.
struct Scene {
  scoring::Problem problem;
  scoring::Result result;
  int nq = 0, nk = 0;
  int query = -1, key = -1;  // followed, or -1
  bool masks() const { return problem.valid_len < nk; }
};

Expected<Scene> scene_of(const Settings& s) {
  auto problem = scoring::problem_of(s);
  if (!problem) return Error{problem.error()};
  Scene scene;
  scene.problem = std::move(problem).value();
  scene.result = scoring::score(scene.problem);
  scene.nq = static_cast<int>(scene.problem.Q.rows());
  scene.nk = static_cast<int>(scene.problem.K.rows());
  if (s.scoring_query < scene.nq) scene.query = s.scoring_query;
  if (s.scoring_key < scene.nk) scene.key = s.scoring_key;
  return scene;
}

std::vector<std::string> names(const char* prefix, int n) {
  std::vector<std::string> out;
  for (int i = 0; i < n; ++i) out.push_back(prefix + std::to_string(i));
  return out;
}

Panel matrix_panel(const Scene& scene, const scoring::Mat& m, Colormap colormap,
                   std::string value_label) {
  double lo = m.size() ? m.minCoeff() : 0.0, hi = m.size() ? m.maxCoeff() : 1.0;
  if (value_label == "weight") lo = 0.0;
  if (!(hi > lo)) hi = lo + 1.0;
  Panel p = heatmap_panel(m.cast<float>(), colormap, lo, hi, "Keys", "Queries");
  Heatmap& h = *p.heatmap;
  h.row_labels = names("q", scene.nq);
  h.col_labels = names("k", scene.nk);
  h.value_label = std::move(value_label);
  if (scene.query >= 0) h.highlight_row = scene.query;
  if (scene.key >= 0) h.highlight_col = scene.key;
  p.colorbar = true;
  return p;
}

std::string temperature_text(double t) {
  return t == 1.0 ? std::string() : ", T = " + label_number(t);
}

// What the mask did, said once under the weights.
std::string mask_note(const Scene& scene) {
  const int L = scene.problem.valid_len;
  if (L == 0)
    return "valid_len 0: every score became -1e6, all equal, so the softmax gives each key 1/" +
           std::to_string(scene.nk) + " (the book's uniform weights, not NaN)";
  if (!scene.masks()) return {};
  return "grey: keys " + std::to_string(L) + " and after are masked (score -> -1e6, weight 0)";
}

}  // namespace

Expected<Figure> scoring_figure(const Settings& s, const FigureContext& ctx) {
  auto made = scene_of(s);
  if (!made) return Error{made.error()};
  const Scene& scene = made.value();
  const scoring::Result& r = scene.result;

  Panel scores = matrix_panel(scene, r.scores, s.view_colormap, "score");
  scores.title = "Scores: " + std::string(name(s.scoring_function));
  Panel weights = matrix_panel(scene, r.weights, s.view_colormap, "weight");
  weights.title = "Weights: softmax(score" +
                  std::string(s.scoring_temperature == 1.0 ? "" : " / T") + ")" +
                  temperature_text(s.scoring_temperature);
  if (scene.masks()) {
    scores.heatmap->valid_cols = scene.problem.valid_len;
    if (scene.problem.valid_len > 0) weights.heatmap->valid_cols = scene.problem.valid_len;
  }
  weights.note = mask_note(scene);

  Figure f;
  f.name = "scoring";
  f.cols = 2;
  f.width = 760;
  f.height = 340;
  f.panels = {std::move(scores), std::move(weights)};
  f.table.columns = {"query", "key", "score", "weight"};
  if (!ctx.table) return f;
  for (int i = 0; i < scene.nq; ++i)
    for (int j = 0; j < scene.nk; ++j)
      f.table.rows.push_back({i, j, r.scores(i, j), r.weights(i, j)});
  return f;
}

Expected<Figure> scoring_plane_figure(const Settings& s, const FigureContext& ctx) {
  auto made = scene_of(s);
  if (!made) return Error{made.error()};
  const Scene& scene = made.value();
  const scoring::Problem& p = scene.problem;
  const scoring::Result& r = scene.result;
  // The plane shows the first two coordinates (0 for a missing one).
  const auto coord = [](const scoring::Mat& m, int row, int c) {
    return c < m.cols() ? m(row, c) : 0.0;
  };

  Panel panel;
  panel.title = scene.query >= 0
                    ? "Query q" + std::to_string(scene.query) + ": keys sized by its weights"
                    : "Queries and keys";
  panel.legend = s.view_legend;
  panel.equal_aspect = true;
  double lo_x = -2, hi_x = 2, lo_y = -2, hi_y = 2;
  const auto grow = [&](double x, double y) {
    lo_x = std::min(lo_x, x), hi_x = std::max(hi_x, x);
    lo_y = std::min(lo_y, y), hi_y = std::max(hi_y, y);
  };
  // Lines from the followed query to each key, as dark as its weight.
  if (scene.query >= 0)
    for (int j = 0; j < scene.nk; ++j) {
      Color c = palette::kGuide;
      c.a = static_cast<float>(0.08 + 0.8 * r.weights(scene.query, j));
      Series link = line("", {coord(p.Q, scene.query, 0), coord(p.K, j, 0)},
                         {coord(p.Q, scene.query, 1), coord(p.K, j, 1)}, c, Dash::Solid);
      link.width = 1.0 + 3.0 * r.weights(scene.query, j);
      panel.series.push_back(std::move(link));
    }
  std::vector<double> mx, my;
  std::vector<int> label_of(static_cast<std::size_t>(scene.nk), -1);  // key -> its text mark
  Series keys = markers("keys (value v)", {}, {}, palette::kKey);
  keys.marker_radius = 4;
  keys.max_marker_scale = 3;
  for (int j = 0; j < scene.nk; ++j) {
    const double x = coord(p.K, j, 0), y = coord(p.K, j, 1);
    grow(x, y);
    const bool masked = j >= p.valid_len && scene.masks();
    (masked ? mx : keys.x).push_back(x);
    (masked ? my : keys.y).push_back(y);
    if (!masked && scene.query >= 0) {
      const double w = r.weights(scene.query, j);
      keys.marker_scale.push_back(0.6 + 2.4 * std::sqrt(w));
      keys.marker_alpha.push_back(0.35 + 0.65 * std::sqrt(w));
    }
    // Keys at one spot (the book's ten equal keys) share one label instead of ten overprinted.
    int first = 0;
    while (coord(p.K, first, 0) != x || coord(p.K, first, 1) != y) ++first;
    if (first < j) {
      std::string& shared =
          panel.texts[static_cast<std::size_t>(label_of[static_cast<std::size_t>(first)])].text;
      shared = shared.substr(0, shared.find(" +"));
      shared += " +";
      shared += std::to_string(j - first);
      shared += " more here";
      continue;
    }
    label_of[static_cast<std::size_t>(j)] = static_cast<int>(panel.texts.size());
    std::string label = "k" + std::to_string(j);
    label += " v=";
    label += label_number(p.values[j]);
    panel.texts.push_back(
        {x, y, label, masked ? palette::kNoteText : palette::kText, false, j == scene.key});
  }
  panel.series.push_back(std::move(keys));
  if (!mx.empty()) {
    Series masked = markers("masked keys", mx, my, palette::kUndefinedCell);
    masked.marker_radius = 4;
    panel.series.push_back(std::move(masked));
  }
  Series queries = markers("queries (output o)", {}, {}, palette::kQuery);
  queries.marker_radius = 5;
  for (int i = 0; i < scene.nq; ++i) {
    const double x = coord(p.Q, i, 0), y = coord(p.Q, i, 1);
    grow(x, y);
    queries.x.push_back(x);
    queries.y.push_back(y);
    std::string label = "q" + std::to_string(i);
    label += " o=";
    label += label_number(r.outputs[i]);
    panel.texts.push_back({x, y, label, palette::kQuery, true, i == scene.query});
  }
  panel.series.push_back(std::move(queries));
  const double pad_x = 0.15 * (hi_x - lo_x), pad_y = 0.15 * (hi_y - lo_y);
  panel.x = {"coordinate 1", lo_x - pad_x, hi_x + pad_x};
  panel.y = {"coordinate 2", lo_y - pad_y, hi_y + pad_y};
  if (p.Q.cols() != 2 || p.K.cols() != 2)
    panel.note = "Queries of " + std::to_string(p.Q.cols()) + " and keys of " +
                 std::to_string(p.K.cols()) +
                 " numbers: the plane shows their first two (0 where missing)";

  Figure f;
  f.name = "scoring-plane";
  f.width = 520;
  f.height = 480;
  f.panels.push_back(std::move(panel));
  f.table.columns = {"kind", "index", "x1", "x2", "value", "output"};
  if (!ctx.table) return f;
  for (int i = 0; i < scene.nq; ++i) {
    f.table.rows.push_back(
        {std::nullopt, i, coord(p.Q, i, 0), coord(p.Q, i, 1), std::nullopt, r.outputs[i]});
    f.table.text.push_back({"query"});
  }
  for (int j = 0; j < scene.nk; ++j) {
    f.table.rows.push_back(
        {std::nullopt, j, coord(p.K, j, 0), coord(p.K, j, 1), p.values[j], std::nullopt});
    f.table.text.push_back({"key"});
  }
  return f;
}

Expected<Figure> scoring_query_figure(const Settings& s, const FigureContext& ctx) {
  auto made = scene_of(s);
  if (!made) return Error{made.error()};
  const Scene& scene = made.value();
  const scoring::Problem& p = scene.problem;
  const scoring::Result& r = scene.result;
  const int q = scene.query;

  Figure f;
  f.name = "scoring-query";
  f.cols = 2;
  f.width = 760;
  f.height = 320;
  f.table.columns = {"key", "score", "logit", "weight", "value", "weighted_value"};
  if (q < 0) {
    Panel empty;
    empty.title = "No query followed";
    empty.note = "Click a query (scoring.query) to see its weights and output.";
    f.cols = 1;
    f.panels.push_back(std::move(empty));
    return f;
  }

  std::vector<double> x, visible, masked;
  std::vector<std::string> labels;
  for (int j = 0; j < scene.nk; ++j) {
    const bool hidden = scene.masks() && j >= p.valid_len;
    x.push_back(j);
    visible.push_back(hidden ? kNaN : r.weights(q, j));
    // Masked keys get a grey stub (their weight is 0), except at valid_len 0, where every key is
    // masked and the weights are uniform.
    masked.push_back(hidden ? (p.valid_len == 0 ? r.weights(q, j) : 0.0) : kNaN);
    labels.push_back("k" + std::to_string(j));
  }
  Panel bars;
  bars.title = "Weights of q" + std::to_string(q) + temperature_text(s.scoring_temperature);
  bars.x = {"", -0.5, scene.nk - 0.5, labels};
  bars.y = {"weight", 0.0, 1.15, {}};
  Series b;
  b.kind = Series::Kind::Bars;
  b.x = x;
  b.y = visible;
  b.color = palette::kKey;
  bars.series.push_back(b);
  if (scene.masks()) {
    b.y = masked;
    b.color = palette::kUndefinedCell;
    bars.series.push_back(b);
  }
  if (scene.key >= 0) {
    Guide g;
    g.at = scene.key;
    g.color = palette::kGuide;
    bars.guides.push_back(g);
  }
  bars.note = mask_note(scene);

  // The output is the weighted mean of the values: the point where the weights balance.
  Panel balance;
  balance.title = "Output o = Σ weight · value = " + label_number(r.outputs[q]);
  double lo = p.values.minCoeff(), hi = p.values.maxCoeff();
  const double pad = hi > lo ? 0.1 * (hi - lo) : 1.0;
  balance.x = {"value v", lo - pad, hi + pad};
  balance.y = {"weight", 0.0, 1.15};
  for (int j = 0; j < scene.nk; ++j)
    balance.series.push_back(
        line("", {p.values[j], p.values[j]}, {0.0, r.weights(q, j)}, palette::kKey, Dash::Solid));
  Series tips = markers("keys: (value, weight)", {}, {}, palette::kKey);
  for (int j = 0; j < scene.nk; ++j) {
    tips.x.push_back(p.values[j]);
    tips.y.push_back(r.weights(q, j));
  }
  balance.series.push_back(std::move(tips));
  Series out = markers("output", {r.outputs[q]}, {0.0}, palette::kOutput);
  out.marker_radius = 6;
  balance.series.push_back(std::move(out));
  Guide g;
  g.at = r.outputs[q];
  g.color = palette::kOutput;
  balance.guides.push_back(g);
  balance.legend = s.view_legend;

  f.panels = {std::move(bars), std::move(balance)};
  if (!ctx.table) return f;
  for (int j = 0; j < scene.nk; ++j)
    f.table.rows.push_back({j, r.scores(q, j), r.logits(q, j), r.weights(q, j), p.values[j],
                            r.weights(q, j) * p.values[j]});
  return f;
}

}  // namespace al::fig
