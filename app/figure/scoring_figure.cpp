// scoring (book 10.3 / 11.3: F7, F8): the weights of dot-product and additive attention on the
// old edition's deterministic toy, computed by the engine's own attention functions.
#include <array>
#include <string>

#include "builder_helpers.hpp"
#include "engine/rng.hpp"
#include "engine/transformer/additive_attention.hpp"
#include "engine/transformer/dot_product_attention.hpp"
#include "number_format.hpp"
#include "transformer_figures.hpp"

namespace al::fig {
namespace {

constexpr int kSequences = 2, kKeys = 10, kValueSize = 4, kKeySize = 2;
constexpr int kAdditiveQuerySize = 20, kAdditiveHidden = 8;
constexpr std::array<int, kSequences> kValidLens = {2, 6};

// rows x cols draws of N(0, 1), row by row (row b is sequence b's one query).
tf::Mat<double> normal_matrix(Rng& rng, int rows, int cols) {
  tf::Mat<double> m(rows, cols);
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < cols; ++c) m(r, c) = rng.normal();
  return m;
}

// One scoring function's weights (sequences x keys) and outputs (sequences x value size).
struct Scored {
  std::string name, title;
  RowMatrix weights = RowMatrix::Zero(kSequences, kKeys);
  RowMatrix outputs = RowMatrix::Zero(kSequences, kValueSize);
};

std::string outputs_note(const RowMatrix& outputs) {
  std::string note = "Outputs (weights x values):";
  for (Eigen::Index b = 0; b < outputs.rows(); ++b) {
    note += b ? ", [" : " [";
    for (Eigen::Index c = 0; c < outputs.cols(); ++c)
      note += (c ? ", " : "") + label_number(outputs(b, c));
    note += "]";
  }
  return note;
}

}  // namespace

Figure scoring_figure(const Settings& s, const FigureContext& ctx) {
  // Keys are all ones, so every key scores the same and the weights are uniform over the valid
  // prefix: 1/2 on keys 0-1 and 1/6 on keys 0-5, whatever the queries and parameters.
  const tf::Mat<double> keys = tf::Mat<double>::Ones(kKeys, kKeySize);
  tf::Mat<double> values(kKeys, kValueSize);  // arange(40).reshape(10, 4)
  for (int k = 0; k < kKeys; ++k)
    for (int c = 0; c < kValueSize; ++c) values(k, c) = k * kValueSize + c;

  Rng rng(s.scoring_seed);
  const tf::Mat<double> additive_queries = normal_matrix(rng, kSequences, kAdditiveQuerySize);
  tf::AdditiveAttention<double> additive;
  additive.init(kAdditiveQuerySize, kKeySize, kAdditiveHidden, rng);
  const tf::Mat<double> dot_queries = normal_matrix(rng, kSequences, kKeySize);

  Scored dot{"dot-product", "Dot product"}, add{"additive", "Additive"};
  for (int b = 0; b < kSequences; ++b) {
    const std::array<int, 1> lens = {kValidLens[static_cast<std::size_t>(b)]};
    tf::Mat<double> weights;
    const tf::Mat<double> query = dot_queries.row(b);
    dot.outputs.row(b) = tf::dot_product_attention<double>(query, keys, values, lens, weights);
    dot.weights.row(b) = weights.row(0);

    tf::AdditiveAttention<double>::Cache cache;
    add.outputs.row(b) = additive.forward(additive_queries.row(b), keys, values, lens, cache);
    add.weights.row(b) = cache.weights.row(0);
  }

  Figure f;
  f.name = "scoring";
  f.rows = 2;
  f.width = 520;
  f.height = 420;
  f.table.columns = {"scoring", "query", "key", "weight"};
  for (const Scored* scored : {&dot, &add}) {
    Panel p = heatmap_panel(scored->weights.cast<float>(), s.view_colormap, 0.0,
                            scored->weights.maxCoeff(), "Keys", "Queries");
    p.title = scored->title;
    p.colorbar = true;
    p.note = outputs_note(scored->outputs);
    f.panels.push_back(std::move(p));
    if (!ctx.table) continue;
    for (int q = 0; q < kSequences; ++q)
      for (int k = 0; k < kKeys; ++k) {
        f.table.rows.push_back({std::nullopt, q, k, scored->weights(q, k)});
        f.table.text.push_back({scored->name});
      }
  }
  return f;
}

}  // namespace al::fig
