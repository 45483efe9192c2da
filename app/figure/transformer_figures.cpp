// transformer-attention (book 10.7 / 11.7: F14-F16), transformer-logits and
// transformer-query-steps: a Transformer run on input.src / input.tgt (engine/transformer/run.hpp),
// drawn as the book's layer x head grids of heatmaps with tokens on both axes, or one query's
// scores and weights as bars, and tabulated in long format.
#include <algorithm>
#include <limits>

#include "builder_helpers.hpp"
#include "engine/transformer/model_file.hpp"
#include "engine/transformer/run.hpp"
#include "number_format.hpp"
#include "palette.hpp"
#include "transformer_figures.hpp"

namespace al::fig {
namespace {

tf::AttentionKind engine_kind(TransformerAttention k) {
  switch (k) {
    case TransformerAttention::EncoderSelf:
      return tf::AttentionKind::EncoderSelf;
    case TransformerAttention::DecoderSelf:
      return tf::AttentionKind::DecoderSelf;
    case TransformerAttention::Cross:
      return tf::AttentionKind::Cross;
  }
  return tf::AttentionKind::EncoderSelf;
}

std::string join(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

// The run of `model` on the settings' input.
Expected<tf::TransformerRun> run_of(const tf::Transformer<float>& model, const Settings& s) {
  return tf::run_transformer(model, s.input_src, s.input_tgt, s.decode_max_steps);
}

// What the model read and what it produced, for a figure's title.
std::string describe(const tf::TransformerRun& run, const Settings& s) {
  // Appended piece by piece: GCC 12 gives a false -Wrestrict on "'" + std::string.
  std::string text = "'";
  text += join(run.source);
  if (run.teacher_forced) {
    text += "', teacher-forced on '<bos> ";
    text += join(tf::split_words(s.input_tgt));
  } else {
    text += "' -> '";
    text += join(run.output);
  }
  text += "'";
  return text;
}

long long cell_count(const tf::AttentionTrace& trace) {
  long long cells = 0;
  for (const tf::AttentionMap& m : trace.maps) cells += m.weights.size();
  return cells;
}

const std::vector<std::string> kAttentionColumns = {"kind", "layer",       "head",      "query",
                                                    "key",  "query_token", "key_token", "weight"};

// Long format, every map of the trace, in the order of kAttentionColumns.
Table attention_table(const tf::AttentionTrace& trace) {
  Table t;
  t.columns = kAttentionColumns;
  for (const tf::AttentionMap& m : trace.maps)
    for (Eigen::Index q = 0; q < m.weights.rows(); ++q)
      for (Eigen::Index k = 0; k < m.weights.cols(); ++k) {
        t.rows.push_back({std::nullopt, m.layer, m.head, static_cast<double>(q),
                          static_cast<double>(k), std::nullopt, std::nullopt, m.weights(q, k)});
        t.text.push_back({tf::name(m.kind), "", "", "", "",
                          m.query_tokens[static_cast<std::size_t>(q)],
                          m.key_tokens[static_cast<std::size_t>(k)]});
      }
  return t;
}

// Points of height for the run's note (two lines, should a narrow panel wrap it), or none.
double note_room(const tf::TransformerRun& run) {
  return run.note.empty() ? 0.0 : 40.0;
}

// A figure of a model as the registry builds it: `build` on the model at model.path, read on
// every call.
Expected<Figure> of_model_path(Expected<Figure> (*build)(const tf::Transformer<float>&,
                                                         const Settings&, const FigureContext&),
                               const Lab& lab, const FigureContext& ctx) {
  const Settings& s = lab.settings();
  if (s.model_path.empty()) return Error{"model.path: set it to a .safetensors file"};
  auto model = tf::load_model(s.model_path);
  if (!model) return Error{model.error()};
  return build(model.value(), s, ctx);
}

}  // namespace

Expected<Figure> transformer_attention_figure(const tf::Transformer<float>& model,
                                              const Settings& s, const FigureContext& ctx) {
  auto ran = run_of(model, s);
  if (!ran) return Error{ran.error()};
  const tf::TransformerRun& run = ran.value();
  const tf::AttentionKind kind = engine_kind(s.attention_kind);
  if (auto e = tf::check_kind(run, kind)) return Error{*e};
  const int layers = run.trace.layers(kind), heads = model.config.num_heads;
  if (ctx.table && cell_count(run.trace) > kMaxTableRows)
    return Error{"input.src: the attention table would have more than " +
                 std::to_string(kMaxTableRows) + " rows; use a shorter input"};

  // One colour scale for every panel (the book scales each panel alone but shows one colorbar).
  double vmax = 0.0;
  Eigen::Index most_queries = 1, most_keys = 1;
  for (const tf::AttentionMap& m : run.trace.maps)
    if (m.kind == kind) {
      vmax = std::max(vmax, m.weights.maxCoeff());
      most_queries = std::max(most_queries, m.weights.rows());
      most_keys = std::max(most_keys, m.weights.cols());
    }

  Figure f;
  f.name = "transformer-attention";
  f.title = std::string(title(s.attention_kind)) + " of " + describe(run, s);
  f.rows = layers;
  f.cols = heads;
  for (int layer = 0; layer < layers; ++layer)
    for (int head = 0; head < heads; ++head) {
      const tf::AttentionMap* m = run.trace.find(kind, layer, head);
      // The book's labels: x on the bottom row, y on the first column (here with the block).
      Panel p = heatmap_panel(
          m->weights.cast<float>(), s.view_colormap, 0.0, vmax,
          layer == layers - 1 ? "Key positions" : "",
          head == 0 ? "Query positions (block " + std::to_string(layer + 1) + ")" : "");
      p.title = "Head " + std::to_string(head + 1);
      p.heatmap->row_labels = m->query_tokens;
      p.heatmap->col_labels = m->key_tokens;
      p.colorbar = head == heads - 1;
      // Why decoding stopped, when it was not at <eos>: under the first panel of the last row.
      if (layer == layers - 1 && head == 0) p.note = run.note;
      f.panels.push_back(std::move(p));
    }
  // Cells about 40 x 22 points: a token fits under each key's column even in the last panel,
  // which gives room to the colorbar. Long sequences share a bounded panel (at most 480 x 750
  // points), so that a long input still makes an image Cairo can hold.
  f.width = static_cast<double>(heads) * std::clamp(40.0 * most_keys + 110.0, 180.0, 480.0) + 80.0;
  f.height = static_cast<double>(layers) * std::clamp(22.0 * most_queries + 90.0, 160.0, 750.0) +
             30.0 + note_room(run);

  f.table.columns = kAttentionColumns;
  if (ctx.table) f.table = attention_table(run.trace);
  return f;
}

Expected<Figure> transformer_logits_figure(const tf::Transformer<float>& model, const Settings& s,
                                           const FigureContext& ctx) {
  auto ran = run_of(model, s);
  if (!ran) return Error{ran.error()};
  const tf::TransformerRun& run = ran.value();
  const tf::Vocab& vocab = model.output_vocab();
  const tf::Mat<double>& logits = run.logits;

  const bool encoder_only = model.config.arch == tf::Arch::Encoder;
  Panel p = heatmap_panel(logits.cast<float>(), s.view_colormap, logits.minCoeff(),
                          logits.maxCoeff(), "Vocabulary (next token)",
                          encoder_only ? "Source positions" : "Decoder positions (input token)");
  p.heatmap->row_labels = run.position_tokens;
  p.heatmap->col_labels = vocab.tokens();
  p.heatmap->value_label = "logit";
  p.colorbar = true;
  p.note = run.note;

  Figure f;
  f.name = "transformer-logits";
  f.title = "Logits of " + describe(run, s);
  f.width = std::clamp(260.0 + 36.0 * static_cast<double>(logits.cols()), 560.0, 1800.0);
  f.height =
      std::clamp(170.0 + 24.0 * static_cast<double>(logits.rows()), 320.0, 1000.0) + note_room(run);
  f.panels.push_back(std::move(p));

  f.table.columns = {"position", "token", "logit"};
  if (!ctx.table) return f;
  for (Eigen::Index t = 0; t < logits.rows(); ++t)
    for (Eigen::Index v = 0; v < logits.cols(); ++v) {
      f.table.rows.push_back(
          {static_cast<double>(run.first_position + t), std::nullopt, cell(logits(t, v))});
      f.table.text.push_back({"", vocab.token(static_cast<int>(v))});
    }
  return f;
}

Expected<Figure> transformer_query_steps_figure(const tf::Transformer<float>& model,
                                                const Settings& s, const FigureContext& ctx) {
  auto ran = run_of(model, s);
  if (!ran) return Error{ran.error()};
  const tf::TransformerRun& run = ran.value();
  auto explained = tf::query_steps(model, run, engine_kind(s.attention_kind), s.attention_layer,
                                   s.attention_head, s.attention_query);
  if (!explained) return Error{explained.error()};
  const tf::QuerySteps& q = explained.value();

  // Bars per key: the scaled scores of the visible keys, those of the masked keys apart (grey),
  // and the weights.
  const double nan = std::numeric_limits<double>::quiet_NaN();
  std::vector<double> x, visible, masked, weights;
  std::vector<std::string> tokens;
  double lo = 0.0, hi = 0.0;
  for (const tf::KeyScore& k : q.keys) {
    const bool hidden = k.key >= q.valid_len;
    x.push_back(k.key);
    visible.push_back(hidden ? nan : k.scaled);
    masked.push_back(hidden ? k.scaled : nan);
    weights.push_back(k.weight);
    tokens.push_back(k.token);
    lo = std::min(lo, k.scaled);
    hi = std::max(hi, k.scaled);
  }
  const double keys = static_cast<double>(q.keys.size());
  // Room beyond the longest bars for their values.
  const double room = 0.15 * std::max(hi - lo, 1e-6);

  Panel scores;
  scores.title = "Scaled scores q·k / √(d/h) = q·k × " + label_number(q.scale);
  scores.x = {"", -0.5, keys - 0.5, tokens};
  scores.y = {"scaled score", lo < 0.0 ? lo - room : 0.0, hi + room, {}};
  Series bars;
  bars.kind = Series::Kind::Bars;
  bars.x = x;
  bars.y = visible;
  bars.color = palette::kTruth;
  scores.series.push_back(bars);
  const auto hidden = static_cast<std::size_t>(keys) - static_cast<std::size_t>(q.valid_len);
  if (hidden > 0) {
    bars.y = masked;
    bars.color = palette::kUndefinedCell;
    scores.series.push_back(bars);
    scores.note = "Grey: " + count(hidden, "key") +
                  " masked, the score replaced by -1e6 before the softmax (weight 0).";
  }

  Panel weight;
  weight.title = "Softmax weights";
  weight.x = {"Key positions", -0.5, keys - 0.5, tokens};
  weight.y = {"weight", 0.0, 1.15, {}};
  bars.y = weights;
  bars.color = palette::kTruth;
  weight.series.push_back(bars);

  Figure f;
  f.name = "transformer-query-steps";
  f.title = std::string(title(s.attention_kind)) + ", layer " + std::to_string(q.layer) +
            ", head " + std::to_string(q.head) + ", query " + std::to_string(q.query) + " '" +
            q.query_token + "' of " + describe(run, s);
  f.rows = 2;
  f.cols = 1;
  f.panels = {std::move(scores), std::move(weight)};
  f.width = std::clamp(56.0 * keys + 140.0, 480.0, 1800.0);
  f.height = 560.0 + (hidden > 0 ? 40.0 : 0.0);

  f.table.columns = {"key", "key_token", "score", "scaled", "masked", "weight"};
  f.table.float_columns = {false, false, true, true, true, true};
  if (!ctx.table) return f;
  for (const tf::KeyScore& k : q.keys) {
    f.table.rows.push_back(
        {static_cast<double>(k.key), std::nullopt, k.score, k.scaled, k.masked, k.weight});
    f.table.text.push_back({"", k.token});
  }
  return f;
}

Expected<Figure> transformer_attention_figure(const Lab& lab, const FigureContext& ctx) {
  return of_model_path(transformer_attention_figure, lab, ctx);
}

Expected<Figure> transformer_logits_figure(const Lab& lab, const FigureContext& ctx) {
  return of_model_path(transformer_logits_figure, lab, ctx);
}

Expected<Figure> transformer_query_steps_figure(const Lab& lab, const FigureContext& ctx) {
  return of_model_path(transformer_query_steps_figure, lab, ctx);
}

}  // namespace al::fig
