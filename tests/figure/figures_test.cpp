// The figure builders against the lab's own numbers and hand-computed values: table headers,
// row counts and cells, series, limits, the selected query and the notes.
#include <gtest/gtest.h>

#include <cmath>
#include <numeric>
#include <sstream>

#include "app/figure/export.hpp"
#include "app/figure/figures.hpp"
#include "app/figure/layout.hpp"
#include "app/figure/number_format.hpp"
#include "app/figure/recording_canvas.hpp"
#include "lab_with.hpp"

namespace al::fig {
namespace {

using test::lab_with;

const Series* find_series(const Panel& p, const std::string& label_prefix) {
  for (const Series& s : p.series)
    if (!s.label.empty() && s.label.rfind(label_prefix, 0) == 0) return &s;
  return nullptr;
}

TEST(Registry, ListsEveryFigure) {
  std::vector<std::string> names;
  for (const FigureInfo& info : figure_registry()) {
    EXPECT_FALSE(info.help.empty());
    EXPECT_EQ(find_figure(info.name), &info);
    if (!info.is_book()) names.push_back(info.name);  // the book's: book_figures_test.cpp
  }
  EXPECT_EQ(names, (std::vector<std::string>{"regression",
                                             "attention",
                                             "kernels",
                                             "loss",
                                             "points",
                                             "scoring",
                                             "scoring-plane",
                                             "scoring-query",
                                             "restaurant",
                                             "restaurant-features",
                                             "kernel-identity",
                                             "kernel-identity-nw",
                                             "multi-head",
                                             "multi-head-projections",
                                             "multi-head-output",
                                             "positional-encoding",
                                             "positional-encoding-offsets",
                                             "positional-encoding-rotation",
                                             "positional-encoding-binary",
                                             "positional-encoding-learned",
                                             "self-attention-weights",
                                             "self-attention-answer",
                                             "self-attention-training",
                                             "transformer-attention",
                                             "transformer-logits",
                                             "transformer-query-steps",
                                             "transformer-next-token",
                                             "bahdanau-attention",
                                             "bahdanau-logits",
                                             "bahdanau-alignment",
                                             "bahdanau-score",
                                             "bahdanau-training",
                                             "transformer-training"}));
  EXPECT_EQ(find_figure("heatmap"), nullptr);
}

TEST(RegressionFigure, TableMatchesTheBookAndTheLab) {
  const Lab lab;
  const Figure f = regression_figure(lab, {});
  EXPECT_EQ(f.name, "regression");
  EXPECT_EQ(f.width, 560);
  EXPECT_EQ(f.height, 400);
  EXPECT_EQ(f.table.columns,
            (std::vector<std::string>{"x", "truth", "average", "nadaraya_watson", "parametric"}));
  ASSERT_EQ(f.table.rows.size(), 50u);

  const auto& row = f.table.rows[10];
  EXPECT_EQ(*row[0], 1.0);
  EXPECT_DOUBLE_EQ(*row[1], 2 * std::sin(1.0) + std::pow(1.0, 0.8));

  // Average pooling: the mean of the training targets at every query.
  const std::vector<double>& x = lab.data().x;
  const std::vector<double>& y = lab.data().y;
  const double mean = std::accumulate(y.begin(), y.end(), 0.0) / static_cast<double>(y.size());
  for (const auto& r : f.table.rows) EXPECT_NEAR(*r[2], mean, 1e-12);

  // Nadaraya-Watson, Gaussian, w = 1, at x = 1: sum_i exp(-(1 - x_i)^2 / 2) y_i / sum_i ...
  double num = 0, den = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double k = std::exp(-0.5 * (1.0 - x[i]) * (1.0 - x[i]));
    num += k * y[i];
    den += k;
  }
  EXPECT_NEAR(*row[3], num / den, 1e-12);
  for (std::size_t i = 0; i < 50; ++i) {
    EXPECT_EQ(*f.table.rows[i][3], lab.nadaraya_watson().prediction[static_cast<Eigen::Index>(i)]);
    EXPECT_EQ(*f.table.rows[i][4], lab.parametric().prediction[static_cast<Eigen::Index>(i)]);
  }
}

TEST(RegressionFigure, SeriesFollowTheViewFlagsButTheTableDoesNot) {
  const Lab all;
  const Figure figure = regression_figure(all, {});
  const Panel& p = figure.panels.at(0);
  EXPECT_EQ(p.x.label, "x");
  EXPECT_EQ(p.y.label, "y");
  EXPECT_EQ(p.legend, LegendPlacement::Auto);
  ASSERT_NE(find_series(p, "Truth: 2 sin x + x^0.8"), nullptr);
  ASSERT_NE(find_series(p, "Average pooling"), nullptr);
  const Series* nw = find_series(p, "Nadaraya-Watson (Gaussian, w = 1)");
  ASSERT_NE(nw, nullptr);
  EXPECT_EQ(nw->dash, Dash::Dashed);
  ASSERT_NE(find_series(p, "Parametric (w = "), nullptr);
  const Series* points = find_series(p, "Training");
  ASSERT_NE(points, nullptr);
  EXPECT_EQ(points->kind, Series::Kind::Markers);
  EXPECT_EQ(points->x.size(), 50u);
  EXPECT_FLOAT_EQ(points->color.a, 0.5f);

  const Lab some = lab_with({{"view.average", "false"}, {"view.points", "false"}});
  const Figure f = regression_figure(some, {});
  EXPECT_EQ(find_series(f.panels[0], "Average pooling"), nullptr);
  EXPECT_EQ(find_series(f.panels[0], "Training"), nullptr);
  EXPECT_EQ(f.table.columns.size(), 5u);
  EXPECT_TRUE(f.table.rows[0][2].has_value());
}

TEST(RegressionFigure, BookLimitsWhenTheDataFitElseTheData) {
  const Panel fits = regression_figure(lab_with({{"data.noise", "0"}}), {}).panels[0];
  EXPECT_EQ(fits.x.min, 0.0);
  EXPECT_EQ(fits.x.max, 5.0);
  EXPECT_EQ(fits.y.min, -1.0);
  EXPECT_EQ(fits.y.max, 5.0);

  const Lab noisy = lab_with({{"data.noise", "10"}});
  const Panel p = regression_figure(noisy, {}).panels[0];
  const auto [lo, hi] = std::minmax_element(noisy.data().y.begin(), noisy.data().y.end());
  ASSERT_TRUE(*lo < -1.0 || *hi > 5.0);
  const double pad = 0.05 * (*hi - *lo);
  EXPECT_NEAR(p.y.min, *lo - pad, 1e-9);
  EXPECT_NEAR(p.y.max, *hi + pad, 1e-9);
}

TEST(RegressionFigure, SelectedQueryGuidesAndWeighsThePoints) {
  const Lab lab;
  const Panel p = regression_figure(lab, FigureContext{10}).panels[0];
  ASSERT_EQ(p.guides.size(), 1u);
  EXPECT_EQ(p.guides[0].at, 1.0);
  EXPECT_TRUE(p.guides[0].vertical);

  const Series* points = find_series(p, "Training");
  ASSERT_NE(points, nullptr);
  ASSERT_EQ(points->marker_scale.size(), 50u);
  ASSERT_EQ(points->marker_alpha.size(), 50u);
  // The key nearest x = 1 has the largest Gaussian weight: scale 0.6 + 3, alpha 1.
  const std::vector<double>& x = lab.data().x;
  std::size_t nearest = 0;
  for (std::size_t i = 0; i < x.size(); ++i)
    if (std::abs(x[i] - 1.0) < std::abs(x[nearest] - 1.0)) nearest = i;
  EXPECT_DOUBLE_EQ(points->marker_scale[nearest], 3.6);
  EXPECT_DOUBLE_EQ(points->marker_alpha[nearest], 1.0);
  // Weight ratio exp(-(1 - x_i)^2 / 2) / exp(-(1 - x_n)^2 / 2) for a far key.
  const std::size_t far = x[0] < 0.5 ? 49 : 0;
  // The weights are floats, each within 2^-24 of its double: their ratio is within 2^-23.
  const double ratio = std::exp(-0.5 * (std::pow(1 - x[far], 2) - std::pow(1 - x[nearest], 2)));
  EXPECT_NEAR(points->marker_scale[far], 0.6 + 3.0 * ratio, 3.0 * ratio * 1.3e-7);

  // One marker on each visible curve at the query (unlabelled).
  int dots = 0;
  for (const Series& s : p.series)
    if (s.label.empty() && s.x.size() == 1 && s.x[0] == 1.0) ++dots;
  EXPECT_EQ(dots, 4);

  const Panel none = regression_figure(lab, FigureContext{50}).panels[0];
  EXPECT_TRUE(none.guides.empty());
}

TEST(RegressionFigure, UndefinedPredictionsAreGapsWithANote) {
  const Lab lab = lab_with({{"kernel", "boxcar"}, {"kernel.w", "20"}});
  const int undefined = lab.nadaraya_watson().undefined_count();
  ASSERT_GT(undefined, 0);
  const Figure f = regression_figure(lab, {});
  EXPECT_EQ(f.panels[0].note,
            std::to_string(undefined) +
                " of 50 queries have no key within reach of the Boxcar kernel (w = 20, σ = "
                "0.05): gaps in the curve");
  int empty = 0;
  for (const auto& r : f.table.rows) empty += !r[3].has_value();
  EXPECT_EQ(empty, undefined);
}

TEST(AttentionFigure, LongTableOfWeightsThatSumToOne) {
  const Lab lab;
  const Figure f = attention_figure(lab, FigureContext{7});
  EXPECT_EQ(f.table.columns,
            (std::vector<std::string>{"query", "key", "query_x", "key_x", "weight"}));
  ASSERT_EQ(f.table.rows.size(), 2500u);
  for (int q = 0; q < 50; ++q) {
    double sum = 0;
    for (int k = 0; k < 50; ++k) {
      const auto& r = f.table.rows[static_cast<std::size_t>(q * 50 + k)];
      EXPECT_EQ(*r[0], q);
      EXPECT_EQ(*r[1], k);
      EXPECT_EQ(*r[2], lab.data().queries[static_cast<std::size_t>(q)]);
      EXPECT_EQ(*r[3], lab.data().x[static_cast<std::size_t>(k)]);
      sum += *r[4];
    }
    EXPECT_NEAR(sum, 1.0, 1e-6);  // 50 weights, each rounded to float
  }
  // The weights are floats: the CSV writes the shortest text of each float, not of the double
  // it widens to ("0.02", not "0.019999999552965164").
  EXPECT_EQ(f.table.float_columns, (std::vector<bool>{false, false, false, false, true}));

  const Panel& p = f.panels.at(0);
  ASSERT_TRUE(p.heatmap.has_value());
  EXPECT_EQ(p.heatmap->values.get(), &lab.nadaraya_watson().weights);  // shared, not copied
  EXPECT_EQ(p.heatmap->vmin, 0.0);
  EXPECT_EQ(p.heatmap->vmax, lab.nadaraya_watson().weights.maxCoeff());
  EXPECT_EQ(p.heatmap->highlight_row, 7);
  EXPECT_EQ(p.heatmap->row_coords, lab.data().queries);
  EXPECT_EQ(p.heatmap->col_coords, lab.data().x);
  EXPECT_TRUE(p.colorbar);
  EXPECT_EQ(p.heatmap->value_label, "weight");
  EXPECT_EQ(p.x.label, "Sorted training inputs (keys)");
  EXPECT_EQ(p.y.label, "Sorted testing inputs (queries)");
  EXPECT_NE(p.title.find("Nadaraya-Watson"), std::string::npos);
}

TEST(AttentionFigure, FollowsEstimatorColormapAndUndefinedRows) {
  const Lab avg = lab_with({{"attention.estimator", "average"}, {"view.colormap", "viridis"}});
  const Figure a = attention_figure(avg, {});
  EXPECT_EQ(a.panels[0].heatmap->colormap, Colormap::Viridis);
  EXPECT_EQ(*a.table.rows[123][4], static_cast<float>(1.0 / 50));
  std::istringstream csv(table_to_csv(a.table));
  std::string header, first_row;
  std::getline(csv, header);
  std::getline(csv, first_row);
  EXPECT_EQ(first_row, "0,0,0," + shortest_number(avg.data().x[0]) + ",0.02");
  EXPECT_FALSE(a.panels[0].heatmap->highlight_row.has_value());

  const Lab box = lab_with({{"kernel", "boxcar"}, {"kernel.w", "20"}});
  const Figure b = attention_figure(box, {});
  const auto& undefined = b.panels[0].heatmap->undefined_rows;
  ASSERT_EQ(undefined.size(), 50u);
  for (int q = 0; q < 50; ++q) {
    const bool nan = std::isnan(box.nadaraya_watson().prediction[q]);
    EXPECT_EQ(undefined[static_cast<std::size_t>(q)], nan);
    EXPECT_EQ(b.table.rows[static_cast<std::size_t>(q * 50)][4].has_value(), !nan);
  }
}

TEST(KernelsFigure, SixPanelsAndTheBooksFiftyPoints) {
  const Lab lab = lab_with({{"kernel", "laplace"}});
  const Figure f = kernels_figure(lab.settings(), {});
  EXPECT_EQ(f.rows, 2);
  EXPECT_EQ(f.cols, 3);
  ASSERT_EQ(f.panels.size(), 6u);
  EXPECT_EQ(f.panels[0].x.label, "Gaussian");
  EXPECT_EQ(f.panels[4].x.label, "Triangular");
  EXPECT_EQ(f.panels[5].title, "Laplace (current)");
  EXPECT_TRUE(f.panels[0].title.empty());
  for (const Panel& p : f.panels) {
    EXPECT_EQ(p.y.min, -0.05);
    EXPECT_EQ(p.y.max, 1.05);
  }

  EXPECT_EQ(f.table.columns, (std::vector<std::string>{"u", "gaussian", "boxcar", "constant",
                                                       "epanechnikov", "triangular", "laplace"}));
  ASSERT_EQ(f.table.rows.size(), 50u);
  EXPECT_EQ(*f.table.rows[0][0], -2.5);
  EXPECT_EQ(*f.table.rows[49][0], 2.4);
  EXPECT_DOUBLE_EQ(*f.table.rows[0][1], std::exp(-3.125));  // Gaussian at -2.5
  const auto& at_zero = f.table.rows[25];
  EXPECT_EQ(*at_zero[0], 0.0);
  for (std::size_t k = 1; k <= 6; ++k) EXPECT_DOUBLE_EQ(*at_zero[k], k == 4 ? 0.75 : 1.0);
  EXPECT_EQ(*f.table.rows[15][2], 0.0);  // Boxcar at u = -1: strict |u| < 1
  EXPECT_EQ(*f.table.rows[16][2], 1.0);  // u = -0.9
  const auto& half = f.table.rows[30];   // u = 0.5
  EXPECT_DOUBLE_EQ(*half[4], 0.5625);    // 3/4 (1 - 0.25)
  EXPECT_DOUBLE_EQ(*half[5], 0.5);       // 1 - |u|
  EXPECT_DOUBLE_EQ(*half[6], std::exp(-0.5));
}

TEST(LossFigure, HistoryPerEpoch) {
  const Lab lab;
  const Figure f = loss_figure(lab, {});
  EXPECT_EQ(f.cols, 2);
  ASSERT_EQ(f.panels.size(), 2u);
  EXPECT_EQ(f.panels[0].x.label, "epoch");
  EXPECT_EQ(f.panels[0].y.label, "loss");
  EXPECT_EQ(f.panels[1].y.label, "w");
  EXPECT_EQ(f.table.columns, (std::vector<std::string>{"epoch", "loss", "w"}));
  const auto& history = lab.trainer().history();
  ASSERT_EQ(history.size(), 5u);
  ASSERT_EQ(f.table.rows.size(), 5u);
  for (std::size_t i = 0; i < 5; ++i) {
    EXPECT_EQ(*f.table.rows[i][0], static_cast<double>(i + 1));
    EXPECT_EQ(*f.table.rows[i][1], history[i].loss);
    EXPECT_EQ(*f.table.rows[i][2], history[i].w);
  }
  const Figure none = loss_figure(lab_with({{"train.epochs", "0"}}), {});
  EXPECT_TRUE(none.table.rows.empty());
  EXPECT_FALSE(none.panels[0].note.empty());
}

// The markers one panel of `f` draws at its natural size.
std::size_t markers_drawn(const Figure& f, std::size_t panel) {
  RecordingCanvas canvas;
  const FigureLayout layout = draw_figure(f, canvas, {0, 0, f.width, f.height}, Style{});
  std::size_t n = 0;
  for (const auto* op : canvas.of_kind(RecordingCanvas::Kind::FillCircle))
    n += layout.panels[panel].plot.contains(
        {(op->rect.x0 + op->rect.x1) / 2, (op->rect.y0 + op->rect.y1) / 2});
  return n;
}

TEST(LossFigure, MarkersPerEpochOnlyWhileFewAreInView) {
  // 50 epochs: a marker on each of them in both panels; 51: the lines alone.
  const Figure fifty = loss_figure(lab_with({{"train.epochs", "50"}}), {});
  EXPECT_EQ(markers_drawn(fifty, 0), 50u);
  EXPECT_EQ(markers_drawn(fifty, 1), 50u);
  Figure more = loss_figure(lab_with({{"train.epochs", "51"}}), {});
  EXPECT_EQ(markers_drawn(more, 0), 0u);
  EXPECT_EQ(markers_drawn(more, 1), 0u);
  // Zoomed in to epochs 1 to 30 of the 51, markers come back (as in the window's zoom).
  for (Panel& p : more.panels) p.x.min = 0.5, p.x.max = 30.5;
  EXPECT_EQ(markers_drawn(more, 0), 30u);
}

// The float a slider stores for `v`, widened to double as the settings keep it: what a label
// must not print in full ("0.0010000000474974513").
std::string float_as_double(float v) {
  return shortest_number(static_cast<double>(v));
}

TEST(Figures, LabelsShowNumbersShortAsTheUserSetThem) {
  ASSERT_EQ(float_as_double(0.001f), "0.0010000000474974513");
  const Figure small = regression_figure(lab_with({{"kernel.w", float_as_double(0.001f)}}), {});
  EXPECT_NE(find_series(small.panels[0], "Nadaraya-Watson (Gaussian, w = 0.001)"), nullptr);
  const Figure weights = attention_figure(lab_with({{"kernel.w", float_as_double(0.001f)}}), {});
  EXPECT_EQ(weights.panels[0].title, "Nadaraya-Watson (Gaussian, w = 0.001) weights");

  ASSERT_EQ(float_as_double(39.8f), "39.79999923706055");
  const Lab boxcar = lab_with({{"kernel", "boxcar"}, {"kernel.w", float_as_double(39.8f)}});
  const Panel p = regression_figure(boxcar, {}).panels[0];
  EXPECT_NE(find_series(p, "Nadaraya-Watson (Boxcar, w = 39.8)"), nullptr);
  // σ = 1/39.79999923706055 = 0.0251256...: four significant digits.
  EXPECT_NE(p.note.find("(w = 39.8, σ = 0.02513)"), std::string::npos) << p.note;
  // The learned w: 9.146 for the default lab (9.14627...).
  const Lab lab;
  const Figure fit = regression_figure(lab, {});
  const Series* parametric = find_series(fit.panels[0], "Parametric (w = ");
  ASSERT_NE(parametric, nullptr);
  EXPECT_EQ(parametric->label, "Parametric (w = " + significant(lab.trainer().w(), 4) + ")");
  EXPECT_LE(parametric->label.size(), std::string("Parametric (w = -1.234e-05)").size());
}

TEST(Figures, TableCanBeSkippedForFramesOnScreen) {
  const Lab lab;
  for (const FigureInfo& info : figure_registry()) {
    // The model figures need model.path: see transformer_figures_test.cpp,
    // bahdanau_figures_test.cpp and positional_encoding_figures_test.cpp.
    if (info.name.starts_with("transformer-") || info.name.starts_with("bahdanau-") ||
        info.name == "positional-encoding-learned" || info.is_book())
      continue;
    const auto built_with = build_figure(info, lab, FigureContext{3, true});
    const auto built_without = build_figure(info, lab, FigureContext{3, false});
    ASSERT_TRUE(built_with && built_without) << info.name;
    const Figure& with = built_with.value();
    const Figure& without = built_without.value();
    EXPECT_FALSE(with.table.rows.empty()) << info.name;
    EXPECT_TRUE(without.table.rows.empty()) << info.name;
    EXPECT_EQ(without.table.columns, with.table.columns) << info.name;
    EXPECT_EQ(without.panels.size(), with.panels.size()) << info.name;
  }
}

TEST(PointsFigure, TrainingData) {
  const Lab lab;
  const Figure f = points_figure(lab, {});
  EXPECT_EQ(f.table.columns, (std::vector<std::string>{"x", "y"}));
  ASSERT_EQ(f.table.rows.size(), 50u);
  EXPECT_EQ(*f.table.rows[3][0], lab.data().x[3]);
  EXPECT_EQ(*f.table.rows[3][1], lab.data().y[3]);
  EXPECT_EQ(f.width, 480);
  EXPECT_EQ(f.height, 360);
}

}  // namespace
}  // namespace al::fig
