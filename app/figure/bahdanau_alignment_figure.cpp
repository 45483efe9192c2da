// bahdanau-alignment (the Distill-style diagram) and the lab's growing weights heatmap.
#include "bahdanau_alignment_figure.hpp"

#include <algorithm>

#include "builder_helpers.hpp"
#include "palette.hpp"

namespace al::fig {
namespace {

// The diagram's rows in data coordinates: the source tokens' anchors on y = 1, the outputs' on
// y = 0; the limits leave room for a line of text beyond each.
constexpr double kSourceY = 1.0, kOutputY = 0.0, kTextRoom = 0.8;
// Points per token along x, and the diagram's height.
constexpr double kTokenWidth = 78.0, kDiagramHeight = 300.0;

bool link_shown(const AlignmentWord& focus, int step, int key) {
  using Side = AlignmentWord::Side;
  return focus.side == Side::None || (focus.side == Side::Source && focus.index == key) ||
         (focus.side == Side::Output && focus.index == step);
}

std::string step_title(const BahdanauScene& sc) {
  std::string t = "Alignment, step ";
  t += std::to_string(sc.steps);
  t += " of ";
  t += std::to_string(sc.run.steps.size());
  return t;
}

// The weights of the shown steps in long format; the rows only when `rows` (an export).
void fill_table(const BahdanauScene& sc, bool rows, Table& table) {
  table.columns = {"step", "key", "output_token", "key_token", "weight"};
  table.float_columns = {false, false, false, false, true};
  if (!rows) return;
  for (int t = 0; t < sc.steps; ++t)
    for (Eigen::Index k = 0; k < sc.run.weights.cols(); ++k) {
      table.rows.push_back({static_cast<double>(t), static_cast<double>(k), std::nullopt,
                            std::nullopt, sc.run.weights(t, k)});
      table.text.push_back({"", "", sc.run.chosen[static_cast<std::size_t>(t)],
                            sc.run.source[static_cast<std::size_t>(k)]});
    }
}

}  // namespace

Expected<Figure> bahdanau_alignment_figure(const BahdanauScene& sc, const FigureContext& ctx) {
  const bahdanau::BahdanauRun& run = sc.run;
  const auto keys = static_cast<int>(run.source.size());
  const int width = std::max(keys, sc.steps);
  Panel p;
  std::vector<std::string> positions;  // whole positions only: tokens sit at 0, 1, …
  for (int i = 0; i < width; ++i) positions.push_back(std::to_string(i));
  p.x = {"position (from 0)", -0.6, width - 0.4, positions};
  p.y = {"", kOutputY - kTextRoom, kSourceY + kTextRoom, {"output", "source"}};
  p.grid = false;
  // Faint links first, the followed pair's last, so that it is never hidden under another.
  for (int t = 0; t < sc.steps; ++t)
    for (int k = 0; k < keys; ++k) {
      if (!link_shown(sc.focus, t, k) || (t == sc.step && k == sc.key)) continue;
      Color c = palette::kAlignmentLink;
      c.a = static_cast<float>(run.weights(t, k));
      p.series.push_back(line("", {double(k), double(t)}, {kSourceY, kOutputY}, c, Dash::Solid));
      p.series.back().width = 3.0;
    }
  if (sc.step < sc.steps && link_shown(sc.focus, sc.step, sc.key)) {
    Color c = palette::kFollowedLink;
    c.a = std::max(0.25f, static_cast<float>(run.weights(sc.step, sc.key)));
    p.series.push_back(
        line("", {double(sc.key), double(sc.step)}, {kSourceY, kOutputY}, c, Dash::Solid));
    p.series.back().width = 3.5;
  }
  using Side = AlignmentWord::Side;
  for (int k = 0; k < keys; ++k) {
    const bool unknown =
        static_cast<std::size_t>(k) < run.source_unknown.size() && run.source_unknown[k];
    p.texts.push_back({double(k), kSourceY, run.source[static_cast<std::size_t>(k)],
                       unknown ? palette::kUnknownToken : palette::kText, true,
                       k == sc.key || (sc.focus.side == Side::Source && sc.focus.index == k)});
  }
  for (int t = 0; t < sc.steps; ++t)
    p.texts.push_back({double(t), kOutputY, run.chosen[static_cast<std::size_t>(t)], palette::kText,
                       false,
                       t == sc.step || (sc.focus.side == Side::Output && sc.focus.index == t)});
  if (sc.steps == static_cast<int>(run.steps.size())) p.note = run.note;

  Figure f;
  f.name = "bahdanau-alignment";
  f.title = step_title(sc);
  f.width = std::clamp(kTokenWidth * width + 140.0, 420.0, 1800.0);
  f.height = kDiagramHeight + (p.note.empty() ? 0.0 : 40.0);
  f.panels.push_back(std::move(p));
  fill_table(sc, ctx.table, f.table);
  return f;
}

Expected<Figure> bahdanau_weights_figure(const BahdanauScene& sc, const FigureContext& ctx) {
  const bahdanau::BahdanauRun& run = sc.run;
  const tf::Mat<double> w = run.weights.topRows(sc.steps);
  // The colours of the whole decoding, so that a row keeps its colour as rows are added.
  Panel p = heatmap_panel(w.cast<float>(), sc.settings.view_colormap, 0.0, run.weights.maxCoeff(),
                          "Source (keys)", "Decoder step (output)");
  p.heatmap->row_labels.assign(run.chosen.begin(), run.chosen.begin() + sc.steps);
  p.heatmap->col_labels = run.source;
  p.heatmap->highlight_row = sc.step;
  p.heatmap->highlight_col = sc.key;
  p.colorbar = true;
  Figure f;
  f.name = "bahdanau-weights";
  f.title = "Attention weights, a row per step";
  f.width = std::clamp(48.0 * static_cast<double>(w.cols()) + 220.0, 420.0, 1600.0);
  f.height = std::clamp(24.0 * static_cast<double>(run.weights.rows()) + 150.0, 300.0, 1200.0);
  f.panels.push_back(std::move(p));
  fill_table(sc, ctx.table, f.table);
  return f;
}

Expected<Figure> bahdanau_alignment_figure(const Settings& s, const FigureContext& ctx) {
  auto run = run_at_model_path(s);
  if (!run) return Error{run.error()};
  return bahdanau_alignment_figure(settings_scene(run.value(), s), ctx);
}

}  // namespace al::fig
