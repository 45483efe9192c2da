// The multi-head attention lab's figures (see multi_head_figures.hpp): the engine computes
// (engine/mechanisms/multi_head.hpp); these arrange its numbers.
#include "multi_head_figures.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "builder_helpers.hpp"
#include "engine/mechanisms/multi_head.hpp"
#include "number_format.hpp"
#include "palette.hpp"

namespace al::fig {
namespace {

// The problem, every sequence through every head, and what the views show and follow.
struct Scene {
  mh::Problem problem;
  std::vector<mh::Sequence> sequences;
  int item = 0;              // the sequence shown
  int query = -1, key = -1;  // followed, or -1
  const mh::Sequence& shown() const { return sequences[static_cast<std::size_t>(item)]; }
  int nq() const { return static_cast<int>(shown().output.rows()); }
  int nk() const { return static_cast<int>(shown().heads.front().weights.cols()); }
  int valid_len() const {
    return problem.valid_lens.empty() ? nk() : problem.valid_lens[static_cast<std::size_t>(item)];
  }
};

Expected<Scene> scene_of(const Settings& s) {
  auto problem = mh::problem_of(s);
  if (!problem) return Error{problem.error()};
  Scene scene;
  scene.problem = std::move(problem).value();
  scene.sequences = mh::attend(scene.problem);
  scene.item = std::clamp(s.mh_batch_item, 0, scene.problem.batch() - 1);
  if (s.mh_query < scene.nq()) scene.query = s.mh_query;
  if (s.mh_key < scene.nk()) scene.key = s.mh_key;
  return scene;
}

std::vector<std::string> names(const char* prefix, int n) {
  std::vector<std::string> out;
  for (int i = 0; i < n; ++i) out.push_back(prefix + std::to_string(i));
  return out;
}

// "d = 8, h = 2: d/h = 4, scale 1/√4 = 0.5"
std::string shape_text(const mh::Problem& p) {
  const std::string dh = std::to_string(p.head_dim());
  return "d = " + std::to_string(p.hiddens()) + ", h = " + std::to_string(p.heads) +
         ": d/h = " + dh + ", scale 1/√" + dh + " = " + label_number(p.scale());
}

std::string sequence_text(const Scene& scene) {
  std::string out =
      "sequence " + std::to_string(scene.item) + " of " + std::to_string(scene.problem.batch());
  if (!scene.problem.valid_lens.empty())
    out += ", valid length " + std::to_string(scene.valid_len());
  return out;
}

// A heatmap of `m` over its own range (from 0 for weights), the followed query's row outlined.
Panel matrix_panel(const mh::Mat& m, const Settings& s, std::string title, std::string value_label,
                   bool weights, std::string x_label, std::string y_label) {
  double lo = m.size() ? m.minCoeff() : 0.0, hi = m.size() ? m.maxCoeff() : 1.0;
  if (weights) lo = 0.0;
  if (!(hi > lo)) hi = lo + 1.0;
  Panel p = heatmap_panel(m.cast<float>(), s.view_colormap, lo, hi, std::move(x_label),
                          std::move(y_label));
  p.title = std::move(title);
  p.heatmap->value_label = std::move(value_label);
  return p;
}

// What the mask did, said once under the first head.
std::string mask_note(const Scene& scene) {
  const int L = scene.valid_len();
  if (scene.problem.valid_lens.empty() || L >= scene.nk()) return {};
  if (L == 0)
    return "valid length 0: every score became -1e6, so each head gives each key 1/" +
           std::to_string(scene.nk()) + " (the book's uniform weights)";
  return "grey: keys " + std::to_string(L) + " and after are masked in every head (weight 0)";
}

// Vertical lines between the heads' blocks of d/h columns.
void head_guides(Panel& p, const mh::Problem& problem) {
  for (int j = 1; j < problem.heads; ++j) {
    Guide g;
    g.at = j * problem.head_dim() - 0.5;
    g.color = palette::kGuide;
    g.dash = Dash::Solid;
    p.guides.push_back(g);
  }
}

}  // namespace

Expected<Figure> multi_head_figure(const Settings& s, const FigureContext& ctx) {
  auto made = scene_of(s);
  if (!made) return Error{made.error()};
  const Scene& scene = made.value();
  const mh::Problem& p = scene.problem;

  Figure f;
  f.name = "multi-head";
  f.title = "Each head's weights, " + sequence_text(scene) + " (" + shape_text(p) + ")";
  f.cols = p.heads <= 5 ? p.heads : 4;
  f.rows = (p.heads + f.cols - 1) / f.cols;
  f.width = 80 + 230.0 * f.cols;
  f.height = 60 + 240.0 * f.rows;
  for (int j = 0; j < p.heads; ++j) {
    const mh::Head& head = scene.shown().heads[static_cast<std::size_t>(j)];
    Panel panel = matrix_panel(head.weights, s, "Head " + std::to_string(j), "weight", true, "Keys",
                               j % f.cols == 0 ? "Queries" : "");
    Heatmap& h = *panel.heatmap;
    h.name = "head " + std::to_string(j);
    h.row_labels = names("q", scene.nq());
    h.col_labels = names("k", scene.nk());
    if (scene.query >= 0) h.highlight_row = scene.query;
    if (scene.key >= 0) h.highlight_col = scene.key;
    if (p.masks(scene.item) && scene.valid_len() > 0) h.valid_cols = scene.valid_len();
    panel.colorbar = j % f.cols == f.cols - 1 || j == p.heads - 1;
    if (j == 0) panel.note = mask_note(scene);
    f.panels.push_back(std::move(panel));
  }

  f.table.columns = {"batch", "head", "query", "key", "score", "weight"};
  if (!ctx.table) return f;
  for (int b = 0; b < p.batch(); ++b)
    for (int j = 0; j < p.heads; ++j) {
      const mh::Head& head =
          scene.sequences[static_cast<std::size_t>(b)].heads[static_cast<std::size_t>(j)];
      for (Eigen::Index q = 0; q < head.weights.rows(); ++q)
        for (Eigen::Index k = 0; k < head.weights.cols(); ++k)
          f.table.rows.push_back({static_cast<double>(b), static_cast<double>(j),
                                  static_cast<double>(q), static_cast<double>(k), head.scores(q, k),
                                  head.weights(q, k)});
    }
  return f;
}

Expected<Figure> multi_head_projections_figure(const Settings& s, const FigureContext& ctx) {
  auto made = scene_of(s);
  if (!made) return Error{made.error()};
  const mh::Problem& p = made.value().problem;
  const int dh = p.head_dim();
  struct Projection {
    const char* name;
    const mh::Mat* W;
  };
  const Projection projections[] = {{"W_q", &p.W_q}, {"W_k", &p.W_k}, {"W_v", &p.W_v}};
  // One colour scale for all: the entries are Xavier-uniform within ±√(6/(in + d)).
  double a = 0;
  for (const Projection& w : projections) a = std::max(a, w.W->cwiseAbs().maxCoeff());
  if (!(a > 0)) a = 1;

  Figure f;
  f.name = "multi-head-projections";
  f.title = "Each head's projections: rows j·d/h to (j+1)·d/h of W_q, W_k, W_v (d/h = " +
            std::to_string(dh) + ")";
  f.rows = p.heads;
  f.cols = 3;
  f.width = 620;
  f.height = 60 + std::clamp(150.0 * p.heads, 200.0, 900.0);
  for (int j = 0; j < p.heads; ++j)
    for (const Projection& w : projections) {
      const mh::Mat rows = mh::head_rows(*w.W, j, dh);
      Panel panel = heatmap_panel(rows.cast<float>(), s.view_colormap, -a, a,
                                  j == p.heads - 1 ? "input feature" : "",
                                  w.W == &p.W_q ? "head " + std::to_string(j) + " unit" : "");
      panel.title = "Head " + std::to_string(j) + ": " + w.name + " rows " +
                    std::to_string(j * dh) + "-" + std::to_string((j + 1) * dh - 1);
      panel.heatmap->value_label = w.name;
      panel.heatmap->name = "head " + std::to_string(j) + " · " + w.name;
      panel.colorbar = w.W == &p.W_v;
      f.panels.push_back(std::move(panel));
    }

  f.table.columns = {"matrix", "head", "row", "col", "value"};
  if (!ctx.table) return f;
  const Projection all[] = {{"W_q", &p.W_q}, {"W_k", &p.W_k}, {"W_v", &p.W_v}, {"W_o", &p.W_o}};
  for (const Projection& w : all)
    for (Eigen::Index r = 0; r < w.W->rows(); ++r)
      for (Eigen::Index c = 0; c < w.W->cols(); ++c) {
        // A row of W_q, W_k, W_v makes one head's unit; a column of W_o reads one.
        const Eigen::Index head = (w.W == &p.W_o ? c : r) / dh;
        f.table.rows.push_back({std::nullopt, static_cast<double>(head), static_cast<double>(r),
                                static_cast<double>(c), (*w.W)(r, c)});
        f.table.text.push_back({w.name});
      }
  return f;
}

Expected<Figure> multi_head_output_figure(const Settings& s, const FigureContext& ctx) {
  auto made = scene_of(s);
  if (!made) return Error{made.error()};
  const Scene& scene = made.value();
  const mh::Problem& p = scene.problem;
  const mh::Sequence& seq = scene.shown();
  const std::string d = std::to_string(p.hiddens());

  Figure f;
  f.name = "multi-head-output";
  f.title = "Concatenate the heads, then W_o: " + sequence_text(scene);
  f.cols = 3;
  f.width = 900;
  f.height = 360;
  Panel concat = matrix_panel(seq.concat, s,
                              "Heads side by side (" + std::to_string(scene.nq()) + " x " + d + ")",
                              "head output", false, "column (d/h per head)", "Queries");
  concat.heatmap->row_labels = names("q", scene.nq());
  head_guides(concat, p);
  Panel wo = matrix_panel(p.W_o, s, "W_o (" + d + " x " + d + ")", "W_o", false, "input (concat)",
                          "output unit");
  Panel output = matrix_panel(
      seq.output, s, "Output = concat W_o^T (" + std::to_string(scene.nq()) + " x " + d + ")",
      "output", false, "unit", "");
  output.heatmap->row_labels = names("q", scene.nq());
  if (scene.query >= 0) concat.heatmap->highlight_row = output.heatmap->highlight_row = scene.query;
  for (Panel* panel : {&concat, &wo, &output}) panel->colorbar = true;
  output.note = "output shape (batch, queries, d) = (" + std::to_string(p.batch()) + ", " +
                std::to_string(scene.nq()) + ", " + d + ")";
  f.panels = {std::move(concat), std::move(wo), std::move(output)};

  f.table.columns = {"batch", "query", "column", "head", "concat", "output"};
  if (!ctx.table) return f;
  for (int b = 0; b < p.batch(); ++b) {
    const mh::Sequence& sb = scene.sequences[static_cast<std::size_t>(b)];
    for (Eigen::Index q = 0; q < sb.concat.rows(); ++q)
      for (Eigen::Index c = 0; c < sb.concat.cols(); ++c)
        f.table.rows.push_back({static_cast<double>(b), static_cast<double>(q),
                                static_cast<double>(c), static_cast<double>(c / p.head_dim()),
                                sb.concat(q, c), sb.output(q, c)});
  }
  return f;
}

}  // namespace al::fig
