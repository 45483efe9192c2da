// The attention-as-a-kernel lab's figures (see kernel_identity_figures.hpp).
#include "kernel_identity_figures.hpp"

#include <cmath>
#include <string>

#include "builder_helpers.hpp"
#include "engine/mechanisms/kernel_identity.hpp"
#include "engine/short_number.hpp"
#include "number_format.hpp"

namespace al::fig {
namespace {

// A heatmap of `m` coloured over its finite range (0 up for weights), overflowed cells grey.
Panel identity_panel(const identity::Mat& m, const Settings& s, std::string title,
                     std::string value_label, bool weights, int query, int key) {
  double lo = weights ? 0.0 : std::numeric_limits<double>::infinity();
  double hi = -std::numeric_limits<double>::infinity();
  for (Eigen::Index i = 0; i < m.size(); ++i)
    if (std::isfinite(m.data()[i])) {
      lo = std::min(lo, m.data()[i]);
      hi = std::max(hi, m.data()[i]);
    }
  if (!(hi > lo)) hi = lo + 1.0;
  Panel p = heatmap_panel(m.cast<float>(), s.view_colormap, lo, hi, "Keys", "Queries");
  p.title = std::move(title);
  p.heatmap->value_label = std::move(value_label);
  if (query >= 0 && query < m.rows()) p.heatmap->highlight_row = query;
  if (key >= 0 && key < m.cols()) p.heatmap->highlight_col = key;
  p.colorbar = true;
  return p;
}

// "2.2e-16": differences are shown to two digits, in scientific form when tiny.
std::string difference(double v) {
  return significant(v, 2);
}

}  // namespace

Expected<Figure> kernel_identity_figure(const Settings& s, const FigureContext& ctx) {
  auto inputs = identity::inputs_of(s);
  if (!inputs) return Error{inputs.error()};
  const identity::Mat& Q = inputs.value().Q;
  const identity::Mat& K = inputs.value().K;
  const identity::Identity id = identity::kernel_identity(Q, K);
  const int q = s.identity_query, k = s.identity_key;
  const std::string d = std::to_string(Q.cols());

  Figure f;
  f.name = "kernel-identity";
  f.title = "softmax(q·k/√d) = RBF · M normalised over the keys (d = " + d + ")";
  f.rows = 2;
  f.cols = 2;
  f.width = 720;
  f.height = 640;
  Panel dot = identity_panel(id.dot_weights, s, "Dot-product weights softmax(q·k/√d)", "weight",
                             true, q, k);
  Panel rbf = identity_panel(id.rbf, s, "RBF exp(−‖q − k‖²/(2√d))", "rbf", false, q, k);
  rbf.note = "normalised alone it differs from the weights by up to " +
             difference(id.rbf_only_difference) + ": exp(‖k‖²/(2√d)) varies with the key";
  Panel magnitude = identity_panel(id.magnitude, s, "Magnitude M = exp((‖q‖² + ‖k‖²)/(2√d))",
                                   "magnitude", false, q, k);
  if (id.overflowed > 0)
    magnitude.note = count(static_cast<std::size_t>(id.overflowed), "grey cell") +
                     ": M beyond the largest double (the product is taken from logarithms)";
  Panel product = identity_panel(id.product_weights, s, "RBF · M normalised over the keys",
                                 "weight", true, q, k);
  product.note =
      "max |product − dot-product weights| = " + difference(id.max_difference) + " (rounding)";
  f.panels = {std::move(dot), std::move(rbf), std::move(magnitude), std::move(product)};

  f.table.columns = {"query", "key", "dot_weight", "rbf", "magnitude", "product_weight"};
  if (!ctx.table) return f;
  for (Eigen::Index i = 0; i < Q.rows(); ++i)
    for (Eigen::Index j = 0; j < K.rows(); ++j)
      f.table.rows.push_back({static_cast<double>(i), static_cast<double>(j), id.dot_weights(i, j),
                              id.rbf(i, j), cell(id.magnitude(i, j)), id.product_weights(i, j)});
  return f;
}

Expected<Figure> kernel_identity_nw_figure(const Lab& lab, const FigureContext& ctx) {
  const Settings& s = lab.settings();
  const Dataset& data = lab.data();
  auto made = identity::nadaraya_watson_link(data.queries, data.x, s.kernel_w);
  if (!made) return Error{made.error()};
  const identity::NadarayaWatsonLink& link = made.value();
  const int q = ctx.query;
  const std::string w = label_number(s.kernel_w);

  Figure f;
  f.name = "kernel-identity-nw";
  f.title = "The kernel-regression lab's points: Gaussian Nadaraya–Watson = RBF without M";
  f.cols = 3;
  f.width = 900;
  f.height = 360;
  Panel nw = identity_panel(link.nw_weights, s, "Nadaraya–Watson, Gaussian, w = " + w, "weight",
                            true, q, -1);
  Panel rbf =
      identity_panel(link.rbf_weights, s, "RBF of w·x, d = 1, normalised", "weight", true, q, -1);
  rbf.note = "max |RBF − NW| = " + difference(link.max_difference) + " (NW stores floats)";
  Panel dot =
      identity_panel(link.dot_weights, s, "softmax(w·x · w·x_i): with M", "weight", true, q, -1);
  dot.note = "max |dot − NW| = " + difference(link.dot_difference) + ": M = exp(k²/2) remains";
  for (Panel* p : {&nw, &rbf, &dot}) {
    p->x.label = "Sorted training inputs (keys)";
    p->y.label = "Queries";
  }
  f.panels = {std::move(nw), std::move(rbf), std::move(dot)};

  f.table.columns = {"query", "key", "query_x", "key_x", "nw_weight", "rbf_weight", "dot_weight"};
  if (!ctx.table) return f;
  for (Eigen::Index i = 0; i < link.nw_weights.rows(); ++i)
    for (Eigen::Index j = 0; j < link.nw_weights.cols(); ++j)
      f.table.rows.push_back({static_cast<double>(i), static_cast<double>(j),
                              data.queries[static_cast<std::size_t>(i)],
                              data.x[static_cast<std::size_t>(j)], link.nw_weights(i, j),
                              link.rbf_weights(i, j), link.dot_weights(i, j)});
  return f;
}

}  // namespace al::fig
