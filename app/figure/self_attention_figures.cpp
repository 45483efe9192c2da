// The self-attention lab's figures (see self_attention_figures.hpp).
#include "self_attention_figures.hpp"

#include <algorithm>

#include "builder_helpers.hpp"
#include "number_format.hpp"
#include "palette.hpp"

namespace al::fig {
namespace {

// Points are marked while at most this many are in view (a point per ten steps).
constexpr std::size_t kMaxCurveMarkers = 60;

// What the command line draws: the sa.* run trained for sa.steps, and sa.input through it (read
// before training, so that a typo costs no training).
struct Trained {
  sa::TrainConfig config;
  sa::Record record;
  sa::Answer answer;
};

Expected<sa::Record> train(const Settings& s) {
  const sa::TrainConfig config = sa::train_config(s);
  if (auto e = sa::validate(config)) return Error{*e};
  return sa::train_for(config, s.sa_steps);
}

Expected<Trained> train_and_answer(const Settings& s) {
  Trained t;
  t.config = sa::train_config(s);
  if (auto e = sa::validate(t.config)) return Error{*e};
  const auto example = sa::parse_example(s.sa_input, t.config.task);
  if (!example) return Error{example.error()};
  t.record = sa::train_for(t.config, s.sa_steps);
  t.answer = sa::answer(*t.record.network, example.value(), sa::Vocab(t.config.task));
  return t;
}

}  // namespace

Figure self_attention_weights_figure(const sa::Answer& a, int step, Colormap colormap,
                                     const FigureContext& ctx) {
  const auto n = static_cast<int>(a.tokens.size());
  Panel p = heatmap_panel(a.weights.cast<float>(), colormap, 0.0, 1.0, "Key positions",
                          "Query positions");
  p.heatmap->row_labels = a.tokens;
  p.heatmap->col_labels = a.tokens;
  p.heatmap->highlight_row = ctx.query >= 0 && ctx.query < n ? ctx.query : n - 1;
  p.colorbar = true;

  Figure f;
  f.name = "self-attention-weights";
  f.title = "Attention after ";
  f.title += count(static_cast<std::size_t>(step), "step");
  // Cells of about 36 points, so that a token fits under each key; bounded for long inputs.
  f.width = std::clamp(36.0 * n + 200.0, 420.0, 1400.0);
  f.height = std::clamp(36.0 * n + 140.0, 320.0, 1300.0);
  f.panels.push_back(std::move(p));

  f.table.columns = {"query", "key", "query_token", "key_token", "weight"};
  if (!ctx.table) return f;
  for (int q = 0; q < n; ++q)
    for (int k = 0; k < n; ++k) {
      f.table.rows.push_back({static_cast<double>(q), static_cast<double>(k), std::nullopt,
                              std::nullopt, a.weights(q, k)});
      f.table.text.push_back(
          {"", "", a.tokens[static_cast<std::size_t>(q)], a.tokens[static_cast<std::size_t>(k)]});
    }
  return f;
}

Figure self_attention_answer_figure(const sa::Answer& a, const sa::Vocab& vocab,
                                    const FigureContext& ctx) {
  std::vector<double> x, p = a.probabilities;
  std::vector<std::string> tokens;
  for (int id = 0; id < vocab.outputs(); ++id) {
    x.push_back(id);
    tokens.push_back(vocab.token(id));
  }
  Panel panel;
  panel.x = {"Answer token", -0.5, static_cast<double>(x.size()) - 0.5, tokens};
  panel.y = {"probability", 0.0, 1.15, {}};
  Series bars;
  bars.kind = Series::Kind::Bars;
  bars.x = x;
  bars.y = p;
  bars.color = palette::kTruth;
  panel.series.push_back(std::move(bars));

  Figure f;
  f.name = "self-attention-answer";
  f.title = "Answer '";
  f.title += vocab.token(a.predicted);
  f.title += a.predicted == a.expected ? "' (right)" : "' (the right one is '";
  if (a.predicted != a.expected) {
    f.title += vocab.token(a.expected);
    f.title += "')";
  }
  f.width = std::clamp(28.0 * static_cast<double>(x.size()) + 120.0, 420.0, 1200.0);
  f.height = 320;
  f.panels.push_back(std::move(panel));

  f.table.columns = {"token", "probability"};
  if (!ctx.table) return f;
  for (std::size_t i = 0; i < x.size(); ++i) {
    f.table.rows.push_back({std::nullopt, p[i]});
    f.table.text.push_back({tokens[i]});
  }
  return f;
}

Figure self_attention_training_figure(const std::vector<sa::CurvePoint>& curve, double chance,
                                      const std::string& note, const FigureContext& ctx) {
  std::vector<double> step, loss, accuracy;
  for (const sa::CurvePoint& c : curve) {
    step.push_back(c.step);
    loss.push_back(c.loss);
    accuracy.push_back(c.accuracy);
  }
  const Axis steps{"step", 0.0, std::max(1.0, step.empty() ? 1.0 : step.back())};

  Panel losses;
  losses.title = "Held-out loss";
  losses.x = steps;
  const double top = loss.empty() ? 1.0 : *std::max_element(loss.begin(), loss.end());
  losses.y = {"cross-entropy", 0.0, 1.05 * std::max(top, 1e-6)};
  losses.series.push_back(line("", step, loss, palette::kLoss, Dash::Solid));
  Series loss_dots = markers("", step, loss, palette::kLoss);
  loss_dots.max_markers = kMaxCurveMarkers;
  losses.series.push_back(std::move(loss_dots));
  losses.note = note;
  if (note.empty() && step.size() <= 1) losses.note = "No steps yet: press Play.";

  Panel right;
  right.title = "Held-out accuracy";
  right.x = steps;
  right.y = {"accuracy", 0.0, 1.02};
  right.series.push_back(line("", step, accuracy, palette::kTokenAccuracy, Dash::Solid));
  Series dots = markers("", step, accuracy, palette::kTokenAccuracy);
  dots.max_markers = kMaxCurveMarkers;
  right.series.push_back(std::move(dots));
  Guide guess;
  guess.vertical = false;
  guess.at = chance;
  guess.color = palette::kGuide;
  guess.label = "chance";
  right.guides.push_back(std::move(guess));

  Figure f;
  f.name = "self-attention-training";
  f.cols = 2;
  f.width = 760;
  f.height = 300;
  f.panels = {std::move(losses), std::move(right)};
  f.table.columns = {"step", "loss", "accuracy"};
  if (!ctx.table) return f;
  for (const sa::CurvePoint& c : curve)
    f.table.rows.push_back({static_cast<double>(c.step), cell(c.loss), cell(c.accuracy)});
  return f;
}

Expected<Figure> self_attention_weights_figure(const Settings& s, const FigureContext& ctx) {
  const auto t = train_and_answer(s);
  if (!t) return Error{t.error()};
  return self_attention_weights_figure(t.value().answer, t.value().record.steps, s.view_colormap,
                                       ctx);
}

Expected<Figure> self_attention_answer_figure(const Settings& s, const FigureContext& ctx) {
  const auto t = train_and_answer(s);
  if (!t) return Error{t.error()};
  return self_attention_answer_figure(t.value().answer, sa::Vocab(t.value().config.task), ctx);
}

Expected<Figure> self_attention_training_figure(const Settings& s, const FigureContext& ctx) {
  const auto r = train(s);
  if (!r) return Error{r.error()};
  return self_attention_training_figure(r.value().curve, 1.0 / s.sa_values, r.value().message, ctx);
}

}  // namespace al::fig
