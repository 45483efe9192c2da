// The figures of the chapter's second half against hand-computed values: the positional encoding
// at the spec's check points (§7), and a small Transformer's
// attention and logits tables (long format, rows summing to one, causal zeros, tokens), its
// layer x head grid, one query's steps (table, bars over the tokens, errors), its errors, and the
// same figure read back from a model file.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>

#include "app/figure/export.hpp"
#include "app/figure/layout.hpp"
#include "app/figure/positional_encoding_figures.hpp"
#include "app/figure/recording_canvas.hpp"
#include "app/figure/transformer_figures.hpp"
#include "engine/short_number.hpp"
#include "engine/transformer/model_file.hpp"
#include "engine/transformer/phrases.hpp"
#include "engine/transformer/run.hpp"
#include "lab_with.hpp"
#include "temp_dir.hpp"
#include "tests/transformer/tiny_model.hpp"

namespace al::fig {
namespace {

using Csv = std::vector<std::vector<std::string>>;
using test::lab_with;
using test::settings_with;

// RFC 4180 fields of each line (quoted fields may hold commas and doubled quotes).
Csv parse_csv(const std::string& text) {
  Csv rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      row.push_back(std::move(field));
      field.clear();
    } else if (c == '\n') {
      row.push_back(std::move(field));
      field.clear();
      rows.push_back(std::move(row));
      row.clear();
    } else {
      field += c;
    }
  }
  return rows;
}

Csv csv_of(const Figure& f) {
  return parse_csv(table_to_csv(f.table));
}

double number(const std::string& field) {
  return std::stod(field);
}

// ---------------------------------------------------------------------------------------------
// positional-encoding

TEST(PositionalEncodingFigure, CsvHoldsTheSpecCheckValues) {
  auto built = positional_encoding_figure(Settings{}, {});
  ASSERT_TRUE(built) << built.error();
  const Csv csv = csv_of(built.value());
  ASSERT_EQ(csv.size(), 1u + 60 * 32);
  EXPECT_EQ(csv[0], (std::vector<std::string>{"position", "dim", "value"}));
  std::map<std::pair<int, int>, double> P;
  for (std::size_t r = 1; r < csv.size(); ++r)
    P[{std::stoi(csv[r][0]), std::stoi(csv[r][1])}] = number(csv[r][2]);
  // Spec §7, d = 32, to the six decimals given there.
  const std::vector<std::tuple<int, int, double>> checks = {
      {0, 0, 0.0},        {0, 1, 1.0},       {1, 0, 0.841471},   {1, 1, 0.540302},
      {1, 6, 0.176892},   {1, 7, 0.984230},  {10, 6, 0.978552},  {10, 7, -0.205998},
      {10, 8, 0.841471},  {10, 9, 0.540302}, {59, 6, -0.875790}, {59, 8, -0.373877},
      {30, 30, 0.005335}, {30, 31, 0.999986}};
  for (const auto& [i, c, value] : checks)
    EXPECT_NEAR(P.at({i, c}), value, 5e-7) << "P[" << i << "," << c << "]";
}

TEST(PositionalEncodingFigure, BookColumnsAndBluesHeatmap) {
  auto built = positional_encoding_figure(Settings{}, {});
  ASSERT_TRUE(built);
  const Figure& f = built.value();
  ASSERT_EQ(f.panels.size(), 2u);
  const Panel& lines = f.panels[0];
  ASSERT_EQ(lines.series.size(), 4u);
  const std::vector<Dash> dashes = {Dash::Solid, Dash::Dashed, Dash::DashDot, Dash::Dotted};
  for (std::size_t k = 0; k < 4; ++k) {
    EXPECT_EQ(lines.series[k].label, "Col " + std::to_string(6 + k));
    EXPECT_EQ(lines.series[k].dash, dashes[k]);
    ASSERT_EQ(lines.series[k].y.size(), 60u);
  }
  // Column 8 at position 10: sin(10 x 0.1).
  EXPECT_NEAR(lines.series[2].y[10], std::sin(1.0), 1e-12);
  EXPECT_EQ(lines.x.label, "Row (position)");
  EXPECT_EQ(lines.legend, LegendPlacement::Auto);

  const Panel& heat = f.panels[1];
  ASSERT_TRUE(heat.heatmap);
  EXPECT_EQ(heat.heatmap->colormap, Colormap::Blues);
  EXPECT_EQ(heat.heatmap->vmin, -1.0);
  EXPECT_EQ(heat.heatmap->vmax, 1.0);
  EXPECT_EQ(heat.heatmap->values->rows(), 60);
  EXPECT_EQ(heat.heatmap->values->cols(), 32);
  EXPECT_EQ(heat.x.label, "Column (encoding dimension)");
  EXPECT_EQ(heat.y.label, "Row (position)");
}

TEST(PositionalEncodingFigure, FollowsTheKeysAndShowsTheLastColumnsWhenNarrow) {
  auto built =
      positional_encoding_figure(settings_with({{"pe.dim", "4"}, {"pe.positions", "5"}}), {});
  ASSERT_TRUE(built);
  const Figure& f = built.value();
  ASSERT_EQ(f.panels[0].series.size(), 4u);
  EXPECT_EQ(f.panels[0].series[0].label, "Col 0");
  EXPECT_FALSE(f.panels[0].note.empty());
  EXPECT_EQ(f.table.rows.size(), 20u);
  // P[4, 2] = sin(4 x 10000^(-2/4)) = sin(0.04).
  EXPECT_NEAR(*f.table.rows[4 * 4 + 2][2], std::sin(0.04), 1e-15);
}

TEST(PositionalEncodingFigure, RefusesATableTooLargeButDrawsWithoutOne) {
  const Lab lab = lab_with({{"pe.dim", "1024"}, {"pe.positions", "10000"}});
  auto table = positional_encoding_figure(lab.settings(), {-1, true});
  ASSERT_FALSE(table);
  EXPECT_EQ(table.error().rfind("pe.positions: ", 0), 0u) << table.error();
  auto image = positional_encoding_figure(lab.settings(), {-1, false});
  ASSERT_TRUE(image);
  EXPECT_EQ(image.value().panels[1].heatmap->values->size(), 10000 * 1024);
  Settings s;
  EXPECT_EQ(apply_setting(s, "pe.dim", "33"),
            "pe.dim: '33' is odd (sin and cos come in pairs of columns)");
}

// ---------------------------------------------------------------------------------------------
// transformer-attention and transformer-logits, on a small model with random weights

const std::vector<std::string> kSpecial = {"<pad>", "<bos>", "<eos>", "<unk>"};

tf::Vocab vocab_of(std::vector<std::string> words, bool with_unk = true) {
  std::vector<std::string> tokens = kSpecial;
  if (!with_unk) tokens.pop_back();
  tokens.insert(tokens.end(), words.begin(), words.end());
  return tf::Vocab(tokens);
}

tf::Transformer<float> small_model(tf::Arch arch = tf::Arch::EncoderDecoder, bool with_unk = true) {
  tf::Transformer<float> model;
  model.init(
      tf::test::tiny_config(arch, 16, 16, vocab_of({"i'm", "home", ".", "go"}, with_unk),
                            vocab_of({"je", "suis", "chez", "moi", ".", "va", "!"}, with_unk)),
      7);
  return model;
}

// Sums of weights per (kind, layer, head, query), and every decoder-self weight above the
// diagonal (key > query), from the long CSV.
struct AttentionCsv {
  std::map<std::tuple<std::string, int, int, int>, double> row_sums;
  std::vector<double> above_diagonal;
  std::map<std::string, std::vector<std::string>> query_tokens, key_tokens;  // layer 0, head 0
  std::size_t rows = 0;
};

AttentionCsv read_attention(const Figure& f) {
  const Csv csv = csv_of(f);
  EXPECT_EQ(csv.at(0), (std::vector<std::string>{"kind", "layer", "head", "query", "key",
                                                 "query_token", "key_token", "weight"}));
  AttentionCsv a;
  for (std::size_t r = 1; r < csv.size(); ++r) {
    const auto& row = csv[r];
    const int layer = std::stoi(row[1]), head = std::stoi(row[2]);
    const int query = std::stoi(row[3]), key = std::stoi(row[4]);
    const double w = number(row[7]);
    a.row_sums[{row[0], layer, head, query}] += w;
    if (row[0] == "decoder-self" && key > query) a.above_diagonal.push_back(w);
    if (layer == 0 && head == 0) {
      auto& queries = a.query_tokens[row[0]];
      auto& keys = a.key_tokens[row[0]];
      if (key == 0) queries.push_back(row[5]);
      if (query == 0) keys.push_back(row[6]);
    }
    ++a.rows;
  }
  return a;
}

void expect_rows_sum_to_one_and_causal_zeros(const AttentionCsv& a) {
  std::set<std::string> kinds;
  for (const auto& [where, sum] : a.row_sums) {
    kinds.insert(std::get<0>(where));
    EXPECT_NEAR(sum, 1.0, 1e-5) << std::get<0>(where) << " layer " << std::get<1>(where) << " head "
                                << std::get<2>(where) << " query " << std::get<3>(where);
  }
  EXPECT_EQ(kinds, (std::set<std::string>{"cross", "decoder-self", "encoder-self"}));
  EXPECT_FALSE(a.above_diagonal.empty());
  for (double w : a.above_diagonal) EXPECT_EQ(w, 0.0);
}

TEST(TransformerAttentionFigure, TeacherForcedTableInLongFormat) {
  const auto model = small_model();
  const Settings s = settings_with({{"input.tgt", "je suis chez moi ."}});
  auto built = figure_of_settings(transformer_attention_figure, model, s, {});
  ASSERT_TRUE(built) << built.error();
  const AttentionCsv a = read_attention(built.value());
  // 2 layers x 2 heads of 4 x 4 (encoder), 6 x 6 (decoder) and 6 x 4 (cross) weights.
  EXPECT_EQ(a.rows, 4u * (16 + 36 + 24));
  expect_rows_sum_to_one_and_causal_zeros(a);
  const std::vector<std::string> source = {"i'm", "home", ".", "<eos>"};
  const std::vector<std::string> target = {"<bos>", "je", "suis", "chez", "moi", "."};
  EXPECT_EQ(a.query_tokens.at("encoder-self"), source);
  EXPECT_EQ(a.key_tokens.at("encoder-self"), source);
  EXPECT_EQ(a.query_tokens.at("decoder-self"), target);
  EXPECT_EQ(a.key_tokens.at("decoder-self"), target);
  EXPECT_EQ(a.query_tokens.at("cross"), target);
  EXPECT_EQ(a.key_tokens.at("cross"), source);
}

TEST(TransformerAttentionFigure, GreedyDecodingTable) {
  const auto model = small_model();
  auto built = figure_of_settings(transformer_attention_figure, model, Settings{}, {});
  ASSERT_TRUE(built) << built.error();
  const AttentionCsv a = read_attention(built.value());
  expect_rows_sum_to_one_and_causal_zeros(a);
  EXPECT_EQ(a.query_tokens.at("decoder-self").at(0), "<bos>");
  EXPECT_EQ(a.key_tokens.at("cross"), (std::vector<std::string>{"i'm", "home", ".", "<eos>"}));
  EXPECT_NE(built.value().title.find(" -> '"), std::string::npos) << built.value().title;
}

TEST(TransformerAttentionFigure, LayerByHeadGridOfTheChosenKindWithTokenTicks) {
  const auto model = small_model();
  const Settings s =
      settings_with({{"input.tgt", "je suis chez moi ."}, {"attention.kind", "cross"}});
  auto built = figure_of_settings(transformer_attention_figure, model, s, {-1, false});
  ASSERT_TRUE(built) << built.error();
  const Figure& f = built.value();
  EXPECT_TRUE(f.table.rows.empty());
  EXPECT_EQ(f.rows, 2);
  EXPECT_EQ(f.cols, 2);
  ASSERT_EQ(f.panels.size(), 4u);
  for (std::size_t i = 0; i < 4; ++i) {
    const Panel& p = f.panels[i];
    const bool bottom = i >= 2, left = i % 2 == 0;
    EXPECT_EQ(p.title, "Head " + std::to_string(i % 2 + 1));
    EXPECT_EQ(p.x.label, bottom ? "Key positions" : "");
    EXPECT_EQ(p.y.label.rfind("Query positions", 0) == 0, left) << p.y.label;
    ASSERT_TRUE(p.heatmap);
    EXPECT_EQ(p.heatmap->values->rows(), 6);
    EXPECT_EQ(p.heatmap->values->cols(), 4);
    EXPECT_EQ(p.heatmap->col_labels, (std::vector<std::string>{"i'm", "home", ".", "<eos>"}));
    EXPECT_EQ(p.heatmap->row_labels.front(), "<bos>");
  }
  // The tokens are the tick labels the layout draws.
  RecordingCanvas canvas;
  draw_figure(f, canvas, Rect{0, 0, f.width, f.height}, Style{});
  std::set<std::string> texts;
  for (const auto* op : canvas.of_kind(RecordingCanvas::Kind::Text)) texts.insert(op->text);
  for (const char* token : {"i'm", "home", "<eos>", "<bos>", "suis", "Head 2"})
    EXPECT_EQ(texts.count(token), 1u) << token;
}

// The error of a figure that failed, or "".
std::string message(const Expected<Figure>& f) {
  return f ? std::string() : f.error();
}

// attention.heads picks heads in order, attention.average shows the means of the engine, and
// attention.enlarged only the selected map; decoder self-attention marks its causal mask.
TEST(TransformerAttentionFigure, HeadsAveragesAndTheEnlargedMap) {
  const auto model = small_model();
  const auto grid = [&](std::vector<std::pair<std::string, std::string>> keys) {
    keys.push_back({"input.tgt", "je suis chez moi ."});
    auto built =
        figure_of_settings(transformer_attention_figure, model, settings_with(keys), {-1, false});
    EXPECT_TRUE(built) << built.error();
    return built ? built.value() : Figure{};
  };
  const auto run = tf::run_transformer(model, "i'm home .", "je suis chez moi .", 64);
  ASSERT_TRUE(run);
  const tf::AttentionTrace& trace = run.value().trace;
  const auto same = [](const WeightMatrix& shown, const tf::Mat<double>& engine) {
    EXPECT_LT((shown.cast<double>() - engine).cwiseAbs().maxCoeff(), 1e-7);
  };

  const Figure one_head = grid({{"attention.heads", "1"}, {"attention.kind", "cross"}});
  ASSERT_EQ(one_head.panels.size(), 2u);  // 2 layers x head 1
  EXPECT_EQ(one_head.cols, 1);
  EXPECT_EQ(one_head.panels[0].title, "Head 2");
  same(*one_head.panels[1].heatmap->values, trace.find(tf::AttentionKind::Cross, 1, 1)->weights);
  EXPECT_FALSE(one_head.panels[0].heatmap->causal);

  const Figure heads = grid({{"attention.average", "heads"}, {"attention.kind", "decoder-self"}});
  ASSERT_EQ(heads.panels.size(), 2u);  // one mean per layer
  EXPECT_EQ(heads.panels[0].title, "Mean over heads");
  EXPECT_TRUE(heads.panels[0].heatmap->causal);
  same(*heads.panels[1].heatmap->values,
       tf::mean_over_heads(trace, tf::AttentionKind::DecoderSelf)[1].weights);

  const Figure layers = grid({{"attention.average", "layers"}});
  ASSERT_EQ(layers.panels.size(), 2u);  // one mean per head
  EXPECT_EQ(layers.rows, 1);
  EXPECT_EQ(layers.panels[1].title, "Head 2, mean over layers");
  same(*layers.panels[1].heatmap->values,
       tf::mean_over_layers(trace, tf::AttentionKind::EncoderSelf)[1].weights);

  const Figure enlarged = grid({{"attention.enlarged", "true"},
                                {"attention.layer", "1"},
                                {"attention.head", "0"},
                                {"attention.query", "2"}});
  ASSERT_EQ(enlarged.panels.size(), 1u);
  same(*enlarged.panels[0].heatmap->values,
       trace.find(tf::AttentionKind::EncoderSelf, 1, 0)->weights);
  EXPECT_EQ(enlarged.panels[0].heatmap->highlight_row, 2);  // the selected query

  const Settings beyond = settings_with({{"attention.heads", "0,2"}});
  EXPECT_EQ(message(figure_of_settings(transformer_attention_figure, model, beyond, {})),
            "attention.heads: head 2 is beyond the model's 2 heads (they count from 0)");
  const Settings far = settings_with({{"attention.enlarged", "true"}, {"attention.layer", "2"}});
  EXPECT_EQ(message(figure_of_settings(transformer_attention_figure, model, far, {})),
            "attention.layer: 2 is out of range (this model has 2 encoder-self layers: 0 to 1)");
}

// decode.step shows the run as it was after that many decoder steps: the engine's at_step().
TEST(TransformerFigures, DecodeStepShowsTheRunAfterThatManySteps) {
  const auto model = small_model();
  const auto full = tf::run_transformer(model, "i'm home .", "je suis chez moi .", 64);
  ASSERT_TRUE(full);
  for (int step : {1, 3, 6}) {
    SCOPED_TRACE(step);
    const Settings s = settings_with({{"input.tgt", "je suis chez moi ."},
                                      {"attention.kind", "cross"},
                                      {"decode.step", std::to_string(step)}});
    auto built = figure_of_settings(transformer_attention_figure, model, s, {-1, false});
    ASSERT_TRUE(built) << built.error();
    const auto cut = full.value().at_step(step);
    ASSERT_TRUE(cut);
    const WeightMatrix& shown = *built.value().panels[0].heatmap->values;
    EXPECT_EQ(shown.rows(), step);
    EXPECT_EQ(shown.cast<double>(), cut.value()
                                        .trace.find(tf::AttentionKind::Cross, 0, 0)
                                        ->weights.cast<float>()
                                        .cast<double>());
  }
  // A step beyond the run shows all of it.
  const Settings beyond = settings_with({{"input.tgt", "je"}, {"decode.step", "9"}});
  auto built = figure_of_settings(transformer_logits_figure, model, beyond, {});
  ASSERT_TRUE(built) << built.error();
  EXPECT_EQ(built.value().panels[0].heatmap->values->rows(), 2);  // <bos> je
}

// The next-token figure is the engine's top-10 of the last logits row under the temperature.
TEST(TransformerNextTokenFigure, TopTokensOfTheLastStepUnderTheTemperature) {
  const auto model = small_model();
  for (const char* temperature : {"1", "0.5", "4"}) {
    SCOPED_TRACE(temperature);
    const Settings s = settings_with(
        {{"input.tgt", "je suis"}, {"decode.step", "2"}, {"decode.temperature", temperature}});
    auto built = figure_of_settings(transformer_next_token_figure, model, s, {});
    ASSERT_TRUE(built) << built.error();
    const Figure& f = built.value();
    const auto run = tf::run_transformer(model, "i'm home .", "je suis", 64);
    ASSERT_TRUE(run);
    // Step 2 reads <bos> je: its next token comes from logits row 1.
    const auto top = tf::top_k_tokens(run.value().logits.row(1), model.output_vocab(), 10,
                                      std::stod(temperature));
    ASSERT_TRUE(top);
    ASSERT_EQ(f.table.rows.size(), top.value().size());
    EXPECT_EQ(f.table.columns, (std::vector<std::string>{"rank", "token", "probability"}));
    for (std::size_t i = 0; i < f.table.rows.size(); ++i) {
      EXPECT_EQ(f.table.rows[i][0], static_cast<double>(i + 1));
      EXPECT_EQ(f.table.text[i][1], top.value()[i].token);
      EXPECT_EQ(f.table.rows[i][2], top.value()[i].probability);
    }
    EXPECT_EQ(f.title, "Next token after '<bos> je'");
    EXPECT_EQ(f.panels[0].x.labels.front(), top.value().front().token);
  }
}

TEST(TransformerAttentionFigure, ErrorsNameTheKey) {
  const auto model = small_model(tf::Arch::EncoderDecoder, false);
  EXPECT_EQ(message(figure_of_settings(transformer_attention_figure, model,
                                       settings_with({{"input.src", "go home"}}), {})),
            "");
  EXPECT_EQ(message(figure_of_settings(transformer_attention_figure, model,
                                       settings_with({{"input.src", "i'm homme ."}}), {})),
            "input.src: 'homme' is not in the model's source vocabulary, which has no <unk>");
  EXPECT_EQ(message(figure_of_settings(transformer_attention_figure, model,
                                       settings_with({{"input.tgt", "je suis la"}}), {})),
            "input.tgt: 'la' is not in the model's target vocabulary, which has no <unk>");
  EXPECT_EQ(message(figure_of_settings(transformer_attention_figure, model,
                                       settings_with({{"input.src", "  "}}), {}))
                .rfind("input.src: no words", 0),
            0u);
  std::string long_source;
  for (int i = 0; i < 16; ++i) long_source += "go ";
  EXPECT_EQ(message(figure_of_settings(transformer_attention_figure, model,
                                       settings_with({{"input.src", long_source}}), {})),
            "input.src: the source has 17 tokens, more than the model's max_len 16");

  const auto encoder = small_model(tf::Arch::Encoder);
  EXPECT_EQ(message(figure_of_settings(transformer_attention_figure, encoder,
                                       settings_with({{"attention.kind", "cross"}}), {})),
            "attention.kind: this encoder model has no cross attention (use encoder-self)");
  EXPECT_EQ(message(figure_of_settings(transformer_attention_figure, encoder,
                                       settings_with({{"input.tgt", "je"}}), {}))
                .rfind("input.tgt: an encoder-only model", 0),
            0u);
  const auto decoder = small_model(tf::Arch::Decoder);
  EXPECT_EQ(message(figure_of_settings(transformer_attention_figure, decoder,
                                       settings_with({{"input.src", "je"}}), {})),
            "attention.kind: this decoder model has no encoder-self attention (use decoder-self)");
}

TEST(TransformerLogitsFigure, EveryPositionAndTokenOfTheForwardPass) {
  const auto model = small_model();
  const Settings s = settings_with({{"input.tgt", "je suis"}});
  auto built = figure_of_settings(transformer_logits_figure, model, s, {});
  ASSERT_TRUE(built) << built.error();
  const Csv csv = csv_of(built.value());
  const tf::Vocab& vocab = model.config.tgt_vocab;
  ASSERT_EQ(csv.size(), 1u + 3u * static_cast<std::size_t>(vocab.size()));
  EXPECT_EQ(csv[0], (std::vector<std::string>{"position", "token", "logit"}));

  // The same pass by hand: source i'm home . <eos>, decoder input <bos> je suis.
  const auto& src_vocab = model.config.src_vocab;
  tf::TokenBatch batch;
  batch.size = 1;
  batch.src = {src_vocab.id("i'm"), src_vocab.id("home"), src_vocab.id("."), src_vocab.eos()};
  batch.src_len = 4;
  batch.src_valid = {4};
  batch.tgt_in = {vocab.bos(), vocab.id("je"), vocab.id("suis")};
  batch.tgt_len = 3;
  batch.labels = {-1, -1, -1};
  tf::Transformer<float>::Cache cache;
  const tf::Mat<float> logits = model.forward(batch, cache);
  for (std::size_t r = 1; r < csv.size(); ++r) {
    const int position = static_cast<int>((r - 1) / static_cast<std::size_t>(vocab.size()));
    const int token = static_cast<int>((r - 1) % static_cast<std::size_t>(vocab.size()));
    EXPECT_EQ(std::stoi(csv[r][0]), position);
    EXPECT_EQ(csv[r][1], vocab.token(token));
    EXPECT_EQ(number(csv[r][2]), static_cast<double>(logits(position, token))) << r;
  }
  const Panel& p = built.value().panels.at(0);
  EXPECT_EQ(p.heatmap->row_labels, (std::vector<std::string>{"<bos>", "je", "suis"}));
  EXPECT_EQ(p.heatmap->col_labels, vocab.tokens());
}

// ---------------------------------------------------------------------------------------------
// transformer-query-steps

// One key per row, the engine's numbers as the shortest text of their float, and the weights
// those of transformer-attention's row for the same kind, layer, head and query.
TEST(TransformerQueryStepsFigure, OneRowPerKeyAsTheEngineAndTheAttentionTable) {
  const auto model = small_model();
  const Settings s = settings_with({{"input.tgt", "je suis chez"},
                                    {"attention.kind", "decoder-self"},
                                    {"attention.layer", "1"},
                                    {"attention.head", "1"},
                                    {"attention.query", "1"}});
  auto built = figure_of_settings(transformer_query_steps_figure, model, s, {});
  ASSERT_TRUE(built) << built.error();
  const Csv csv = csv_of(built.value());
  ASSERT_EQ(csv.size(), 1u + 4u);  // keys <bos> je suis chez
  EXPECT_EQ(csv[0],
            (std::vector<std::string>{"key", "key_token", "score", "scaled", "masked", "weight"}));
  const auto run = tf::run_transformer(model, s.input_src, s.input_tgt, s.decode_max_steps);
  ASSERT_TRUE(run) << run.error();
  const auto q =
      tf::query_steps(model, run.value(), tf::AttentionKind::DecoderSelf, 1, 1, 1).value();
  const Csv all = csv_of(figure_of_settings(transformer_attention_figure, model, s, {}).value());
  std::map<int, std::string> attention_weights;  // key -> weight of decoder-self 1, 1, query 1
  for (const auto& row : all)
    if (row[0] == "decoder-self" && row[1] == "1" && row[2] == "1" && row[3] == "1")
      attention_weights[std::stoi(row[4])] = row[7];
  const std::vector<std::string> tokens = {"<bos>", "je", "suis", "chez"};
  for (std::size_t k = 0; k < 4; ++k) {
    const auto& row = csv[k + 1];
    const tf::KeyScore& key = q.keys[k];
    EXPECT_EQ(row[0], std::to_string(k));
    EXPECT_EQ(row[1], tokens[k]);
    EXPECT_EQ(row[2], shortest_float(static_cast<float>(key.score)));
    EXPECT_EQ(row[3], shortest_float(static_cast<float>(key.scaled)));
    EXPECT_EQ(row[4], shortest_float(k < 2 ? static_cast<float>(key.scaled) : -1e6f));
    EXPECT_EQ(row[5], shortest_float(static_cast<float>(key.weight)));
    if (k >= 2) {
      EXPECT_EQ(row[5], "0");  // causal: query 1 sees keys 0 and 1
    }
    // The same float (transformer-attention writes it as a double).
    EXPECT_EQ(std::stof(row[5]), std::stof(attention_weights.at(static_cast<int>(k))));
  }
}

// Two panels of bars over the key tokens: the scaled scores (masked keys grey, with a note) and
// the weights; the layout writes the tokens under the bars and the weights on them.
TEST(TransformerQueryStepsFigure, ScoresAndWeightsAsBarsOverTheKeyTokens) {
  const auto model = small_model();
  const Settings s = settings_with({{"input.tgt", "je suis chez"},
                                    {"attention.kind", "decoder-self"},
                                    {"attention.query", "1"}});
  auto built = figure_of_settings(transformer_query_steps_figure, model, s, {-1, false});
  ASSERT_TRUE(built) << built.error();
  const Figure& f = built.value();
  EXPECT_TRUE(f.table.rows.empty());
  EXPECT_EQ(f.rows, 2);
  EXPECT_EQ(f.cols, 1);
  ASSERT_EQ(f.panels.size(), 2u);
  const std::vector<std::string> tokens = {"<bos>", "je", "suis", "chez"};
  const Panel& scores = f.panels[0];
  const Panel& weights = f.panels[1];
  EXPECT_EQ(scores.x.labels, tokens);
  EXPECT_EQ(weights.x.labels, tokens);
  ASSERT_EQ(scores.series.size(), 2u);  // visible keys, then the masked ones
  for (const Series& bars : scores.series) EXPECT_EQ(bars.kind, Series::Kind::Bars);
  EXPECT_TRUE(std::isfinite(scores.series[0].y[1]));
  EXPECT_FALSE(std::isfinite(scores.series[0].y[2]));
  EXPECT_TRUE(std::isfinite(scores.series[1].y[2]));
  EXPECT_EQ(scores.note.rfind("Grey: 2 keys masked", 0), 0u) << scores.note;
  ASSERT_EQ(weights.series.size(), 1u);
  EXPECT_EQ(weights.series[0].y[2], 0.0);
  EXPECT_NEAR(weights.series[0].y[0] + weights.series[0].y[1], 1.0, 1e-6);
  EXPECT_NE(f.title.find("query 1 'je'"), std::string::npos) << f.title;

  RecordingCanvas canvas;
  draw_figure(f, canvas, Rect{0, 0, f.width, f.height}, Style{});
  std::multiset<std::string> texts;
  for (const auto* op : canvas.of_kind(RecordingCanvas::Kind::Text)) texts.insert(op->text);
  for (const std::string& token : tokens) EXPECT_EQ(texts.count(token), 2u) << token;
  // The weights written on their bars, two significant digits.
  for (double w : weights.series[0].y) EXPECT_GE(texts.count(significant(w, 2)), 1u) << w;
  // Every bar is a filled rectangle: 2 visible + 2 masked scores, 4 weights.
  EXPECT_GE(canvas.of_kind(RecordingCanvas::Kind::FillRect).size(), 8u);
}

TEST(TransformerQueryStepsFigure, ErrorsNameTheKey) {
  const auto model = small_model();
  const auto error_of = [&](const test::Assignments& a) {
    return message(figure_of_settings(transformer_query_steps_figure, model, settings_with(a), {}));
  };
  EXPECT_EQ(error_of({{"attention.layer", "2"}}),
            "attention.layer: 2 is out of range (this model has 2 encoder-self layers: 0 to 1)");
  EXPECT_EQ(error_of({{"attention.head", "5"}}),
            "attention.head: 5 is out of range (this model has 2 heads: 0 to 1)");
  EXPECT_EQ(error_of({{"attention.query", "4"}}),  // i'm home . <eos>
            "attention.query: 4 is out of range (encoder-self has 4 queries: 0 to 3)");
  EXPECT_EQ(error_of({{"input.src", "i'm homme ."}}), "");  // <unk>
  const auto decoder = small_model(tf::Arch::Decoder);
  const auto f = figure_of_settings(transformer_query_steps_figure, decoder, Settings{}, {});
  ASSERT_FALSE(f);
  EXPECT_EQ(f.error(),
            "attention.kind: this decoder model has no encoder-self attention (use decoder-self)");
}

TEST(TransformerFigures, FromTheModelFileOfModelPath) {
  for (const char* name :
       {"transformer-attention", "transformer-logits", "transformer-query-steps"}) {
    ASSERT_FALSE(find_figure(name)->needs_lab()) << name;
    const auto missing = find_figure(name)->build.from_settings(Settings{}, {});
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error(), "model.path: set it to a .safetensors file");
  }
  test::TempDir dir;
  const std::string path = dir.file("small.safetensors");
  const auto model = small_model();
  ASSERT_EQ(tf::save_model(model, path), std::nullopt);
  const Settings s = settings_with({{"model.path", path}, {"input.tgt", "je suis chez moi ."}});
  auto from_file = find_figure("transformer-attention")->build.from_settings(s, {});
  ASSERT_TRUE(from_file) << from_file.error();
  auto in_memory = figure_of_settings(transformer_attention_figure, model, s, {});
  ASSERT_TRUE(in_memory);
  EXPECT_EQ(table_to_csv(from_file.value().table), table_to_csv(in_memory.value().table));

  const Settings nowhere = settings_with({{"model.path", dir.file("none.safetensors")}});
  const auto unreadable = find_figure("transformer-logits")->build.from_settings(nowhere, {});
  ASSERT_FALSE(unreadable);
  EXPECT_NE(unreadable.error().find("none.safetensors"), std::string::npos) << unreadable.error();
}

// The demo models of assets/models: small, loadable, and doing their task on the book's
// sentences (the phrase model must translate all four, as the book's).
TEST(ShippedModels, SmallAndDoTheirTasks) {
  const std::filesystem::path models =
      std::filesystem::path(AL_TEST_DATA).parent_path().parent_path() / "assets" / "models";
  const auto output_of = [&](const std::string& file, const std::string& src) {
    EXPECT_LT(std::filesystem::file_size(models / file), 2u << 20) << file;
    auto model = tf::load_model((models / file).string());
    EXPECT_TRUE(model) << model.error();
    if (!model) return std::string();
    auto run = tf::run_transformer(model.value(), src, "", 64);
    EXPECT_TRUE(run) << run.error();
    std::string out;
    for (const std::string& w : run.value().output) out += (out.empty() ? "" : " ") + w;
    return out;
  };
  EXPECT_EQ(output_of("reverse.safetensors", "3 1 4 1 5 9 2 6"), "6 2 9 5 1 4 1 3");
  for (const auto& [english, french] : tf::kBookTestSentences)
    EXPECT_EQ(output_of("phrases.safetensors", std::string(english)), french);
}

TEST(TableToCsv, TextCellsQuotedAsRfc4180) {
  Table t;
  t.columns = {"token", "weight"};
  t.rows = {{std::nullopt, 0.5}, {std::nullopt, 0.25}, {std::nullopt, 1.0}};
  t.text = {{","}, {"say \"hi\""}, {"i'm"}};
  const std::string csv = table_to_csv(t);
  EXPECT_EQ(csv, "token,weight\n\",\",0.5\n\"say \"\"hi\"\"\",0.25\ni'm,1\n");
  EXPECT_EQ(parse_csv(csv)[2], (std::vector<std::string>{"say \"hi\"", "0.25"}));
}

}  // namespace
}  // namespace al::fig
