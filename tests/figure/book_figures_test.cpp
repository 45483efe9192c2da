// The book's figures (d2l-…): every one builds from its preset with the book's panel layout,
// size in inches, labels, legend and colormap; the matrices hold the book's values where they are
// known exactly (eye(10), the old edition's toy, P, normalised columns); and a --set applies on
// top of the preset.
#include "app/figure/book_figures.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <set>
#include <string>
#include <vector>

#include "lab_with.hpp"

namespace al::fig {
namespace {

// The figure `name` built as `figure NAME` does: the preset, then `more` on top.
Figure book_figure(const std::string& name, const test::Assignments& more = {}) {
  const FigureInfo* info = find_figure(name);
  EXPECT_NE(info, nullptr) << name;
  if (!info) return {};
  EXPECT_TRUE(info->is_book());
  Settings s;
  EXPECT_EQ(apply_settings(s, info->preset), std::nullopt) << name;
  EXPECT_EQ(apply_settings(s, more), std::nullopt) << name;
  auto f = info->build.from_settings(s, FigureContext{});
  EXPECT_TRUE(f.ok()) << name << ": " << (f.ok() ? "" : f.error());
  return f.ok() ? f.value() : Figure{};
}

// What the book draws: grid, size in inches, the bottom row's x labels (all alike, or one per
// column), the first column's y label, the colormap of its heatmaps (if any), the legend.
struct BookLook {
  const char* name;
  int rows, cols;
  double width_in, height_in;
  std::vector<std::string> x_labels;
  std::string y_label;
  std::optional<Colormap> colormap;
  std::vector<std::string> legend = {};
  test::Assignments more = {};  // keeps the trained ones quick
};

const std::vector<BookLook>& catalogue() {
  const std::vector<std::string> kernels = {"Gaussian", "Boxcar", "Constant", "Epanechikov"};
  const std::vector<std::string> widths = {"Sigma 0.1", "Sigma 0.2", "Sigma 0.5", "Sigma 1"};
  static const std::vector<BookLook> all = {
      {"d2l-identity", 1, 1, 2.5, 2.5, {"Keys"}, "Queries", Colormap::Reds},
      {"d2l-kernels", 1, 4, 12, 3, kernels, "", std::nullopt},
      {"d2l-kernel-estimates", 1, 4, 12, 3, kernels, "", std::nullopt, {"y_hat", "y"}},
      {"d2l-kernel-attention", 1, 4, 12, 3, kernels, "", Colormap::Reds},
      {"d2l-width-estimates", 1, 4, 12, 3, widths, "", std::nullopt, {"y_hat", "y"}},
      {"d2l-width-attention", 1, 4, 12, 3, widths, "", Colormap::Reds},
      {"d2l-average-pooling", 1, 1, 3.5, 2.5, {"x"}, "y", std::nullopt, {"Truth", "Pred"}},
      {"d2l-nonparametric", 1, 1, 3.5, 2.5, {"x"}, "y", std::nullopt, {"Truth", "Pred"}},
      {"d2l-nonparametric-attention",
       1,
       1,
       2.5,
       2.5,
       {"Sorted training inputs"},
       "Sorted testing inputs",
       Colormap::Reds},
      {"d2l-parametric-loss", 1, 1, 3.5, 2.5, {"epoch"}, "loss", std::nullopt},
      {"d2l-parametric", 1, 1, 3.5, 2.5, {"x"}, "y", std::nullopt, {"Truth", "Pred"}},
      {"d2l-parametric-attention",
       1,
       1,
       2.5,
       2.5,
       {"Sorted training inputs"},
       "Sorted testing inputs",
       Colormap::Reds},
      {"d2l-dot-attention", 1, 1, 2.5, 2.5, {"Keys"}, "Queries", Colormap::Reds},
      {"d2l-additive-attention", 1, 1, 2.5, 2.5, {"Keys"}, "Queries", Colormap::Reds},
      {"d2l-seq2seq-loss",
       1,
       1,
       3.5,
       2.5,
       {"epoch"},
       "loss",
       std::nullopt,
       {},
       {{"bahdanau.epochs", "2"}}},
      {"d2l-bahdanau-attention",
       1,
       1,
       2.5,
       2.5,
       {"Key positions"},
       "Query positions",
       Colormap::Reds},
      {"d2l-pe-columns",
       1,
       1,
       6,
       2.5,
       {"Row (position)"},
       "",
       std::nullopt,
       {"Col 6", "Col 7", "Col 8", "Col 9"}},
      {"d2l-pe-heatmap",
       1,
       1,
       3.5,
       4,
       {"Column (encoding dimension)"},
       "Row (position)",
       Colormap::Blues},
      {"d2l-transformer-loss",
       1,
       1,
       3.5,
       2.5,
       {"step"},
       "loss",
       std::nullopt,
       {},
       {{"tf.steps", "5"}}},
      {"d2l-encoder-attention", 2, 4, 7, 3.5, {"Key positions"}, "Query positions", Colormap::Reds},
      {"d2l-decoder-attention", 2, 4, 7, 3.5, {"Key positions"}, "Query positions", Colormap::Reds},
      {"d2l-cross-attention", 2, 4, 7, 3.5, {"Key positions"}, "Query positions", Colormap::Reds},
  };
  return all;
}

std::vector<std::string> legend_of(const Panel& p) {
  std::vector<std::string> labels;
  for (const Series& s : p.series)
    if (!s.label.empty() && s.kind != Series::Kind::Bars) labels.push_back(s.label);
  return labels;
}

TEST(BookFigures, TheCatalogueIsTheBooksF1ToF16AndG1ToG6) {
  std::set<std::string> numbers;
  for (const FigureInfo& info : book_figures()) {
    EXPECT_TRUE(info.name.starts_with("d2l-")) << info.name;
    const FigureInfo* listed = find_figure(info.name);  // in the registry, as a book figure
    ASSERT_NE(listed, nullptr) << info.name;
    EXPECT_EQ(listed->book, info.book);
    numbers.insert(info.book.substr(info.book.find(' ') + 1));
    EXPECT_FALSE(info.preset.empty()) << info.name;
    EXPECT_EQ(info.preset.front().first, "app.lab") << info.name << " names the lab that shows it";
  }
  std::set<std::string> book;
  for (const auto& [letter, last] : {std::pair{'F', 16}, std::pair{'G', 6}})
    for (int i = 1; i <= last; ++i) book.insert(letter + std::to_string(i));
  EXPECT_EQ(numbers, book);
  EXPECT_EQ(catalogue().size(), book_figures().size());
}

TEST(BookFigures, EachHasTheBooksLayoutLabelsLegendColormapAndSize) {
  for (const BookLook& e : catalogue()) {
    SCOPED_TRACE(e.name);
    const Figure f = book_figure(e.name, e.more);
    EXPECT_EQ(f.name, e.name);
    EXPECT_EQ(f.rows, e.rows);
    EXPECT_EQ(f.cols, e.cols);
    ASSERT_EQ(f.panels.size(), static_cast<std::size_t>(e.rows * e.cols));
    EXPECT_DOUBLE_EQ(f.width, e.width_in * 72);
    EXPECT_DOUBLE_EQ(f.height, e.height_in * 72);
    EXPECT_TRUE(f.title.empty());
    int colorbars = 0;
    for (std::size_t i = 0; i < f.panels.size(); ++i) {
      const Panel& p = f.panels[i];
      const int row = static_cast<int>(i) / f.cols, col = static_cast<int>(i) % f.cols;
      const std::string x = e.x_labels.size() == 1 ? e.x_labels[0] : e.x_labels[col];
      EXPECT_EQ(p.x.label, row == f.rows - 1 ? x : "") << "panel " << i;
      EXPECT_EQ(p.y.label, col == 0 ? e.y_label : "") << "panel " << i;
      // The book's titles: none, but the heads of F14-F16 on every row.
      const std::string head =
          f.rows == 2 ? std::string("Head ").append(std::to_string(col + 1)) : "";
      EXPECT_EQ(p.title, head) << "panel " << i;
      EXPECT_EQ(p.heatmap.has_value(), e.colormap.has_value()) << "panel " << i;
      if (p.heatmap) {
        EXPECT_EQ(p.heatmap->colormap, *e.colormap) << "panel " << i;
      }
      EXPECT_TRUE(p.guides.empty());
      colorbars += p.colorbar;
      if (!e.legend.empty()) {
        EXPECT_EQ(legend_of(p), e.legend) << "panel " << i;
      }
    }
    // One colorbar, the last panel's, as show_heatmaps and F4's fig.colorbar (F14-F16, one colour
    // scale: the last column's, one per row).
    EXPECT_EQ(colorbars, e.colormap ? e.rows : 0);
    if (e.colormap) {
      EXPECT_TRUE(f.panels.back().colorbar);
    }
    EXPECT_FALSE(f.table.columns.empty());
    EXPECT_FALSE(f.table.rows.empty());
  }
}

const WeightMatrix& matrix(const Figure& f, std::size_t panel = 0) {
  return *f.panels.at(panel).heatmap->values;
}

TEST(BookFigures, IdentityIsEyeTen) {
  const Figure f = book_figure("d2l-identity");  // kept: `m` refers into it
  const WeightMatrix& m = matrix(f);
  ASSERT_EQ(m.rows(), 10);
  ASSERT_EQ(m.cols(), 10);
  EXPECT_EQ(m, WeightMatrix::Identity(10, 10));
}

TEST(BookFigures, ScoringToyHasEachQuerysValidLength) {
  // valid_lens [2, 6] over ten equal keys: 1/2 on keys 0-1, 1/6 on keys 0-5, exactly 0 after.
  for (const char* name : {"d2l-dot-attention", "d2l-additive-attention"}) {
    SCOPED_TRACE(name);
    const Figure f = book_figure(name);
    const WeightMatrix& m = matrix(f);
    ASSERT_EQ(m.rows(), 2);
    ASSERT_EQ(m.cols(), 10);
    for (int k = 0; k < 10; ++k) {
      EXPECT_FLOAT_EQ(m(0, k), k < 2 ? 0.5f : 0.0f) << k;
      EXPECT_FLOAT_EQ(m(1, k), k < 6 ? 1.0f / 6 : 0.0f) << k;
    }
    // The CSV: query 0's ten rows from valid length 2, query 1's from valid length 6.
    ASSERT_EQ(f.table.rows.size(), 20u);
    EXPECT_EQ(f.table.rows[1][0], 0.0);
    EXPECT_EQ(f.table.rows[1][3], 0.5);
    EXPECT_EQ(f.table.rows[15][0], 1.0);
    EXPECT_NEAR(*f.table.rows[15][3], 1.0 / 6, 1e-15);
  }
}

TEST(BookFigures, NewEditionAttentionIsKeysByQueriesNormalisedPerQuery) {
  const Figure f = book_figure("d2l-kernel-attention");
  for (std::size_t p = 0; p < 4; ++p) {
    const WeightMatrix& m = matrix(f, p);
    EXPECT_EQ(m.rows(), 40) << "keys: the new edition's 40 training points";
    EXPECT_EQ(m.cols(), 50) << "queries: arange(0, 5, 0.1)";
    for (Eigen::Index q = 0; q < m.cols(); ++q) EXPECT_NEAR(m.col(q).sum(), 1.0, 1e-5) << p;
  }
  // Constant: every weight 1/40.
  EXPECT_NEAR(matrix(f, 2).minCoeff(), 1.0 / 40, 1e-7);
  EXPECT_NEAR(matrix(f, 2).maxCoeff(), 1.0 / 40, 1e-7);
  // CSV: each panel's rows under its name.
  EXPECT_EQ(f.table.columns.front(), "panel");
  EXPECT_EQ(f.table.rows.size(), 4u * 50 * 40);
  EXPECT_EQ(f.table.text.front().front(), "Gaussian");
  EXPECT_EQ(f.table.text.back().front(), "Epanechikov");
}

TEST(BookFigures, PositionalEncodingIsTheBooksP) {
  const Figure f = book_figure("d2l-pe-heatmap");  // kept: `p` refers into it
  const WeightMatrix& p = matrix(f);
  ASSERT_EQ(p.rows(), 60);
  ASSERT_EQ(p.cols(), 32);
  EXPECT_NEAR(p(1, 0), 0.841471, 1e-6);
  EXPECT_NEAR(p(10, 7), -0.205998, 1e-6);
  EXPECT_NEAR(p(59, 8), -0.373877, 1e-6);
}

TEST(BookFigures, SharedYAcrossTheFourPanels) {
  for (const char* name : {"d2l-kernels", "d2l-kernel-estimates", "d2l-width-estimates"}) {
    const Figure f = book_figure(name);
    for (const Panel& p : f.panels) {
      EXPECT_EQ(p.y.min, f.panels[0].y.min) << name;
      EXPECT_EQ(p.y.max, f.panels[0].y.max) << name;
    }
  }
}

TEST(BookFigures, TransformerHeadsAttendOnlyToTheFourSourceTokens) {
  // "i'm home ." and <eos>: every row of the encoder's maps is a distribution over 4 keys.
  const Figure f = book_figure("d2l-encoder-attention");
  for (std::size_t p = 0; p < f.panels.size(); ++p) {
    const WeightMatrix& m = matrix(f, p);
    EXPECT_EQ(m.cols(), 4);
    for (Eigen::Index q = 0; q < m.rows(); ++q) EXPECT_NEAR(m.row(q).sum(), 1.0, 1e-5);
  }
  // The decoder's self-attention is causal: nothing right of the diagonal.
  const Figure d = book_figure("d2l-decoder-attention");
  const WeightMatrix& m = matrix(d, 0);
  for (Eigen::Index q = 0; q < m.rows(); ++q)
    for (Eigen::Index k = q + 1; k < m.cols(); ++k) EXPECT_EQ(m(q, k), 0.0f);
}

TEST(BookFigures, SetAppliesOnTopOfThePreset) {
  // F5 with my data: 12 points instead of the book's 40, in every panel, widths kept per panel.
  const Figure f = book_figure("d2l-width-attention", {{"data.n_train", "12"}});
  for (std::size_t p = 0; p < 4; ++p) EXPECT_EQ(matrix(f, p).rows(), 12);
  const Figure estimates = book_figure("d2l-width-estimates", {{"data.n_train", "12"}});
  for (const Panel& p : estimates.panels)
    for (const Series& s : p.series)
      if (s.kind == Series::Kind::Markers) {
        EXPECT_EQ(s.x.size(), 12u);
      }
  // The colormap and the positional encoding's size too.
  const Figure g = book_figure("d2l-identity", {{"view.colormap", "viridis"}});
  EXPECT_EQ(g.panels[0].heatmap->colormap, Colormap::Viridis);
  EXPECT_EQ(matrix(book_figure("d2l-pe-heatmap", {{"pe.dim", "8"}})).cols(), 8);
}

TEST(BookFigures, PngIsTheSizeInInchesAtTheDpi) {
  EXPECT_DOUBLE_EQ(book_png_scale(72, 1), 1.0);
  EXPECT_DOUBLE_EQ(book_png_scale(100, 1) * 2.5 * kPointsPerInch, 250.0);
  EXPECT_DOUBLE_EQ(book_png_scale(300, 2) * 3.5 * kPointsPerInch, 2100.0);
}

}  // namespace
}  // namespace al::fig
