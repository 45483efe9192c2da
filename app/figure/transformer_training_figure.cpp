// transformer-training (see transformer_training_figure.hpp).
#include "transformer_training_figure.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <tuple>

#include "builder_helpers.hpp"
#include "engine/transformer/train_config.hpp"
#include "palette.hpp"

namespace al::fig {
namespace {

// Evaluations are marked while at most this many are in view (every evaluation of a usual run).
constexpr std::size_t kMaxEvaluationMarkers = 60;

struct Row {
  std::optional<double> loss, token_accuracy, heldout_token, heldout_sequence;
};

}  // namespace

Figure transformer_training_figure(const tf::TrainerHistory& h, const std::string& note,
                                   const FigureContext& ctx) {
  std::vector<double> step, loss, eval_step, token, sequence;
  for (const tf::LossPoint& p : h.steps) {
    step.push_back(p.step);
    loss.push_back(p.loss);
  }
  for (const tf::EvalPoint& e : h.evaluations) {
    eval_step.push_back(e.step);
    token.push_back(e.token_accuracy);
    sequence.push_back(e.sequence_accuracy);
  }
  // Both panels share the step axis: from 0 to the last step recorded (at least 1).
  double last = 1;
  if (!step.empty()) last = std::max(last, step.back());
  if (!eval_step.empty()) last = std::max(last, eval_step.back());
  const Axis steps_axis{"step", 0.0, last};

  Panel losses;
  losses.title = "Training loss (batch)";
  losses.x = steps_axis;
  const double top = loss.empty() ? 1.0 : *std::max_element(loss.begin(), loss.end());
  losses.y = {"cross-entropy", 0.0, 1.05 * std::max(top, 1e-6)};
  losses.series.push_back(line("", step, loss, palette::kLoss, Dash::Solid));
  losses.note = note;
  if (note.empty() && step.empty()) losses.note = "No steps yet.";

  Panel accuracy;
  accuracy.title = "Held-out accuracy (greedy decoding)";
  accuracy.x = steps_axis;
  accuracy.y = {"accuracy", 0.0, 1.02};
  accuracy.legend = LegendPlacement::Auto;
  for (const auto& [label, values, color, dash] :
       {std::tuple{"tokens", &token, palette::kTokenAccuracy, Dash::Solid},
        std::tuple{"whole sequences", &sequence, palette::kSequenceAccuracy, Dash::Dashed}}) {
    accuracy.series.push_back(line(label, eval_step, *values, color, dash));
    Series dots = markers("", eval_step, *values, color);
    dots.max_markers = kMaxEvaluationMarkers;
    accuracy.series.push_back(std::move(dots));
  }
  if (eval_step.empty()) accuracy.note = "No evaluation yet.";

  Figure f;
  f.name = "transformer-training";
  f.cols = 2;
  f.width = 760;
  f.height = 320;
  f.panels = {std::move(losses), std::move(accuracy)};

  f.table.columns = {"step", "loss", "token_accuracy", "heldout_token_accuracy",
                     "heldout_sequence_accuracy"};
  if (!ctx.table) return f;
  std::map<int, Row> rows;
  for (const tf::LossPoint& p : h.steps) {
    rows[p.step].loss = cell(p.loss);
    rows[p.step].token_accuracy = cell(p.token_accuracy);
  }
  for (const tf::EvalPoint& e : h.evaluations) {
    rows[e.step].heldout_token = cell(e.token_accuracy);
    rows[e.step].heldout_sequence = cell(e.sequence_accuracy);
  }
  for (const auto& [s, r] : rows)
    f.table.rows.push_back(
        {static_cast<double>(s), r.loss, r.token_accuracy, r.heldout_token, r.heldout_sequence});
  return f;
}

Expected<Figure> transformer_training_figure(const Settings& s, const FigureContext& ctx) {
  const auto config = tf::train_config(s);
  if (!config) return Error{config.error()};
  if (auto e = tf::check_training_memory(config.value())) return Error{*e};
  const tf::TrainingRecord r =
      tf::record_training(config.value(), tf::watched_training_limits(s.tf_steps));
  return transformer_training_figure(r.history, r.progress.message, ctx);
}

}  // namespace al::fig
