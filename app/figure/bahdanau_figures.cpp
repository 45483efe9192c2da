// bahdanau-attention (F10) and bahdanau-logits: a Bahdanau run drawn as heatmaps with tokens on
// both axes and tabulated in long format.
#include "bahdanau_figures.hpp"

#include <algorithm>

#include "builder_helpers.hpp"
#include "engine/bahdanau/run.hpp"
#include "engine/transformer/run.hpp"
#include "transformer_figures.hpp"

namespace al::fig {
namespace {

Expected<bahdanau::BahdanauRun> run_of(const bahdanau::Model& model, const Settings& s) {
  return bahdanau::run_bahdanau(model, s.input_src, s.input_tgt, s.decode_max_steps);
}

// What the model read and what it produced, for a figure's title.
std::string describe(const bahdanau::BahdanauRun& run, const Settings& s) {
  std::string text = "'";
  text += tf::join_words(run.source);
  if (run.teacher_forced) {
    text += "', teacher-forced on '<bos> ";
    text += tf::join_words(tf::split_words(s.input_tgt));
  } else {
    text += "' -> '";
    text += tf::join_words(run.output);
  }
  text += "'";
  return text;
}

// Points of height for the run's note (two lines, should the panel wrap it), or none.
double note_room(const bahdanau::BahdanauRun& run) {
  return run.note.empty() ? 0.0 : 40.0;
}

Expected<Figure> of_model_path(Expected<Figure> (*build)(const bahdanau::Model&, const Settings&,
                                                         const FigureContext&),
                               const Settings& s, const FigureContext& ctx) {
  if (s.model_path.empty()) return Error{"model.path: set it to a .safetensors file"};
  auto model = bahdanau::load_model(s.model_path);
  if (!model) return Error{model.error()};
  return build(model.value(), s, ctx);
}

std::optional<std::string> check_table(const tf::Mat<double>& m) {
  if (m.size() <= kMaxTableRows) return std::nullopt;
  return "input.src: the table would have more than " + std::to_string(kMaxTableRows) +
         " rows; use a shorter input or a smaller decode.max_steps";
}

}  // namespace

Expected<Figure> bahdanau_attention_figure(const bahdanau::Model& model, const Settings& s,
                                           const FigureContext& ctx) {
  auto ran = run_of(model, s);
  if (!ran) return Error{ran.error()};
  const bahdanau::BahdanauRun& run = ran.value();
  const tf::Mat<double>& w = run.weights;
  if (ctx.table)
    if (auto e = check_table(w)) return Error{*e};

  // The book's F10: queries (decoder steps) down, key positions across, Reds.
  Panel p = heatmap_panel(w.cast<float>(), s.view_colormap, 0.0, w.maxCoeff(), "Key positions",
                          "Query positions");
  p.heatmap->row_labels = run.decoder_tokens;
  p.heatmap->col_labels = run.source;
  p.colorbar = true;
  p.note = run.note;

  Figure f;
  f.name = "bahdanau-attention";
  f.title = "Bahdanau attention of " + describe(run, s);
  // Cells of about 48 x 24 points, so that a token fits under each key; bounded for long inputs.
  f.width = std::clamp(48.0 * static_cast<double>(w.cols()) + 220.0, 420.0, 1600.0);
  f.height =
      std::clamp(24.0 * static_cast<double>(w.rows()) + 150.0, 300.0, 1200.0) + note_room(run);
  f.panels.push_back(std::move(p));

  f.table.columns = {"step", "key", "query_token", "key_token", "weight"};
  f.table.float_columns = {false, false, false, false, true};
  if (!ctx.table) return f;
  for (Eigen::Index t = 0; t < w.rows(); ++t)
    for (Eigen::Index k = 0; k < w.cols(); ++k) {
      f.table.rows.push_back(
          {static_cast<double>(t), static_cast<double>(k), std::nullopt, std::nullopt, w(t, k)});
      f.table.text.push_back({"", "", run.decoder_tokens[static_cast<std::size_t>(t)],
                              run.source[static_cast<std::size_t>(k)]});
    }
  return f;
}

Expected<Figure> bahdanau_logits_figure(const bahdanau::Model& model, const Settings& s,
                                        const FigureContext& ctx) {
  auto ran = run_of(model, s);
  if (!ran) return Error{ran.error()};
  const bahdanau::BahdanauRun& run = ran.value();
  const tf::Mat<double>& logits = run.logits;
  const tf::Vocab& vocab = model.config.tgt_vocab;
  if (ctx.table)
    if (auto e = check_table(logits)) return Error{*e};

  Panel p =
      heatmap_panel(logits.cast<float>(), s.view_colormap, logits.minCoeff(), logits.maxCoeff(),
                    "Vocabulary (next token)", "Decoder steps (input token)");
  p.heatmap->row_labels = run.decoder_tokens;
  p.heatmap->col_labels = vocab.tokens();
  p.heatmap->value_label = "logit";
  p.colorbar = true;
  p.note = run.note;

  Figure f;
  f.name = "bahdanau-logits";
  f.title = "Logits of " + describe(run, s);
  f.width = std::clamp(260.0 + 36.0 * static_cast<double>(logits.cols()), 560.0, 1800.0);
  f.height =
      std::clamp(170.0 + 24.0 * static_cast<double>(logits.rows()), 320.0, 1000.0) + note_room(run);
  f.panels.push_back(std::move(p));

  f.table.columns = {"position", "token", "logit"};
  if (!ctx.table) return f;
  for (Eigen::Index t = 0; t < logits.rows(); ++t)
    for (Eigen::Index v = 0; v < logits.cols(); ++v) {
      f.table.rows.push_back({static_cast<double>(t), std::nullopt, cell(logits(t, v))});
      f.table.text.push_back({"", vocab.token(static_cast<int>(v))});
    }
  return f;
}

Expected<Figure> bahdanau_attention_figure(const Settings& s, const FigureContext& ctx) {
  return of_model_path(bahdanau_attention_figure, s, ctx);
}

Expected<Figure> bahdanau_logits_figure(const Settings& s, const FigureContext& ctx) {
  return of_model_path(bahdanau_logits_figure, s, ctx);
}

}  // namespace al::fig
