// bahdanau-score: one step's additive score taken apart.
#include "bahdanau_score_figure.hpp"

#include <algorithm>
#include <array>
#include <limits>

#include "builder_helpers.hpp"
#include "number_format.hpp"
#include "palette.hpp"

namespace al::fig {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// A bar per key, the followed key's in red (a second series, NaN elsewhere).
Panel key_bars(const std::string& title, const tf::RowVec<double>& values,
               const std::vector<std::string>& keys, int followed) {
  Panel p;
  p.title = title;
  std::vector<double> x, y, mark(static_cast<std::size_t>(values.size()), kNaN);
  for (Eigen::Index k = 0; k < values.size(); ++k) {
    x.push_back(static_cast<double>(k));
    y.push_back(k == followed ? kNaN : values[k]);
  }
  mark[static_cast<std::size_t>(followed)] = values[followed];
  Series all = line("", x, y, palette::kAlignmentLink, Dash::Solid);
  all.kind = Series::Kind::Bars;
  Series one = line("", x, mark, palette::kFollowedLink, Dash::Solid);
  one.kind = Series::Kind::Bars;
  const double lo = std::min(0.0, values.minCoeff()), hi = std::max(0.0, values.maxCoeff());
  const double pad = 0.15 * std::max(hi - lo, 1e-9);
  p.x = {"", -0.6, static_cast<double>(values.size()) - 0.4, keys};
  p.y = {"", lo < 0.0 ? lo - pad : 0.0, hi + pad};
  p.series = {std::move(all), std::move(one)};
  return p;
}

}  // namespace

Expected<Figure> bahdanau_score_figure(const BahdanauScene& sc, const FigureContext& ctx) {
  const bahdanau::BahdanauRun& run = sc.run;
  const bahdanau::StepParts& parts = run.steps[static_cast<std::size_t>(sc.step)];
  const std::array<std::pair<const char*, tf::RowVec<double>>, 6> rows = {{
      {"query", parts.query},
      {"W_q q", parts.query_projection},
      {"W_k k", run.key_projection.row(sc.key)},
      {"tanh", parts.features.row(sc.key)},
      {"w_v", run.w_v},
      {"context", parts.context},
  }};
  const Eigen::Index H = run.w_v.size();
  tf::Mat<double> m(static_cast<Eigen::Index>(rows.size()), H);
  for (std::size_t i = 0; i < rows.size(); ++i)
    m.row(static_cast<Eigen::Index>(i)) = rows[i].second;
  Panel vectors = heatmap_panel(m.cast<float>(), Colormap::Viridis, m.minCoeff(), m.maxCoeff(),
                                "Hidden unit", "");
  vectors.heatmap->row_labels = {"q = s(t-1)",          "W_q q", "W_k k",
                                 "tanh(W_q q + W_k k)", "w_v",   "context c"};
  vectors.heatmap->value_label = "value";
  vectors.colorbar = true;

  const std::string& key_token = run.source[static_cast<std::size_t>(sc.key)];
  Figure f;
  f.name = "bahdanau-score";
  f.title = "Step " + std::to_string(sc.step) + " (input '" +
            run.decoder_tokens[static_cast<std::size_t>(sc.step)] + "'), key " +
            std::to_string(sc.key) + " '" + key_token + "': score " +
            label_number(parts.scores[sc.key]) + ", weight " + label_number(parts.weights[sc.key]);
  f.rows = 3;
  f.width = 640;
  f.height = 760;  // the parts heatmap labels each of its six rows from about 240 points on
  f.panels.push_back(std::move(vectors));
  f.panels.push_back(
      key_bars("score = w_v . tanh(W_q q + W_k k), per key", parts.scores, run.source, sc.key));
  f.panels.push_back(key_bars("weight = softmax of the scores", parts.weights, run.source, sc.key));

  f.table.columns = {"part", "index", "value"};
  if (!ctx.table) return f;
  const auto add = [&](const std::string& part, const tf::RowVec<double>& v) {
    for (Eigen::Index i = 0; i < v.size(); ++i) {
      f.table.rows.push_back({std::nullopt, static_cast<double>(i), cell(v[i])});
      f.table.text.push_back({part});
    }
  };
  for (const auto& [part, v] : rows) add(part, v);
  add("score", parts.scores);
  add("weight", parts.weights);
  return f;
}

Expected<Figure> bahdanau_score_figure(const Settings& s, const FigureContext& ctx) {
  auto run = run_at_model_path(s);
  if (!run) return Error{run.error()};
  return bahdanau_score_figure(settings_scene(run.value(), s), ctx);
}

}  // namespace al::fig
