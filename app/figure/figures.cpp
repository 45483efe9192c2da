// The figure builders and their registry. Each builder reads the lab (never computes numerics
// beyond picking and arranging them) and fills a Figure: panels to draw and the table behind it.
// Names, table headers and natural sizes are user-visible (`attention-lab figure NAME`, CSV).
#include "figures.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "bahdanau_alignment_figure.hpp"
#include "bahdanau_figures.hpp"
#include "bahdanau_score_figure.hpp"
#include "bahdanau_training_figure.hpp"
#include "book_figures.hpp"
#include "builder_helpers.hpp"
#include "engine/kernel_regression/dataset.hpp"
#include "engine/kernel_regression/kernels.hpp"
#include "kernel_identity_figures.hpp"
#include "multi_head_figures.hpp"
#include "number_format.hpp"
#include "palette.hpp"
#include "positional_encoding_figures.hpp"
#include "restaurant_figures.hpp"
#include "scoring_figures.hpp"
#include "self_attention_figures.hpp"
#include "transformer_figures.hpp"
#include "transformer_training_figure.hpp"

namespace al::fig {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The loss and w plots mark each epoch while at most this many are in view; more would merge
// into a solid band, so the line alone shows them.
constexpr std::size_t kMaxEpochMarkers = 50;

std::vector<double> to_vector(const Eigen::VectorXd& v) {
  return {v.data(), v.data() + v.size()};
}

// v[i], or NaN past the end (an estimate the lab could not compute is empty).
double value_at(const std::vector<double>& v, std::size_t i) {
  return i < v.size() ? v[i] : kNaN;
}
double value_at(const Eigen::VectorXd& v, Eigen::Index i) {
  return i < v.size() ? v[i] : kNaN;
}

// The finite range of a set of values.
struct Extent {
  double lo = std::numeric_limits<double>::infinity();
  double hi = -std::numeric_limits<double>::infinity();
  void add(double v) {
    if (std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
  }
  void add(const std::vector<double>& values) {
    for (double v : values) add(v);
  }
  bool empty() const { return lo > hi; }
  bool within(double a, double b) const { return empty() || (lo >= a && hi <= b); }
};

// The extent with 5 % padding on each side (half a unit around a single value; [0, 1] if empty).
Axis padded_axis(std::string label, const Extent& e) {
  if (e.empty()) return {std::move(label), 0.0, 1.0};
  const double pad = e.hi > e.lo ? 0.05 * (e.hi - e.lo) : 0.5;
  return {std::move(label), e.lo - pad, e.hi + pad};
}

bool any_finite(const std::vector<double>& v) {
  return std::any_of(v.begin(), v.end(), [](double x) { return std::isfinite(x); });
}

bool valid_query(const Lab& lab, const FigureContext& ctx) {
  return ctx.query >= 0 && ctx.query < static_cast<int>(lab.data().queries.size());
}

std::string estimator_title(const Lab& lab, Estimator e) {
  const Settings& s = lab.settings();
  switch (e) {
    case Estimator::Average:
      return "Average pooling";
    case Estimator::NadarayaWatson:
      return "Nadaraya-Watson (" + std::string(title(s.kernel)) +
             ", w = " + label_number(s.kernel_w) + ")";
    case Estimator::Parametric:
      return "Parametric (w = " + label_number(lab.trainer().w()) + ")";
  }
  return "";
}

// Training points sized and shaded by one query's attention weights (a_i / max_j a_j):
// radius x (0.6 + 3 a), alpha 0.25 + 0.75 a. Left plain when the query has no weights.
constexpr double kLeastWeightScale = 0.6, kWeightScale = 3.0;

void weigh_points(Series& points, const Lab& lab, int query) {
  const WeightMatrix& w = lab.estimate(lab.settings().attention_estimator).weights;
  if (query >= w.rows() || w.cols() != static_cast<Eigen::Index>(points.x.size())) return;
  const double max_weight = w.row(query).maxCoeff();
  if (!(max_weight > 0.0)) return;
  points.color.a = 1.0f;
  for (Eigen::Index i = 0; i < w.cols(); ++i) {
    const double a = w(query, i) / max_weight;
    points.marker_scale.push_back(kLeastWeightScale + kWeightScale * a);
    points.marker_alpha.push_back(0.25 + 0.75 * a);
  }
}

}  // namespace

// ------------------------------------------------------------------------------------------
// kernels (F2): K(u) for the six kernels, u in [-2.5, 2.5].

Figure kernels_figure(const Settings& s, const FigureContext& ctx) {
  constexpr std::array<Kernel, 6> kKernels = {Kernel::Gaussian,   Kernel::Boxcar,
                                              Kernel::Constant,   Kernel::Epanechnikov,
                                              Kernel::Triangular, Kernel::Laplace};
  Figure f;
  f.name = "kernels";
  f.rows = 2;
  f.cols = 3;
  f.width = 840;
  f.height = 480;

  // Smooth curves: u = (i - 500) / 200 = -2.5, -2.495, ..., 2.5 (integer steps, no drift).
  std::vector<double> u;
  for (int i = 0; i <= 1000; ++i) u.push_back((i - 500) / 200.0);
  for (std::size_t k = 0; k < kKernels.size(); ++k) {
    Panel p;
    const Kernel kernel = kKernels[k];
    if (kernel == s.kernel) p.title = std::string(title(kernel)) + " (current)";
    p.x = {std::string(title(kernel)), -2.5, 2.5};
    p.y = {k % 3 == 0 ? "K(u)" : "", -0.05, 1.05};
    std::vector<double> y;
    for (double v : u) y.push_back(kernel_value(kernel, v));
    p.series.push_back(line("", u, std::move(y), palette::kTruth, Dash::Solid));
    f.panels.push_back(std::move(p));
  }

  // The book's 50 points, arange(-2.5, 2.5, 0.1): u = i * 0.1 - 2.5, computed as (i - 25) / 10
  // so that each is the double nearest its decimal (2.4, not 2.4000000000000004).
  f.table.columns = {"u",          "gaussian", "boxcar", "constant", "epanechnikov",
                     "triangular", "laplace"};
  if (!ctx.table) return f;
  for (int i = 0; i < 50; ++i) {
    const double v = (i - 25) / 10.0;
    std::vector<std::optional<double>> row = {v};
    for (Kernel kernel : kKernels) row.push_back(cell(kernel_value(kernel, v)));
    f.table.rows.push_back(std::move(row));
  }
  return f;
}

// ------------------------------------------------------------------------------------------
// regression (G1, G2, G5, F3): the estimates against the truth, over the training points.

Figure regression_figure(const Lab& lab, const FigureContext& ctx) {
  const Settings& s = lab.settings();
  const Dataset& d = lab.data();
  const std::vector<double> truth = d.truth;
  const std::vector<double> average = to_vector(lab.average().prediction);
  const std::vector<double> nw = to_vector(lab.nadaraya_watson().prediction);
  const std::vector<double> parametric = to_vector(lab.parametric().prediction);

  Figure f;
  f.name = "regression";
  f.width = 560;
  f.height = 400;
  Panel p;
  p.legend = s.view_legend;

  // The book's limits when everything fits in them; else the data's, padded.
  Extent xs, ys;
  xs.add(d.x);
  xs.add(d.queries);
  for (const auto* v : {&d.y, &truth, &average, &nw, &parametric}) ys.add(*v);
  if (d.source == "generated" && xs.within(0.0, 5.0) && ys.within(-1.0, 5.0)) {
    p.x = {"x", 0.0, 5.0};
    p.y = {"y", -1.0, 5.0};
  } else {
    p.x = padded_axis("x", xs);
    p.y = padded_axis("y", ys);
  }

  struct Curve {
    bool visible;
    std::string label;
    const std::vector<double>* y;
    Color color;
    Dash dash;
  };
  const std::array<Curve, 4> curves = {{
      {s.view_truth && any_finite(truth), "Truth: " + std::string(title(s.data_function)), &truth,
       palette::kTruth, Dash::Solid},
      {s.view_average, estimator_title(lab, Estimator::Average), &average, palette::kAverage,
       Dash::Dotted},
      {s.view_nadaraya_watson, estimator_title(lab, Estimator::NadarayaWatson), &nw,
       palette::kNadarayaWatson, Dash::Dashed},
      {s.view_parametric, estimator_title(lab, Estimator::Parametric), &parametric,
       palette::kParametric, Dash::DashDot},
  }};
  // Points first, so the curves stay visible over thousands of them; and smaller as there are
  // more: 3 pt up to 200 points, shrinking as 1/sqrt(n) to 1 pt.
  const bool query = valid_query(lab, ctx);
  if (s.view_points) {
    Series points = markers("Training data", d.x, d.y, palette::kPoints);
    const double n = std::max<double>(1.0, static_cast<double>(d.x.size()));
    points.marker_radius = std::clamp(3.0 * std::sqrt(200.0 / n), 1.0, 3.0);
    points.max_marker_scale = kLeastWeightScale + kWeightScale;
    if (query) weigh_points(points, lab, ctx.query);
    p.series.push_back(std::move(points));
  }
  for (const Curve& c : curves)
    if (c.visible) p.series.push_back(line(c.label, d.queries, *c.y, c.color, c.dash));
  if (query) {
    const auto q = static_cast<std::size_t>(ctx.query);
    Guide guide;
    guide.at = d.queries[q];
    guide.color = palette::kGuide;
    p.guides.push_back(guide);
    for (const Curve& c : curves) {
      if (!c.visible) continue;
      Series dot = markers("", {d.queries[q]}, {value_at(*c.y, q)}, c.color);
      dot.marker_radius = 4.5;
      dot.highlight = true;
      p.series.push_back(std::move(dot));
    }
  }

  const int undefined = lab.nadaraya_watson().undefined_count();
  if (undefined > 0)
    p.note = std::to_string(undefined) + " of " + count(d.queries.size(), "query", "queries") +
             (undefined == 1 ? " has" : " have") + " no key within reach of the " +
             std::string(title(s.kernel)) + " kernel (w = " + label_number(s.kernel_w) +
             ", σ = " + label_number(1.0 / s.kernel_w) +
             "): " + (undefined == 1 ? "a gap" : "gaps") + " in the curve";
  f.panels.push_back(std::move(p));

  f.table.columns = {"x", "truth", "average", "nadaraya_watson", "parametric"};
  if (!ctx.table) return f;
  for (std::size_t i = 0; i < d.queries.size(); ++i)
    f.table.rows.push_back({d.queries[i], cell(value_at(truth, i)), cell(value_at(average, i)),
                            cell(value_at(nw, i)), cell(value_at(parametric, i))});
  return f;
}

// ------------------------------------------------------------------------------------------
// attention (G3, G6, F4): the chosen estimator's weights, queries x keys.

Figure attention_figure(const Lab& lab, const FigureContext& ctx) {
  const Settings& s = lab.settings();
  const Dataset& d = lab.data();
  const Estimate& estimate = lab.estimate(s.attention_estimator);
  const WeightMatrix& w = estimate.weights;

  Heatmap h;
  // Non-owning alias: the lab outlives the figure, and nothing is copied per frame.
  h.values = std::shared_ptr<const WeightMatrix>(std::shared_ptr<void>{}, &w);
  h.revision = lab.revision();
  h.colormap = s.view_colormap;
  h.vmin = 0.0;
  h.vmax = w.size() > 0 ? w.maxCoeff() : 0.0;
  if (static_cast<Eigen::Index>(d.queries.size()) == w.rows()) h.row_coords = d.queries;
  if (static_cast<Eigen::Index>(d.x.size()) == w.cols()) h.col_coords = d.x;
  h.value_label = "weight";
  if (valid_query(lab, ctx) && ctx.query < w.rows()) h.highlight_row = ctx.query;
  for (Eigen::Index r = 0; r < w.rows(); ++r)
    h.undefined_rows.push_back(!std::isfinite(value_at(estimate.prediction, r)));

  Panel p;
  p.title = estimator_title(lab, s.attention_estimator) + " weights";
  p.x = {"Sorted training inputs (keys)", -0.5, static_cast<double>(w.cols()) - 0.5};
  p.y = {"Sorted testing inputs (queries)", -0.5, static_cast<double>(w.rows()) - 0.5};
  p.heatmap = std::move(h);
  p.colorbar = true;
  p.grid = false;
  const int undefined = estimate.undefined_count();
  if (undefined > 0)
    p.note = count(static_cast<std::size_t>(undefined), "grey row") + ": " +
             (undefined == 1 ? "a query" : "queries") + " with no key in reach";

  Figure f;
  f.name = "attention";
  f.width = 520;
  f.height = 460;
  f.panels.push_back(std::move(p));

  f.table.columns = {"query", "key", "query_x", "key_x", "weight"};
  f.table.float_columns = {false, false, false, false, true};
  if (!ctx.table) return f;
  f.table.rows.reserve(static_cast<std::size_t>(w.size()));
  for (Eigen::Index q = 0; q < w.rows(); ++q) {
    const bool defined = std::isfinite(value_at(estimate.prediction, q));
    const double query_x = value_at(d.queries, static_cast<std::size_t>(q));
    for (Eigen::Index k = 0; k < w.cols(); ++k)
      f.table.rows.push_back({static_cast<double>(q), static_cast<double>(k), cell(query_x),
                              cell(value_at(d.x, static_cast<std::size_t>(k))),
                              defined ? cell(w(q, k)) : std::nullopt});
  }
  return f;
}

// ------------------------------------------------------------------------------------------
// points: the training data alone.

Figure points_figure(const Lab& lab, const FigureContext& ctx) {
  const Dataset& d = lab.data();
  Extent xs, ys;
  xs.add(d.x);
  ys.add(d.y);
  Panel p;
  p.x = padded_axis("x", xs);
  p.y = padded_axis("y", ys);
  p.series.push_back(markers("", d.x, d.y, palette::kPoints));

  Figure f;
  f.name = "points";
  f.width = 480;
  f.height = 360;
  f.panels.push_back(std::move(p));
  f.table.columns = {"x", "y"};
  if (!ctx.table) return f;
  for (std::size_t i = 0; i < d.x.size(); ++i) f.table.rows.push_back({d.x[i], d.y[i]});
  return f;
}

// ------------------------------------------------------------------------------------------
// loss (G4): the summed squared error and the learned w per epoch.

Figure loss_figure(const Lab& lab, const FigureContext& ctx) {
  const std::vector<EpochRecord>& history = lab.trainer().history();
  std::vector<double> epoch, loss, w;
  for (const EpochRecord& r : history) {
    epoch.push_back(r.epoch);
    loss.push_back(r.loss);
    w.push_back(r.w);
  }
  Extent epochs;
  epochs.add(epoch);

  Figure f;
  f.name = "loss";
  f.cols = 2;
  f.width = 720;
  f.height = 320;
  for (const auto& [title, values] :
       {std::pair{"Training loss", &loss}, std::pair{"Learned w", &w}}) {
    Extent ys;
    ys.add(*values);
    Panel p;
    p.title = title;
    p.x = padded_axis("epoch", epochs);
    p.y = padded_axis(values == &loss ? "loss" : "w", ys);
    p.series.push_back(line("", epoch, *values, palette::kTruth, Dash::Solid));
    Series dots = markers("", epoch, *values, palette::kTruth);
    dots.max_markers = kMaxEpochMarkers;
    p.series.push_back(std::move(dots));
    f.panels.push_back(std::move(p));
  }
  if (!lab.training_message().empty()) {
    f.panels[0].note = lab.training_message();
  } else if (history.empty()) {
    f.panels[0].note = "No epochs trained (train.epochs = 0).";
  }

  f.table.columns = {"epoch", "loss", "w"};
  if (!ctx.table) return f;
  for (const EpochRecord& r : history)
    f.table.rows.push_back({static_cast<double>(r.epoch), cell(r.loss), cell(r.w)});
  return f;
}

// ------------------------------------------------------------------------------------------

namespace {

// A builder that cannot fail, as a registry entry.
template <class Source, Figure (*Build)(const Source&, const FigureContext&)>
Expected<Figure> infallible(const Source& source, const FigureContext& ctx) {
  return Build(source, ctx);
}

// The labs' figures, then the book's, laid out over them (book_figures.hpp).
std::vector<FigureInfo> with_book_figures(std::vector<FigureInfo> labs) {
  labs.insert(labs.end(), book_figures().begin(), book_figures().end());
  return labs;
}

}  // namespace

std::span<const FigureInfo> figure_registry() {
  static const std::vector<FigureInfo> registry = with_book_figures({
      {"regression",
       "truth, average pooling, Nadaraya-Watson and parametric predictions over the training "
       "points (book 10.2: G1, G2, G5; 11.2: F3)",
       infallible<Lab, regression_figure>},
      {"attention",
       "attention weights, queries x keys, of attention.estimator (book 10.2: G3, G6; 11.2: F4)",
       infallible<Lab, attention_figure>},
      {"kernels", "the six kernels K(u) on [-2.5, 2.5] (book 11.2: F2)",
       infallible<Settings, kernels_figure>},
      {"loss", "training loss and learned w per epoch (book 10.2: G4)",
       infallible<Lab, loss_figure>},
      {"points", "the training points", infallible<Lab, points_figure>},
      {"scoring",
       "scores a(q, k) and weights softmax(score / scoring.temperature) of scoring.queries x "
       "scoring.keys under scoring.function, keys from scoring.valid_len masked (book 10.3/11.3: "
       "F7, F8 with scoring.preset=book)",
       scoring_figure},
      {"scoring-plane",
       "scoring.queries and scoring.keys as points of the plane, the keys sized by the weights of "
       "scoring.query, each query labelled with its output",
       scoring_plane_figure},
      {"scoring-query",
       "the weights of scoring.query as bars, and its output as the balance point of the values "
       "weighted by them",
       scoring_query_figure},
      {"restaurant",
       "the restaurant.names ranked by the weights of restaurant.query against restaurant.keys: "
       "scores and weights softmax(score / restaurant.temperature), the best first",
       restaurant_figure},
      {"restaurant-features",
       "every restaurant's features, the query and the expected restaurant (the weights times the "
       "features) as one heatmap",
       restaurant_features_figure},
      {"kernel-identity",
       "softmax(q.k/sqrt d) of identity.queries x identity.keys beside the RBF exp(-|q-k|^2/(2 "
       "sqrt d)), the magnitude exp((|q|^2+|k|^2)/(2 sqrt d)) and their normalised product",
       kernel_identity_figure},
      {"kernel-identity-nw",
       "the Gaussian Nadaraya-Watson weights of the kernel-regression points beside the RBF of "
       "kernel.w x (d = 1) normalised and the dot-product attention of the same scalars",
       kernel_identity_nw_figure},
      {"multi-head",
       "each head's attention weights masked_softmax(Q_j K_j^T / sqrt(d/h)) for sequence "
       "mh.batch_item of the mh.* input, masked keys grey (book 10.5/11.5; mh.preset=book: the "
       "book's shapes)",
       multi_head_figure},
      {"multi-head-projections",
       "each head's projections: the d/h rows of W_q, W_k and W_v (mh.seed) that make its "
       "queries, keys and values",
       multi_head_projections_figure},
      {"multi-head-output",
       "the heads' outputs side by side (the concatenation), W_o, and the output concat W_o^T "
       "of sequence mh.batch_item",
       multi_head_output_figure},
      {"positional-encoding",
       "sinusoidal positional encoding P (pe.positions x pe.dim): columns 6-9 over the positions "
       "and P as a heatmap (book 10.6/11.6: F11, F12)",
       positional_encoding_figure},
      {"positional-encoding-offsets",
       "dot products P_i . P_k of the rows of P, and along row pe.position against the offset "
       "k - i beside their closed form sum_j cos((k - i) w_j) (book 10.6/11.6)",
       positional_encoding_offsets_figure},
      {"positional-encoding-rotation",
       "the pair of columns of pe.column on the unit circle: R(pe.delta) moves position "
       "pe.position to pe.position + pe.delta, the same matrix for every position (book 10.6/11.6)",
       positional_encoding_rotation_figure},
      {"positional-encoding-binary",
       "the book's binary counter 0-7 beside P's first rows and columns: the columns alternate "
       "slower to the right, as higher bits do (book 10.6/11.6)",
       positional_encoding_binary_figure},
      {"positional-encoding-learned",
       "the learned position table of the Transformer at model.path beside P of the same shape: "
       "the cosines between their rows",
       positional_encoding_learned_figure},
      {"self-attention-weights",
       "trains the sa.* self-attention network sa.steps steps on associative recall, then shows "
       "its attention on sa.input: query positions x key positions, tokens on both axes",
       self_attention_weights_figure},
      {"self-attention-answer",
       "trains as self-attention-weights, then the probability of each token as the answer to "
       "sa.input",
       self_attention_answer_figure},
      {"self-attention-training",
       "trains the sa.* self-attention network sa.steps steps: held-out loss and accuracy every "
       "10 steps",
       self_attention_training_figure},
      {"transformer-attention",
       "every attention matrix of model.path on input.src (CSV: all kinds, layers and heads; "
       "image: attention.kind as a layer x head grid, book 10.7/11.7: F14-F16)",
       transformer_attention_figure},
      {"transformer-logits",
       "output logits of model.path on input.src, decoder positions x vocabulary",
       transformer_logits_figure},
      {"transformer-query-steps",
       "one query of model.path on input.src (attention.kind, .layer, .head, .query) from its "
       "scores to its weights: q.k, scaled, masked, softmax per key",
       transformer_query_steps_figure},
      {"transformer-next-token",
       "the 10 most probable next tokens of model.path on input.src after decode.step steps, "
       "under decode.temperature",
       transformer_next_token_figure},
      {"bahdanau-attention",
       "attention weights of the Bahdanau model at model.path on input.src, decoder steps x "
       "source tokens (book 10.4/11.4: F10)",
       bahdanau_attention_figure},
      {"bahdanau-logits",
       "output logits of the Bahdanau model at model.path on input.src, decoder steps x "
       "vocabulary",
       bahdanau_logits_figure},
      {"bahdanau-alignment",
       "the Bahdanau model at model.path on input.src as a Distill-style alignment: source "
       "tokens above, each step's output below, links whose opacity is the weight "
       "(bahdanau.step steps)",
       bahdanau_alignment_figure},
      {"bahdanau-score",
       "the additive score of the Bahdanau model at model.path on input.src part by part, for "
       "the last of bahdanau.step steps and key bahdanau.key: W_q q, W_k k, tanh, w_v, context; "
       "scores and weights per key",
       bahdanau_score_figure},
      {"bahdanau-training",
       "trains the bahdanau.* keys' Bahdanau model bahdanau.epochs epochs: batch and whole-set "
       "loss and the BLEU of the book's four test sentences per epoch, as the Bahdanau lab plots "
       "them (book 10.4/11.4: F9)",
       bahdanau_training_figure},
      {"transformer-training",
       "trains tf.task with the tf.* keys for tf.steps steps: batch loss and held-out greedy "
       "accuracy (tokens, whole sequences) over the steps, as the Transformer lab plots them",
       transformer_training_figure},
  });
  return registry;
}

Expected<Figure> build_figure(const FigureInfo& info, const Lab& lab, const FigureContext& ctx) {
  if (info.needs_lab()) return info.build.from_lab(lab, ctx);
  return info.build.from_settings(lab.settings(), ctx);
}

const FigureInfo* find_figure(std::string_view name) {
  for (const FigureInfo& info : figure_registry())
    if (info.name == name) return &info;
  return nullptr;
}

}  // namespace al::fig
