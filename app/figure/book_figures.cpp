// The book figures: each entry of kBook is a preset, a lab figure to take panels from, the panels'
// own keys and the book's dress (labels, legend, limits, size). compose() builds and arranges;
// every number comes from the labs' own builders.
#include "book_figures.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "builder_helpers.hpp"
#include "engine/kernel_regression/lab.hpp"
#include "palette.hpp"

namespace al::fig {
namespace {

using Assignments = std::vector<std::pair<std::string, std::string>>;

// One panel of a book figure: a panel of the lab figure built with `set` on top of the figure's
// settings.
struct BookPanel {
  Assignments set;
  std::string label;     // its x label, as the book's (F2-F6: the kernel or width); CSV "panel"
  int source_panel = 0;  // which panel of the lab figure; -1: all of them, in their grid
  int row = -1;          // >= 0: only this heatmap row, stacked under the panels before (F7, F8)
};

// How a regression panel's two lines are named and drawn: the book's F3/F5 call the estimate
// y_hat (solid C0) and the truth y ('m--'); its G1, G2, G5 call them Pred ('m--') and Truth (C0).
enum class Legend { Keep, YHat, Pred };

struct BookFigure {
  const char* name;
  const char* book;  // "11.2 F3", or "10.2 G1"; both editions where they differ
  const char* help;
  const char* source;  // the lab figure (figure_registry) the panels come from
  Assignments preset;
  std::vector<BookPanel> panels;
  double width_in, height_in;  // the book's figsize
  const char* x_label;         // on the bottom row (a panel's label replaces it)
  const char* y_label;         // on the first column
  Legend legend = Legend::Keep;
  bool keys_by_queries = false;  // F4, F6: the new edition's matrix is keys x queries
  bool shared_y = false;         // plt.subplots(sharey=True)
  std::optional<std::pair<double, double>> xlim = {}, ylim = {};
  bool keep_titles = false;  // F14-F16: Head 1 ... Head 4
};

constexpr const char* kPhraseModel = AL_ASSETS_DIR "/models/phrases.safetensors";
constexpr const char* kBahdanauModel = AL_ASSETS_DIR "/models/bahdanau.safetensors";

// The data of each edition's §Nadaraya-Watson, seeded (the book's PyTorch is not).
Assignments new_nw(Assignments more) {
  Assignments a = {{"app.lab", "kernel-regression"},
                   {"data.preset", "d2l-v1"},
                   {"data.seed", "1"},
                   {"data.csv", ""},
                   {"kernel", "gaussian"},
                   {"kernel.w", "1"},
                   {"view.average", "false"},
                   {"view.parametric", "false"},
                   {"view.nadaraya_watson", "true"},
                   {"view.truth", "true"},
                   {"view.points", "true"},
                   {"view.colormap", "reds"},
                   {"attention.estimator", "nadaraya-watson"}};
  a.insert(a.end(), more.begin(), more.end());
  return a;
}
Assignments old_nw(Assignments more) {
  Assignments a = {{"app.lab", "kernel-regression"},
                   {"data.preset", "d2l-v2"},
                   {"data.seed", "1"},
                   {"data.csv", ""},
                   {"kernel", "gaussian"},
                   {"kernel.w", "1"},
                   {"train.epochs", "5"},
                   {"train.lr", "0.5"},
                   {"train.batch", "0"},
                   {"train.w0", "random"},
                   {"view.truth", "true"},
                   {"view.points", "true"},
                   {"view.colormap", "reds"},
                   {"view.bottom", "training"}};
  a.insert(a.end(), more.begin(), more.end());
  return a;
}
Assignments only(std::string_view estimator) {
  const auto shown = [&](std::string_view e) { return e == estimator ? "true" : "false"; };
  return {{"view.average", shown("average")},
          {"view.nadaraya_watson", shown("nadaraya-watson")},
          {"view.parametric", shown("parametric")},
          {"attention.estimator", std::string(estimator)}};
}

// The ten one-hot vectors e_0 ... e_9, as scoring.queries text: their dot products are eye(10).
std::string one_hot_rows() {
  std::string text;
  for (int i = 0; i < 10; ++i) {
    if (i > 0) text.push_back(';');
    for (int j = 0; j < 10; ++j) {
      if (j > 0) text.push_back(',');
      text.push_back(i == j ? '1' : '0');
    }
  }
  return text;
}

Assignments scoring_book(const char* function) {
  return {{"app.lab", "scoring"},
          {"scoring.preset", "book"},
          {"scoring.function", function},
          {"scoring.temperature", "1"},
          {"view.colormap", "reds"}};
}
// The book's valid_lens [2, 6]: one length per query (the lab takes one for all), so each row
// comes from the weights (panel 1) of the lab at that query's length.
std::vector<BookPanel> per_query_lengths() {
  return {{{{"scoring.valid_len", "2"}}, "", 1, 0}, {{{"scoring.valid_len", "6"}}, "", 1, 1}};
}

Assignments transformer_book(const char* kind) {
  return {
      {"app.lab", "transformer"},      {"model.source", "file"},   {"model.path", kPhraseModel},
      {"input.src", "i'm home ."},     {"input.tgt", ""},          {"decode.step", "0"},
      {"attention.kind", kind},        {"attention.heads", "all"}, {"attention.average", "none"},
      {"attention.enlarged", "false"}, {"view.colormap", "reds"}};
}

std::vector<BookPanel> four_kernels() {
  return {{{{"kernel", "gaussian"}}, "Gaussian"},
          {{{"kernel", "boxcar"}}, "Boxcar"},
          {{{"kernel", "constant"}}, "Constant"},
          {{{"kernel", "epanechnikov"}}, "Epanechikov"}};  // the book's spelling
}
// Gaussian widths sigma = 1/w.
std::vector<BookPanel> four_widths() {
  return {{{{"kernel.w", "10"}}, "Sigma 0.1"},
          {{{"kernel.w", "5"}}, "Sigma 0.2"},
          {{{"kernel.w", "2"}}, "Sigma 0.5"},
          {{{"kernel.w", "1"}}, "Sigma 1"}};
}

const std::array<BookFigure, 22>& book() {
  static const std::array<BookFigure, 22> kBook = {{
      {"d2l-identity",
       "11.1/10.1 F1",
       "eye(10) as attention weights, queries x keys (the scoring lab's dot products of one-hot "
       "queries and keys)",
       "scoring",
       {{"app.lab", "scoring"},
        {"scoring.queries", one_hot_rows()},
        {"scoring.keys", one_hot_rows()},
        {"scoring.values", ""},
        {"scoring.function", "dot"},
        {"scoring.valid_len", "32"},
        {"view.colormap", "reds"}},
       {{{}, "", 0}},
       2.5,
       2.5,
       "Keys",
       "Queries"},
      {"d2l-kernels",
       "11.2 F2",
       "the kernels Gaussian, Boxcar, Constant, Epanechikov, 1 x 4",
       "kernels",
       new_nw({{"view.bottom", "kernels"}}),
       {{{}, "Gaussian", 0}, {{}, "Boxcar", 1}, {{}, "Constant", 2}, {{}, "Epanechikov", 3}},
       12,
       3,
       "",
       "",
       Legend::Keep,
       false,
       true},
      {"d2l-kernel-estimates", "11.2 F3",
       "Nadaraya-Watson estimates of the new edition's data per kernel, 1 x 4", "regression",
       new_nw({}), four_kernels(), 12, 3, "", "", Legend::YHat, false, true},
      {"d2l-kernel-attention", "11.2 F4",
       "attention weights per kernel, keys (40) x queries (50), 1 x 4", "attention", new_nw({}),
       four_kernels(), 12, 3, "", "", Legend::Keep, true},
      {"d2l-width-estimates", "11.2 F5",
       "Gaussian Nadaraya-Watson estimates for sigma 0.1, 0.2, 0.5, 1, 1 x 4", "regression",
       new_nw({}), four_widths(), 12, 3, "", "", Legend::YHat, false, true},
      {"d2l-width-attention", "11.2 F6",
       "attention weights for sigma 0.1, 0.2, 0.5, 1, keys x queries, 1 x 4", "attention",
       new_nw({}), four_widths(), 12, 3, "", "", Legend::Keep, true},
      {"d2l-average-pooling",
       "10.2 G1",
       "average pooling against the truth (old edition's data)",
       "regression",
       old_nw(only("average")),
       {{{}, "", 0}},
       3.5,
       2.5,
       "x",
       "y",
       Legend::Pred,
       false,
       false,
       std::pair{0.0, 5.0},
       std::pair{-1.0, 5.0}},
      {"d2l-nonparametric",
       "10.2 G2",
       "nonparametric Gaussian Nadaraya-Watson (old edition)",
       "regression",
       old_nw(only("nadaraya-watson")),
       {{{}, "", 0}},
       3.5,
       2.5,
       "x",
       "y",
       Legend::Pred,
       false,
       false,
       std::pair{0.0, 5.0},
       std::pair{-1.0, 5.0}},
      {"d2l-nonparametric-attention",
       "10.2 G3",
       "its softmax weights, 50 test x 50 training inputs",
       "attention",
       old_nw(only("nadaraya-watson")),
       {{{}, "", 0}},
       2.5,
       2.5,
       "Sorted training inputs",
       "Sorted testing inputs"},
      {"d2l-parametric-loss",
       "10.2 G4",
       "training loss of the parametric model (learned w), epochs 1-5",
       "loss",
       old_nw(only("parametric")),
       {{{}, "", 0}},
       3.5,
       2.5,
       "epoch",
       "loss"},
      {"d2l-parametric",
       "10.2 G5",
       "parametric Nadaraya-Watson after 5 epochs",
       "regression",
       old_nw(only("parametric")),
       {{{}, "", 0}},
       3.5,
       2.5,
       "x",
       "y",
       Legend::Pred,
       false,
       false,
       std::pair{0.0, 5.0},
       std::pair{-1.0, 5.0}},
      {"d2l-parametric-attention",
       "10.2 G6",
       "its weights, 50 x 50 (sharper)",
       "attention",
       old_nw(only("parametric")),
       {{{}, "", 0}},
       2.5,
       2.5,
       "Sorted training inputs",
       "Sorted testing inputs"},
      {"d2l-dot-attention", "11.3/10.3 F7",
       "dot-product weights of the old edition's toy: 2 queries x 10 equal keys, valid lengths "
       "2 and 6",
       "scoring", scoring_book("dot"), per_query_lengths(), 2.5, 2.5, "Keys", "Queries"},
      {"d2l-additive-attention", "11.3/10.3 F8",
       "additive weights of the same toy (the old edition draws it before F7)", "scoring",
       scoring_book("additive"), per_query_lengths(), 2.5, 2.5, "Keys", "Queries"},
      {"d2l-seq2seq-loss",
       "11.4/10.4 F9",
       "training loss of the Bahdanau encoder-decoder: the run of the shipped model "
       "(bahdanau.epochs, about 10 s)",
       "bahdanau-training",
       {{"app.lab", "bahdanau"}, {"bahdanau.show_training", "true"}},
       {{{}, "", 0}},
       3.5,
       2.5,
       "epoch",
       "loss"},
      {"d2l-bahdanau-attention",
       "11.4/10.4 F10",
       "Bahdanau attention of the shipped model translating \"i'm home .\": queries x its 4 keys",
       "bahdanau-attention",
       {{"app.lab", "bahdanau"},
        {"bahdanau.show_training", "false"},
        {"model.path", kBahdanauModel},
        {"input.src", "i'm home ."},
        {"input.tgt", ""},
        {"bahdanau.step", "0"},
        {"view.colormap", "reds"}},
       {{{}, "", 0}},
       2.5,
       2.5,
       "Key positions",
       "Query positions"},
      {"d2l-pe-columns",
       "11.6/10.6 F11",
       "columns 6-9 of the positional encoding P (d = 32)",
       "positional-encoding",
       {{"app.lab", "positional-encoding"},
        {"pe.dim", "32"},
        {"pe.positions", "60"},
        {"pe.column", "6"}},
       {{{}, "", 0}},
       6,
       2.5,
       "Row (position)",
       ""},
      {"d2l-pe-heatmap",
       "11.6/10.6 F12",
       "P, 60 positions x 32 columns, Blues",
       "positional-encoding",
       {{"app.lab", "positional-encoding"}, {"pe.dim", "32"}, {"pe.positions", "60"}},
       {{{}, "", 1}},
       3.5,
       4,
       "Column (encoding dimension)",
       "Row (position)"},
      {"d2l-transformer-loss",
       "11.7/10.7 F13",
       "training loss of the Transformer on the phrases: the run of the shipped phrase model "
       "(tf.steps, about 15 s)",
       "transformer-training",
       {{"app.lab", "transformer"}, {"tf.task", "phrases"}, {"model.source", "training"}},
       {{{}, "", 0}},
       3.5,
       2.5,
       "step",
       "loss"},
      {"d2l-encoder-attention",
       "11.7/10.7 F14",
       "encoder self-attention of the shipped phrase model on \"i'm home .\": 2 blocks x 4 heads",
       "transformer-attention",
       transformer_book("encoder-self"),
       {{{}, "", -1}},
       7,
       3.5,
       "Key positions",
       "Query positions",
       Legend::Keep,
       false,
       false,
       {},
       {},
       true},
      {"d2l-decoder-attention",
       "11.7/10.7 F15",
       "decoder self-attention (causal) of the same translation: 2 blocks x 4 heads",
       "transformer-attention",
       transformer_book("decoder-self"),
       {{{}, "", -1}},
       7,
       3.5,
       "Key positions",
       "Query positions",
       Legend::Keep,
       false,
       false,
       {},
       {},
       true},
      {"d2l-cross-attention",
       "11.7/10.7 F16",
       "encoder-decoder attention of the same translation: 2 blocks x 4 heads",
       "transformer-attention",
       transformer_book("cross"),
       {{{}, "", -1}},
       7,
       3.5,
       "Key positions",
       "Query positions",
       Legend::Keep,
       false,
       false,
       {},
       {},
       true},
  }};
  return kBook;
}

// The lab figure `info` made from `s`: the kernel-regression figures from a lab of its own.
Expected<Figure> build_source(const FigureInfo& info, const Settings& s, const FigureContext& ctx) {
  if (!info.needs_lab()) return info.build.from_settings(s, ctx);
  auto lab = Lab::create(s);
  if (!lab) return Error{lab.error()};
  auto figure = info.build.from_lab(lab.value(), ctx);
  // Its heatmaps share the lab's matrices, and this lab ends here: the figure keeps copies.
  if (figure)
    for (Panel& p : figure.value().panels)
      if (p.heatmap) p.heatmap->values = std::make_shared<const WeightMatrix>(*p.heatmap->values);
  return figure;
}

// `m` with rows and columns swapped, and everything that names them.
void transpose(Panel& p) {
  Heatmap& h = *p.heatmap;
  h.values = std::make_shared<const WeightMatrix>(h.values->transpose());
  std::swap(h.row_coords, h.col_coords);
  std::swap(h.row_labels, h.col_labels);
  h.undefined_rows.clear();
  h.revision = 0;
  p.x = {"", -0.5, static_cast<double>(h.values->cols()) - 0.5};
  p.y = {"", -0.5, static_cast<double>(h.values->rows()) - 0.5};
}

// Row `row` of `from`'s heatmap appended under `to`'s (or replacing it, when `to` is `from`).
void stack_row(Panel& to, const Panel& from, int row, bool first) {
  const WeightMatrix& src = *from.heatmap->values;
  const Eigen::Index r = std::clamp<Eigen::Index>(row, 0, src.rows() - 1);
  const WeightMatrix& base = *to.heatmap->values;
  WeightMatrix m(first ? 1 : base.rows() + 1, src.cols());
  if (!first) m.topRows(base.rows()) = base;
  m.bottomRows(1) = src.row(r);
  to.heatmap->values = std::make_shared<const WeightMatrix>(std::move(m));
  to.heatmap->revision = 0;
  to.heatmap->valid_cols.reset();  // each row has its own length now
  to.heatmap->vmax = std::max(first ? 0.0 : to.heatmap->vmax, static_cast<double>(src.maxCoeff()));
  to.y = {"", -0.5, static_cast<double>(to.heatmap->values->rows()) - 0.5};
  to.note.clear();
}

bool starts_with(const std::string& text, const char* prefix) {
  return text.rfind(prefix, 0) == 0;
}

// The regression panel's truth and estimate renamed and restyled as the book's legend.
void dress_legend(Panel& p, Legend legend) {
  if (legend == Legend::Keep) return;
  std::vector<Series> points, truth, estimate;
  for (Series& series : p.series) {
    if (series.kind != Series::Kind::Line) {
      series.label.clear();  // the book's 'o' points take no legend entry
      points.push_back(std::move(series));
    } else if (starts_with(series.label, "Truth")) {
      truth.push_back(std::move(series));
    } else {
      estimate.push_back(std::move(series));
    }
  }
  const bool yhat = legend == Legend::YHat;
  for (Series& t : truth) {
    t.label = yhat ? "y" : "Truth";
    t.color = yhat ? palette::kNadarayaWatson : palette::kTruth;
    t.dash = yhat ? Dash::Dashed : Dash::Solid;
  }
  for (Series& e : estimate) {
    e.label = yhat ? "y_hat" : "Pred";
    e.color = yhat ? palette::kTruth : palette::kNadarayaWatson;
    e.dash = yhat ? Dash::Solid : Dash::Dashed;
  }
  // The legend lists them in the book's order: ['y_hat', 'y'] or ['Truth', 'Pred'].
  p.series = std::move(points);
  for (auto* group : yhat ? std::array{&estimate, &truth} : std::array{&truth, &estimate})
    for (Series& series : *group) p.series.push_back(std::move(series));
  if (p.legend == LegendPlacement::None) p.legend = LegendPlacement::Auto;
}

// The book's dress: labels on the outer panels only, its legend and limits, one colorbar (the
// last panel's), no selection.
void dress(Figure& f, const BookFigure& b, const std::vector<std::string>& labels) {
  double y_lo = std::numeric_limits<double>::infinity(), y_hi = -y_lo;
  for (const Panel& p : f.panels) y_lo = std::min(y_lo, p.y.min), y_hi = std::max(y_hi, p.y.max);
  for (std::size_t i = 0; i < f.panels.size(); ++i) {
    Panel& p = f.panels[i];
    const int row = static_cast<int>(i) / f.cols, col = static_cast<int>(i) % f.cols;
    if (b.keys_by_queries && p.heatmap) transpose(p);
    if (!b.keep_titles) p.title.clear();
    const std::string& label = i < labels.size() ? labels[i] : std::string();
    p.x.label = row == f.rows - 1 ? (label.empty() ? b.x_label : label) : "";
    p.y.label = col == 0 ? b.y_label : "";
    if (b.shared_y) p.y.min = y_lo, p.y.max = y_hi;
    if (b.xlim) p.x.min = b.xlim->first, p.x.max = b.xlim->second;
    if (b.ylim) p.y.min = b.ylim->first, p.y.max = b.ylim->second;
    dress_legend(p, b.legend);
    p.guides.clear();
    std::erase_if(p.series, [](const Series& s) { return s.highlight; });
    if (p.heatmap) {
      p.heatmap->highlight_row.reset();
      p.heatmap->highlight_col.reset();
      // One colorbar, the last panel's; a grid of rows (F14-F16: one colour scale) keeps one per
      // row, so that its rows stay aligned.
      p.colorbar = f.rows > 1 ? col == f.cols - 1 : i + 1 == f.panels.size();
    }
  }
}

// The table of a figure of several panels: each panel's rows, under a first column naming it.
void append_table(Table& to, const Table& from, const std::string& panel, int row) {
  const bool named = !panel.empty();
  if (to.columns.empty()) {
    if (named) to.columns.push_back("panel");
    to.columns.insert(to.columns.end(), from.columns.begin(), from.columns.end());
    if (named && !from.float_columns.empty()) to.float_columns.push_back(false);
    to.float_columns.insert(to.float_columns.end(), from.float_columns.begin(),
                            from.float_columns.end());
  }
  for (std::size_t r = 0; r < from.rows.size(); ++r) {
    // A stacked row keeps only that query's rows (the first column is the query).
    if (row >= 0 && from.rows[r].front() != static_cast<double>(row)) continue;
    std::vector<std::optional<double>> cells;
    std::vector<std::string> text;
    if (named) cells.push_back(std::nullopt), text.push_back(panel);
    cells.insert(cells.end(), from.rows[r].begin(), from.rows[r].end());
    if (!from.text.empty()) {
      const std::vector<std::string>& t = from.text[r];
      text.resize(named ? 1 : 0);
      text.insert(text.end(), t.begin(), t.end());
    }
    if (!text.empty() || !to.text.empty()) {
      text.resize(cells.size());
      to.text.resize(to.rows.size());
      to.text.push_back(std::move(text));
    }
    to.rows.push_back(std::move(cells));
  }
}

Expected<Figure> compose(const BookFigure& b, const Settings& s, const FigureContext& ctx) {
  const FigureInfo* source = find_figure(b.source);
  if (!source) return Error{std::string("book figure ") + b.name + ": no figure " + b.source};
  Figure f;
  f.name = b.name;
  f.width = b.width_in * kPointsPerInch;
  f.height = b.height_in * kPointsPerInch;
  f.cols = static_cast<int>(b.panels.size());
  std::vector<std::string> labels;
  // Panels with keys of their own are named in the CSV; panels without (F2's four kernels) are
  // panels of one lab figure, built once.
  const bool several = b.panels.front().row < 0 && !b.panels.front().set.empty();
  std::optional<Figure> shared;
  for (const BookPanel& panel : b.panels) {
    if (panel.set.empty() && shared) {
      f.panels.push_back(shared->panels.at(static_cast<std::size_t>(panel.source_panel)));
      labels.push_back(panel.label);
      continue;
    }
    Settings ps = s;
    if (auto error = apply_settings(ps, panel.set)) return Error{*error};
    auto built = build_source(*source, ps, FigureContext{-1, ctx.table});
    if (!built) return Error{built.error()};
    Figure& from = built.value();
    append_table(f.table, from.table, several ? panel.label : "", panel.row);
    if (panel.source_panel < 0) {  // the lab figure's whole grid
      f.rows = from.rows;
      f.cols = from.cols;
      f.panels = std::move(from.panels);
    } else if (panel.row >= 0) {  // a row of the first panel's heatmap
      const bool first = f.panels.empty();
      if (first) f.panels.push_back(from.panels.at(static_cast<std::size_t>(panel.source_panel)));
      stack_row(f.panels.back(), from.panels.at(static_cast<std::size_t>(panel.source_panel)),
                panel.row, first);
      f.cols = 1;
    } else {
      f.panels.push_back(from.panels.at(static_cast<std::size_t>(panel.source_panel)));
      labels.push_back(panel.label);
    }
    if (panel.set.empty()) shared = std::move(from);
  }
  dress(f, b, labels);
  return f;
}

template <std::size_t I>
Expected<Figure> build_book(const Settings& s, const FigureContext& ctx) {
  return compose(book()[I], s, ctx);
}

template <std::size_t... I>
std::vector<FigureInfo> infos(std::index_sequence<I...>) {
  return {FigureInfo{book()[I].name, book()[I].help, build_book<I>, book()[I].book,
                     book()[I].preset}...};
}

}  // namespace

std::span<const FigureInfo> book_figures() {
  static const std::vector<FigureInfo> all = infos(std::make_index_sequence<22>{});
  return all;
}

}  // namespace al::fig
