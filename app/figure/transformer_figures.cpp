// transformer-attention (book 10.7 / 11.7: F14-F16), transformer-logits, transformer-query-steps
// and transformer-next-token: a Transformer run on input.src / input.tgt
// (engine/transformer/run.hpp), drawn as the book's layer x head grids of heatmaps with tokens on
// both axes, one query's scores and weights as bars, or the next token's probabilities, and
// tabulated in long format.
#include <algorithm>
#include <atomic>
#include <limits>

#include "builder_helpers.hpp"
#include "engine/transformer/model_file.hpp"
#include "engine/transformer/run.hpp"
#include "number_format.hpp"
#include "palette.hpp"
#include "transformer_figures.hpp"

namespace al::fig {
namespace {

// What the model read and what it produced, for a figure's title.
std::string describe(const tf::TransformerRun& run) {
  // Appended piece by piece: GCC 12 gives a false -Wrestrict on "'" + std::string.
  std::string text = "'";
  text += tf::join_words(run.source);
  if (run.teacher_forced) {
    text += "', teacher-forced on '";
    text += tf::join_words(run.decoder_tokens);
  } else {
    text += "' -> '";
    text += tf::join_words(run.output);
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

// The position of `focus` on an axis of `side`, if the focus is on that side.
std::optional<int> focused(const TokenFocus& focus, TokenSide side) {
  if (focus.side == TokenSide::None || focus.side != side) return std::nullopt;
  return focus.position;
}

// A panel title of a grid map: "Head 2", "Mean over heads", "Head 2, mean over layers".
std::string map_title(const tf::AttentionMap& m) {
  if (m.head < 0) return "Mean over heads";
  std::string t = "Head " + std::to_string(m.head + 1);
  if (m.layer < 0) t += ", mean over layers";
  return t;
}

// "layer 0 · head 1", "layer 0 · mean over heads", "head 1 · mean over layers" (from 0, as the
// CSV and the settings count).
std::string map_name(const tf::AttentionMap& m) {
  if (m.layer < 0) return "head " + std::to_string(m.head) + " · mean over layers";
  std::string t = "layer " + std::to_string(m.layer) + " · ";
  t += m.head < 0 ? std::string("mean over heads") : "head " + std::to_string(m.head);
  return t;
}

std::string map_rows_label(const tf::AttentionMap& m) {
  if (m.layer < 0) return "Query positions";
  return "Query positions (block " + std::to_string(m.layer + 1) + ")";
}

// The run of `model` on the settings' input, cut to decode.step.
Expected<ShownRun> shown_of_settings(const tf::Transformer<float>& model, const Settings& s) {
  auto ran = tf::run_transformer(model, s.input_src, s.input_tgt, s.decode_max_steps);
  if (!ran) return Error{ran.error()};
  return make_shown_run(std::move(ran).value(), s.decode_step);
}

Expected<Figure> of_model_path(SceneFigure build, const Settings& s, const FigureContext& ctx) {
  if (s.model_path.empty()) return Error{"model.path: set it to a .safetensors file"};
  auto model = tf::load_model(s.model_path);
  if (!model) return Error{model.error()};
  return figure_of_settings(build, model.value(), s, ctx);
}

}  // namespace

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

const tf::AttentionMap* ShownRun::find(tf::AttentionKind kind, int layer, int head,
                                       std::size_t* index) const {
  for (std::size_t i = 0; i < maps.size(); ++i)
    if (maps[i].kind == kind && maps[i].layer == layer && maps[i].head == head) {
      if (index) *index = i;
      return &maps[i];
    }
  return nullptr;
}

Expected<ShownRun> make_shown_run(tf::TransformerRun full, int step) {
  static std::atomic<std::uint64_t> next_id{1};
  ShownRun shown;
  if (step > 0 && step < full.steps()) {
    auto cut = full.at_step(step);
    if (!cut) return Error{"decode.step: " + cut.error()};
    shown.run = std::move(cut).value();
  } else {
    shown.run = std::move(full);
  }
  shown.maps = shown.run.trace.maps;
  for (tf::AttentionKind kind :
       {tf::AttentionKind::EncoderSelf, tf::AttentionKind::DecoderSelf, tf::AttentionKind::Cross}) {
    for (auto& m : tf::mean_over_heads(shown.run.trace, kind)) shown.maps.push_back(std::move(m));
    for (auto& m : tf::mean_over_layers(shown.run.trace, kind)) shown.maps.push_back(std::move(m));
  }
  for (const tf::AttentionMap& m : shown.maps)
    shown.weights.push_back(std::make_shared<const WeightMatrix>(m.weights.cast<float>()));
  shown.id = next_id++;
  return shown;
}

TokenSide query_side(tf::AttentionKind kind, tf::Arch arch) {
  if (kind == tf::AttentionKind::EncoderSelf) return TokenSide::Source;
  (void)arch;
  return TokenSide::Decoder;
}

TokenSide key_side(tf::AttentionKind kind, tf::Arch arch) {
  if (kind == tf::AttentionKind::DecoderSelf) return TokenSide::Decoder;
  (void)arch;
  return TokenSide::Source;
}

Expected<AttentionGrid> attention_grid(const ShownRun& shown, const tf::ModelConfig& config,
                                       const Settings& s) {
  const tf::AttentionKind kind = engine_kind(s.attention_kind);
  if (auto e = tf::check_kind(shown.run, kind)) return Error{*e};
  const int layers = shown.run.trace.layers(kind), heads = config.num_heads;
  for (int h : s.attention_heads)
    if (h >= heads)
      return Error{"attention.heads: head " + std::to_string(h) + " is beyond the model's " +
                   count(static_cast<std::size_t>(heads), "head") + " (they count from 0)"};
  std::vector<int> shown_heads = s.attention_heads;
  if (shown_heads.empty())
    for (int h = 0; h < heads; ++h) shown_heads.push_back(h);

  AttentionGrid grid;
  std::size_t index = 0;
  const auto add = [&](int layer, int head) {
    if (shown.find(kind, layer, head, &index)) grid.maps.push_back(index);
  };
  if (s.attention_enlarged) {
    if (auto e = tf::check_map(shown.run, heads, kind, s.attention_layer, s.attention_head))
      return Error{*e};
    grid.rows = grid.cols = 1;
    add(s.attention_layer, s.attention_head);
    return grid;
  }
  switch (s.attention_average) {
    case AttentionAverage::None:
      grid.rows = layers;
      grid.cols = static_cast<int>(shown_heads.size());
      for (int layer = 0; layer < layers; ++layer)
        for (int head : shown_heads) add(layer, head);
      break;
    case AttentionAverage::Heads:  // one column: each layer's mean over heads
      grid.rows = layers;
      grid.cols = 1;
      for (int layer = 0; layer < layers; ++layer) add(layer, -1);
      break;
    case AttentionAverage::Layers:  // one row: each head's mean over layers
      grid.rows = 1;
      grid.cols = static_cast<int>(shown_heads.size());
      for (int head : shown_heads) add(-1, head);
      break;
  }
  return grid;
}

Expected<Figure> transformer_attention_figure(const TransformerScene& scene,
                                              const FigureContext& ctx) {
  const ShownRun& shown = scene.shown;
  const tf::TransformerRun& run = shown.run;
  const Settings& s = scene.settings;
  auto made = attention_grid(shown, scene.model.config, s);
  if (!made) return Error{made.error()};
  const AttentionGrid& grid = made.value();
  if (ctx.table && cell_count(run.trace) > kMaxTableRows)
    return Error{"input.src: the attention table would have more than " +
                 std::to_string(kMaxTableRows) + " rows; use a shorter input"};
  const tf::AttentionKind kind = engine_kind(s.attention_kind);
  const tf::Arch arch = scene.model.config.arch;
  const auto row_focus = focused(scene.focus, query_side(kind, arch));
  const auto col_focus = focused(scene.focus, key_side(kind, arch));

  // One colour scale for every panel (the book scales each panel alone but shows one colorbar).
  double vmax = 0.0;
  Eigen::Index most_queries = 1, most_keys = 1;
  for (std::size_t i : grid.maps) {
    const tf::AttentionMap& m = shown.maps[i];
    vmax = std::max(vmax, m.weights.maxCoeff());
    most_queries = std::max(most_queries, m.weights.rows());
    most_keys = std::max(most_keys, m.weights.cols());
  }

  Figure f;
  f.name = "transformer-attention";
  f.title = std::string(title(s.attention_kind)) + " of " + describe(run);
  f.rows = grid.rows;
  f.cols = grid.cols;
  for (std::size_t n = 0; n < grid.maps.size(); ++n) {
    const std::size_t i = grid.maps[n];
    const tf::AttentionMap& m = shown.maps[i];
    const int row = static_cast<int>(n) / grid.cols, col = static_cast<int>(n) % grid.cols;
    // The book's labels: x on the bottom row, y on the first column (here with the block).
    Panel p;
    p.title = map_title(m);
    p.grid = false;
    p.x.label = row == grid.rows - 1 ? "Key positions" : "";
    p.y.label = col == 0 ? map_rows_label(m) : "";
    Heatmap h;
    h.values = shown.weights[i];
    h.colormap = s.view_colormap;
    h.vmin = 0.0;
    h.vmax = vmax;
    h.row_labels = m.query_tokens;
    h.col_labels = m.key_tokens;
    h.causal = kind == tf::AttentionKind::DecoderSelf;
    h.name = map_name(m);
    // Names the values for texture reuse: the shown run and the map within it.
    h.revision = shown.id * 4096 + i + 1;
    // The followed query's row in its own map; elsewhere the token the mouse is on.
    if (m.layer == scene.query.layer && m.head == scene.query.head)
      h.highlight_row = scene.query.query;
    else if (row_focus)
      h.highlight_row = *row_focus;
    if (col_focus) h.highlight_col = *col_focus;
    p.heatmap = std::move(h);
    p.colorbar = col == grid.cols - 1;
    // Why decoding stopped, when it was not at <eos>: under the first panel of the last row.
    if (row == grid.rows - 1 && col == 0) p.note = run.note;
    f.panels.push_back(std::move(p));
  }
  // Cells about 40 x 22 points: a token fits under each key's column even in the last panel,
  // which gives room to the colorbar. Long sequences share a bounded panel (at most 480 x 750
  // points), so that a long input still makes an image Cairo can hold.
  f.width =
      static_cast<double>(grid.cols) * std::clamp(40.0 * most_keys + 110.0, 180.0, 480.0) + 80.0;
  f.height = static_cast<double>(grid.rows) * std::clamp(22.0 * most_queries + 90.0, 160.0, 750.0) +
             30.0 + note_room(run);

  f.table.columns = kAttentionColumns;
  if (ctx.table) f.table = attention_table(run.trace);
  return f;
}

Expected<Figure> transformer_logits_figure(const TransformerScene& scene,
                                           const FigureContext& ctx) {
  const tf::TransformerRun& run = scene.shown.run;
  const tf::Vocab& vocab = scene.model.output_vocab();
  const tf::Mat<double>& logits = run.logits;

  const bool encoder_only = scene.model.config.arch == tf::Arch::Encoder;
  Panel p = heatmap_panel(logits.cast<float>(), scene.settings.view_colormap, logits.minCoeff(),
                          logits.maxCoeff(), "Vocabulary (next token)",
                          encoder_only ? "Source positions" : "Decoder positions (input token)");
  p.heatmap->row_labels = run.position_tokens;
  p.heatmap->col_labels = vocab.tokens();
  p.heatmap->value_label = "logit";
  // The token the mouse is on, when it is one of the rows (rows start at first_position).
  if (const auto at = focused(scene.focus, encoder_only ? TokenSide::Source : TokenSide::Decoder))
    p.heatmap->highlight_row = *at - (encoder_only ? 0 : run.first_position);
  p.colorbar = true;
  p.note = run.note;

  Figure f;
  f.name = "transformer-logits";
  f.title = "Logits of " + describe(run);
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

Expected<Figure> transformer_query_steps_figure(const TransformerScene& scene,
                                                const FigureContext& ctx) {
  const Settings& s = scene.settings;
  const tf::AttentionKind kind = engine_kind(s.attention_kind);
  auto explained = tf::query_steps(scene.model, scene.shown.run, kind, scene.query.layer,
                                   scene.query.head, scene.query.query);
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
  // The key token the mouse is on, marked in both panels.
  if (const auto at = focused(scene.focus, key_side(kind, scene.model.config.arch));
      at && *at >= 0 && *at < static_cast<int>(keys)) {
    const Guide g{true, static_cast<double>(*at), palette::kGuide, Dash::Dashed, ""};
    scores.guides.push_back(g);
    weight.guides.push_back(g);
  }

  Figure f;
  f.name = "transformer-query-steps";
  f.title = std::string(title(s.attention_kind)) + ", layer " + std::to_string(q.layer) +
            ", head " + std::to_string(q.head) + ", query " + std::to_string(q.query) + " '" +
            q.query_token + "' of " + describe(scene.shown.run);
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

Expected<Figure> transformer_next_token_figure(const TransformerScene& scene,
                                               const FigureContext& ctx) {
  const tf::TransformerRun& run = scene.shown.run;
  const Settings& s = scene.settings;
  if (run.logits.rows() == 0) return Error{"input.src: the run has no output position"};
  // A decoding model predicts after its last input position; an encoder-only model at the
  // selected query's position.
  const bool encoder_only = scene.model.config.arch == tf::Arch::Encoder;
  const Eigen::Index row =
      encoder_only ? std::clamp<Eigen::Index>(scene.query.query, 0, run.logits.rows() - 1)
                   : run.logits.rows() - 1;
  auto top = tf::top_k_tokens(run.logits.row(row), scene.model.output_vocab(), kNextTokens,
                              s.decode_temperature);
  if (!top) return Error{"decode.temperature: " + top.error()};

  std::vector<double> x, p;
  std::vector<std::string> tokens;
  for (const tf::TokenChance& t : top.value()) {
    x.push_back(static_cast<double>(x.size()));
    p.push_back(t.probability);
    tokens.push_back(t.token);
  }
  Panel panel;
  panel.title = "Temperature " + label_number(s.decode_temperature);
  panel.x = {"Next token (most probable first)", -0.5, static_cast<double>(x.size()) - 0.5, tokens};
  panel.y = {"probability", 0.0, 1.15, {}};
  Series bars;
  bars.kind = Series::Kind::Bars;
  bars.x = x;
  bars.y = p;
  bars.color = palette::kTruth;
  panel.series.push_back(bars);

  Figure f;
  f.name = "transformer-next-token";
  const std::string& after = run.position_tokens[static_cast<std::size_t>(row)];
  f.title = encoder_only ? "Output at '" + after + "' (position " + std::to_string(row) + ")"
                         : "Next token after '" +
                               tf::join_words(encoder_only ? run.source : run.decoder_tokens) + "'";
  f.width = 560.0;
  f.height = 360.0;
  f.panels.push_back(std::move(panel));

  f.table.columns = {"rank", "token", "probability"};
  if (!ctx.table) return f;
  for (std::size_t i = 0; i < top.value().size(); ++i) {
    f.table.rows.push_back({static_cast<double>(i + 1), std::nullopt, p[i]});
    f.table.text.push_back({"", tokens[i]});
  }
  return f;
}

Expected<Figure> figure_of_settings(SceneFigure build, const tf::Transformer<float>& model,
                                    const Settings& s, const FigureContext& ctx) {
  auto shown = shown_of_settings(model, s);
  if (!shown) return Error{shown.error()};
  const TransformerScene scene{
      model, shown.value(), s, {s.attention_layer, s.attention_head, s.attention_query}, {}};
  return build(scene, ctx);
}

Expected<Figure> transformer_attention_figure(const Settings& s, const FigureContext& ctx) {
  return of_model_path(transformer_attention_figure, s, ctx);
}

Expected<Figure> transformer_logits_figure(const Settings& s, const FigureContext& ctx) {
  return of_model_path(transformer_logits_figure, s, ctx);
}

Expected<Figure> transformer_query_steps_figure(const Settings& s, const FigureContext& ctx) {
  return of_model_path(transformer_query_steps_figure, s, ctx);
}

Expected<Figure> transformer_next_token_figure(const Settings& s, const FigureContext& ctx) {
  return of_model_path(transformer_next_token_figure, s, ctx);
}

}  // namespace al::fig
