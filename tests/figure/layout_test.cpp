// draw_figure and PanelLayout on a recording canvas: transforms, heatmap cells and images,
// line gaps, clipping, legend placement and size, heatmap ticks, titles and labels.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "app/figure/colormap.hpp"
#include "app/figure/heatmap_render.hpp"
#include "app/figure/layout.hpp"
#include "app/figure/palette.hpp"
#include "app/figure/recording_canvas.hpp"

namespace al::fig {
namespace {

using Kind = RecordingCanvas::Kind;

bool same_color(Color a, Color b) {
  return std::abs(a.r - b.r) < 1e-6 && std::abs(a.g - b.g) < 1e-6 && std::abs(a.b - b.b) < 1e-6 &&
         std::abs(a.a - b.a) < 1e-6;
}

bool inside(const Rect& r, const Rect& outer) {
  const double e = 1e-9;
  return r.x0 >= outer.x0 - e && r.x1 <= outer.x1 + e && r.y0 >= outer.y0 - e &&
         r.y1 <= outer.y1 + e;
}

TEST(PanelLayout, PixelsAndDataRoundTrip) {
  PanelLayout pl;
  pl.plot = {100, 50, 500, 350};
  pl.x_min = 0, pl.x_max = 5, pl.y_min = -1, pl.y_max = 5;
  const Vec2 bottom_left = pl.to_pixel(0, -1), top_right = pl.to_pixel(5, 5);
  EXPECT_DOUBLE_EQ(bottom_left.x, 100);
  EXPECT_DOUBLE_EQ(bottom_left.y, 350);  // y grows upwards
  EXPECT_DOUBLE_EQ(top_right.x, 500);
  EXPECT_DOUBLE_EQ(top_right.y, 50);
  const Vec2 mid = pl.to_pixel(2.5, 2);
  EXPECT_DOUBLE_EQ(mid.x, 300);
  EXPECT_DOUBLE_EQ(mid.y, 200);
  const Vec2 back = pl.to_data({123.4, 77.7});
  const Vec2 again = pl.to_pixel(back.x, back.y);
  EXPECT_NEAR(again.x, 123.4, 1e-9);
  EXPECT_NEAR(again.y, 77.7, 1e-9);
}

TEST(PanelLayout, HeatmapRowZeroAtTheTop) {
  PanelLayout pl;
  pl.plot = {100, 50, 500, 350};
  pl.heatmap = true;
  pl.x_min = -0.5, pl.x_max = 9.5, pl.y_min = -0.5, pl.y_max = 4.5;  // 10 columns, 5 rows
  const Vec2 first = pl.to_pixel(0, 0);  // centre of cell (row 0, column 0)
  EXPECT_DOUBLE_EQ(first.x, 120);        // 100 + 0.5 / 10 * 400
  EXPECT_DOUBLE_EQ(first.y, 80);         // 50 + 0.5 / 5 * 300
  const Vec2 last = pl.to_pixel(9, 4);
  EXPECT_DOUBLE_EQ(last.x, 480);
  EXPECT_DOUBLE_EQ(last.y, 320);
  const Vec2 cell = pl.to_data({130, 290});
  EXPECT_DOUBLE_EQ(cell.x, 0.25);
  EXPECT_DOUBLE_EQ(cell.y, 3.5);
}

Figure heatmap_figure(WeightMatrix m) {
  Heatmap h;
  h.values = std::make_shared<const WeightMatrix>(std::move(m));
  h.vmin = 0;
  h.vmax = 1;
  Panel p;
  p.heatmap = h;
  p.grid = false;
  Figure f;
  f.panels.push_back(p);
  return f;
}

TEST(DrawFigure, SmallHeatmapIsOneRectPerCellWithItsColour) {
  WeightMatrix m(3, 4);
  m << 0.0, 0.25, 0.5, 1.0,  //
      0.1, 0.2, 0.3, 0.4,    //
      2.0, -1.0, 0.5, 0.5;   // clamped at both ends
  Figure f = heatmap_figure(m);
  f.panels[0].heatmap->undefined_rows = {false, true, false};
  f.panels[0].heatmap->highlight_row = 2;
  RecordingCanvas canvas;
  const FigureLayout layout = draw_figure(f, canvas, {0, 0, 400, 300}, Style{});
  ASSERT_EQ(layout.panels.size(), 1u);
  const PanelLayout& pl = layout.panels[0];
  EXPECT_TRUE(pl.heatmap);
  EXPECT_DOUBLE_EQ(pl.x_min, -0.5);
  EXPECT_DOUBLE_EQ(pl.x_max, 3.5);
  EXPECT_DOUBLE_EQ(pl.y_max, 2.5);

  std::vector<const RecordingCanvas::Op*> cells;
  for (const auto* op : canvas.of_kind(Kind::FillRect))
    if (inside(op->rect, pl.plot)) cells.push_back(op);
  ASSERT_EQ(cells.size(), 12u);
  const double w = pl.plot.width() / 4, h = pl.plot.height() / 3;
  for (int r = 0; r < 3; ++r)
    for (int c = 0; c < 4; ++c) {
      const auto* cell = cells[static_cast<std::size_t>(r * 4 + c)];
      EXPECT_NEAR(cell->rect.x0, pl.plot.x0 + c * w, 1e-9);
      EXPECT_NEAR(cell->rect.y0, pl.plot.y0 + r * h, 1e-9);  // row 0 at the top
      // Half a pixel of overlap into the next cell, none past the last one.
      EXPECT_NEAR(cell->rect.width(), c < 3 ? w + 0.5 : w, 1e-9);
      EXPECT_NEAR(cell->rect.height(), r < 2 ? h + 0.5 : h, 1e-9);
      const Color want =
          r == 1
              ? Color{128 / 255.0f, 128 / 255.0f, 128 / 255.0f, 1}
              : colormap_color(Colormap::Reds, std::clamp(static_cast<double>(m(r, c)), 0.0, 1.0));
      EXPECT_TRUE(same_color(cell->color, want)) << r << "," << c;
    }
  EXPECT_TRUE(same_color(cells[0]->color, Color{1.0f, 0xf5 / 255.0f, 0xf0 / 255.0f, 1}));
  EXPECT_TRUE(same_color(cells[3]->color, Color{0x67 / 255.0f, 0, 0x0d / 255.0f, 1}));

  // The highlighted row: an outline around row 2 in blue (#1f77b4 on Reds).
  bool outlined = false;
  for (const auto* op : canvas.of_kind(Kind::StrokeRect))
    if (std::abs(op->rect.y0 - (pl.plot.y0 + 2 * h)) < 1e-9 &&
        std::abs(op->rect.y1 - pl.plot.y1) < 1e-9 &&
        same_color(op->color, Color{0x1f / 255.0f, 0x77 / 255.0f, 0xb4 / 255.0f, 1}))
      outlined = true;
  EXPECT_TRUE(outlined);
  EXPECT_TRUE(canvas.of_kind(Kind::Image).empty());
}

TEST(DrawFigure, EqualLimitsUseTheColourAtZero) {
  WeightMatrix m = WeightMatrix::Constant(2, 2, 0.3f);
  Figure f = heatmap_figure(m);
  f.panels[0].heatmap->vmin = f.panels[0].heatmap->vmax = 0.3;
  RecordingCanvas canvas;
  const PanelLayout pl = draw_figure(f, canvas, {0, 0, 300, 300}, Style{}).panels[0];
  int cells = 0;
  for (const auto* op : canvas.of_kind(Kind::FillRect))
    if (inside(op->rect, pl.plot)) {
      ++cells;
      EXPECT_TRUE(same_color(op->color, colormap_color(Colormap::Reds, 0)));
    }
  EXPECT_EQ(cells, 4);
}

TEST(DrawFigure, LargeHeatmapIsOneImageNoLargerThanThePlot) {
  WeightMatrix m(100, 100);
  for (int r = 0; r < 100; ++r)
    for (int c = 0; c < 100; ++c) m(r, c) = (r + c) / 198.0;
  const Figure f = heatmap_figure(m);
  RecordingCanvas canvas;
  const PanelLayout pl = draw_figure(f, canvas, {0, 0, 120, 100}, Style{}).panels[0];
  const auto images = canvas.of_kind(Kind::Image);
  ASSERT_EQ(images.size(), 1u);
  EXPECT_LE(images[0]->image_width, static_cast<int>(pl.plot.width()));
  EXPECT_LE(images[0]->image_height, static_cast<int>(pl.plot.height()));
  EXPECT_GT(images[0]->image_width, 0);
  EXPECT_NEAR(images[0]->rect.x0, pl.plot.x0, 1e-9);
  EXPECT_NEAR(images[0]->rect.y1, pl.plot.y1, 1e-9);
  for (const auto* op : canvas.of_kind(Kind::FillRect)) EXPECT_FALSE(inside(op->rect, pl.plot));

  // The same pixels give the same key; different values a different one.
  RecordingCanvas again;
  draw_figure(f, again, {0, 0, 120, 100}, Style{});
  EXPECT_EQ(again.of_kind(Kind::Image)[0]->image_key, images[0]->image_key);
  WeightMatrix other = m;
  other(0, 0) = 1.0;
  RecordingCanvas changed;
  draw_figure(heatmap_figure(other), changed, {0, 0, 120, 100}, Style{});
  EXPECT_NE(changed.of_kind(Kind::Image)[0]->image_key, images[0]->image_key);
}

TEST(HeatmapImage, DownsamplingAveragesEachBlock) {
  // 4 x 4 into 2 x 2: each pixel is the mean of a 2 x 2 block.
  WeightMatrix m(4, 4);
  m << 0.0, 0.2, 1.0, 1.0,  //
      0.2, 0.2, 1.0, 1.0,   //
      0.5, 0.5, 0.0, 0.0,   //
      0.5, 0.5, 0.0, 0.4;
  Heatmap h;
  h.values = std::make_shared<const WeightMatrix>(m);
  const Image image = heatmap_image(h, 2, 2);
  ASSERT_EQ(image.rgba.size(), 16u);
  const double means[4] = {0.15, 1.0, 0.5, 0.1};
  for (int i = 0; i < 4; ++i) {
    const Color want = colormap_color(Colormap::Reds, means[i]);
    EXPECT_EQ(image.rgba[i * 4 + 0], std::lround(want.r * 255)) << i;
    EXPECT_EQ(image.rgba[i * 4 + 1], std::lround(want.g * 255)) << i;
    EXPECT_EQ(image.rgba[i * 4 + 3], 255);
  }
}

TEST(DrawFigure, LinesBreakAtGapsAndAreClipped) {
  Panel p;
  p.x = {"x", 0, 4};
  p.y = {"y", 0, 4};
  Series s;
  s.label = "curve";
  s.x = {0, 1, 2, 3, 4};
  s.y = {0, 1, std::nan(""), 3, 4};
  s.color = Color{0.1f, 0.2f, 0.3f, 1};
  p.series.push_back(s);
  p.legend = LegendPlacement::Auto;
  Figure f;
  f.panels.push_back(p);
  RecordingCanvas canvas;
  const PanelLayout pl = draw_figure(f, canvas, {0, 0, 400, 300}, Style{}).panels[0];

  // The series' runs (the legend swatch is the horizontal one), all after the plot's clip.
  std::vector<const RecordingCanvas::Op*> runs;
  std::size_t clip_at = canvas.ops.size(), first_run_at = 0;
  for (std::size_t i = 0; i < canvas.ops.size(); ++i) {
    const auto& op = canvas.ops[i];
    if (op.kind == Kind::PushClip && op.rect.x0 == pl.plot.x0 && op.rect.y0 == pl.plot.y0)
      clip_at = std::min(clip_at, i);
    if (op.kind == Kind::Polyline && same_color(op.color, s.color) &&
        op.points[0].y != op.points[1].y) {
      if (runs.empty()) first_run_at = i;
      runs.push_back(&op);
    }
  }
  EXPECT_LT(clip_at, first_run_at);
  ASSERT_EQ(runs.size(), 2u);
  EXPECT_EQ(runs[0]->points.size(), 2u);
  EXPECT_EQ(runs[1]->points.size(), 2u);
  EXPECT_NEAR(runs[1]->points[0].x, pl.to_pixel(3, 3).x, 1e-9);

  bool legend_label = false;
  for (const auto* op : canvas.of_kind(Kind::Text)) legend_label |= op->text == "curve";
  EXPECT_TRUE(legend_label);
}

TEST(DrawFigure, AxisLabelsTicksAndPerPointMarkers) {
  Panel p;
  p.x = {"x", 0, 5};
  p.y = {"y", -1, 5};
  Series points;
  points.kind = Series::Kind::Markers;
  points.x = {1, 2, 3};
  points.y = {1, 2, std::nan("")};
  points.marker_radius = 3;
  points.marker_scale = {1.0, 2.0, 1.0};
  points.marker_alpha = {0.5, 1.0, 1.0};
  points.color = Color{1, 0, 0, 0.8f};
  p.series.push_back(points);
  Figure f;
  f.panels.push_back(p);
  RecordingCanvas canvas;
  draw_figure(f, canvas, {0, 0, 560, 400}, Style{2.0});

  const auto circles = canvas.of_kind(Kind::FillCircle);
  ASSERT_EQ(circles.size(), 2u);              // the NaN point is skipped
  EXPECT_DOUBLE_EQ(circles[0]->width, 6.0);   // 3 x 1 x style scale 2
  EXPECT_DOUBLE_EQ(circles[1]->width, 12.0);  // 3 x 2 x 2
  EXPECT_NEAR(circles[0]->color.a, 0.4, 1e-6);

  bool vertical_y = false, x_label = false, tick_five = false;
  for (const auto* op : canvas.of_kind(Kind::Text)) {
    vertical_y |= op->text == "y" && op->vertical;
    x_label |= op->text == "x" && !op->vertical;
    tick_five |= op->text == "5" && op->size == 26.0;  // 13 px x scale 2
  }
  EXPECT_TRUE(vertical_y);
  EXPECT_TRUE(x_label);
  EXPECT_TRUE(tick_five);
}

TEST(DrawFigure, BadLimitsStillGiveAFiniteLayout) {
  Panel p;
  p.x = {"x", 3, 3};
  p.y = {"y", std::nan(""), INFINITY};
  Figure f;
  f.rows = 1;
  f.cols = 2;
  f.panels = {p, p};
  RecordingCanvas canvas;
  const FigureLayout layout = draw_figure(f, canvas, {0, 0, 300, 200}, Style{});
  ASSERT_EQ(layout.panels.size(), 2u);
  for (const PanelLayout& pl : layout.panels) {
    EXPECT_LT(pl.x_min, 3);
    EXPECT_GT(pl.x_max, 3);
    EXPECT_TRUE(std::isfinite(pl.y_min) && std::isfinite(pl.y_max) && pl.y_max > pl.y_min);
    const Vec2 px = pl.to_pixel(3, 0);
    EXPECT_TRUE(std::isfinite(px.x) && std::isfinite(px.y));
  }
  EXPECT_GE(layout.panels[1].plot.x0, 150);  // the second panel is in the right-hand cell
}

// A 0..10 x 0..10 panel with a legend; `series` are labelled s0, s1, ... so that they have
// entries.
Figure legend_figure(std::vector<Series> series) {
  Panel p;
  p.x = {"x", 0, 10};
  p.y = {"y", 0, 10};
  p.legend = LegendPlacement::Auto;
  for (std::size_t i = 0; i < series.size(); ++i) {
    series[i].label = {'s', static_cast<char>('0' + i)};
    p.series.push_back(series[i]);
  }
  Figure f;
  f.panels.push_back(p);
  return f;
}

Series markers(std::vector<double> x, std::vector<double> y) {
  Series s;
  s.kind = Series::Kind::Markers;
  s.x = std::move(x);
  s.y = std::move(y);
  return s;
}

// The legend's box, drawn on `canvas`, and which corner of the plot it is in.
struct LegendBox {
  Rect box;
  bool left, top;
};

LegendBox legend_box(const RecordingCanvas& canvas, const PanelLayout& pl) {
  std::vector<const RecordingCanvas::Op*> boxes;
  for (const auto* op : canvas.of_kind(Kind::FillRect))
    if (same_color(op->color, palette::kLegendBox)) boxes.push_back(op);
  EXPECT_EQ(boxes.size(), 1u);
  if (boxes.empty()) return {};
  const Rect& b = boxes[0]->rect;
  EXPECT_TRUE(inside(b, pl.plot));
  // The layout reports the box it drew.
  EXPECT_DOUBLE_EQ(pl.legend.x0, b.x0);
  EXPECT_DOUBLE_EQ(pl.legend.y1, b.y1);
  return {b, b.x0 - pl.plot.x0 < pl.plot.x1 - b.x1, b.y0 - pl.plot.y0 < pl.plot.y1 - b.y1};
}

LegendBox draw_legend_of(const Figure& f, const Style& style = Style{}) {
  RecordingCanvas canvas;
  const PanelLayout pl = draw_figure(f, canvas, {0, 0, 400, 300}, style).panels[0];
  return legend_box(canvas, pl);
}

// Each corner box spans about 2.3 x 1.1 data units in from its corner (an 80 x 26 px box 8 px in
// from the edges of a plot of about 340 x 240 px for 10 x 10 units), so the points near the
// corners below lie under a box and (5, 5) under none.
TEST(DrawFigure, LegendTakesTheCornerThatHidesTheFewestPoints) {
  // Top left, top right and bottom right hide one point each: bottom left.
  LegendBox l = draw_legend_of(legend_figure({markers({1, 9, 9}, {9.5, 9.5, 0.5})}));
  EXPECT_TRUE(l.left);
  EXPECT_FALSE(l.top);
  // Only the top left is taken: top right comes next.
  l = draw_legend_of(legend_figure({markers({1}, {9.5})}));
  EXPECT_FALSE(l.left);
  EXPECT_TRUE(l.top);
  // Two points top left and top right, one bottom left, none bottom right.
  l = draw_legend_of(legend_figure({markers({1, 1.5, 9, 8.8, 1}, {9.5, 9.3, 9.5, 9.4, 0.5})}));
  EXPECT_FALSE(l.left);
  EXPECT_FALSE(l.top);
}

TEST(DrawFigure, LegendTiesGoToTheTopLeftThenToTheMiddleOfAnEdge) {
  LegendBox l = draw_legend_of(legend_figure({markers({5}, {5})}));  // no corner hides anything
  EXPECT_TRUE(l.left && l.top);
  // A point in each corner: the middle of the top edge is free.
  l = draw_legend_of(legend_figure({markers({1, 9, 1, 9}, {9.5, 9.5, 0.5, 0.5})}));
  EXPECT_TRUE(l.top);
  EXPECT_NEAR((l.box.x0 + l.box.x1) / 2, 8 + 0.5 * (400 - 8), 200);  // roughly centred
  EXPECT_GT(l.box.x0, 100);
}

TEST(DrawFigure, LegendGoesOutsideWhenEveryInsidePlaceHidesData) {
  // Points all over the plot: no inside place is free, so the legend goes below the axes (the
  // wide plot loses less height than width) and the plot shrinks to make room.
  std::vector<double> x, y;
  for (int i = 0; i <= 20; ++i)
    for (int j = 0; j <= 20; ++j) x.push_back(i * 0.5), y.push_back(j * 0.5);
  const Figure f = legend_figure({markers(x, y)});
  RecordingCanvas canvas;
  const PanelLayout pl = draw_figure(f, canvas, {0, 0, 400, 300}, Style{}).panels[0];
  EXPECT_GT(pl.legend.width(), 0);
  EXPECT_GE(pl.legend.y0, pl.plot.y1);  // under the plot (and its x axis)
  EXPECT_LE(pl.legend.y1, 300 - 8);     // inside the panel
  RecordingCanvas no_legend;
  Figure plain = f;
  plain.panels[0].legend = LegendPlacement::None;
  const PanelLayout full = draw_figure(plain, no_legend, {0, 0, 400, 300}, Style{}).panels[0];
  EXPECT_LT(pl.plot.height(), full.plot.height());
  EXPECT_EQ(full.legend.width(), 0);
}

TEST(DrawFigure, LegendAvoidsLineSegmentsThatCrossItWithoutAVertexInside) {
  // The line y = 10 - x from (-5, 15) to (15, -5): both vertices far outside the plot, its one
  // segment through the top-left and bottom-right boxes. A point under the top-right box leaves
  // the bottom left.
  Series line;
  line.x = {-5, 15};
  line.y = {15, -5};
  const LegendBox l = draw_legend_of(legend_figure({line, markers({9}, {9.5})}));
  EXPECT_TRUE(l.left);
  EXPECT_FALSE(l.top);
}

// The legend's entry texts, in order.
std::vector<const RecordingCanvas::Op*> legend_texts(const RecordingCanvas& canvas) {
  std::vector<const RecordingCanvas::Op*> texts;
  for (const auto* op : canvas.of_kind(Kind::Text))
    if (op->text == "s0" || op->text == "s1") texts.push_back(op);
  return texts;
}

TEST(DrawFigure, LegendIsSmallerAndTighterAtLargeFontsButNotAtLargeScales) {
  Series a, b;
  a.x = b.x = {5};
  a.y = b.y = {5};
  const Figure f = legend_figure({a, b});
  // Scale 1: the tick font (13 px), rows 1.4 x 13 = 18.2 px apart, 8 px in from the plot.
  RecordingCanvas normal;
  const PanelLayout pl = draw_figure(f, normal, {0, 0, 400, 300}, Style{}).panels[0];
  auto texts = legend_texts(normal);
  ASSERT_EQ(texts.size(), 2u);
  EXPECT_DOUBLE_EQ(texts[0]->size, 13.0);
  EXPECT_NEAR(texts[1]->rect.y0 - texts[0]->rect.y0, 18.2, 1e-9);
  EXPECT_NEAR(legend_box(normal, pl).box.x0 - pl.plot.x0, 8.0, 1e-9);

  // Scale 2 is scale 1 drawn twice as large: 26 px, rows 36.4 px apart, 16 px in.
  RecordingCanvas large;
  const PanelLayout pl2 = draw_figure(f, large, {0, 0, 800, 600}, Style{2.0}).panels[0];
  texts = legend_texts(large);
  ASSERT_EQ(texts.size(), 2u);
  EXPECT_NEAR(texts[0]->size, 26.0, 1e-9);
  EXPECT_NEAR(texts[1]->rect.y0 - texts[0]->rect.y0, 36.4, 1e-9);
  EXPECT_NEAR(legend_box(large, pl2).box.x0 - pl2.plot.x0, 16.0, 1e-9);

  // A 24 px font (the window's presentation size) gets the compact legend: 0.9 x 24 = 21.6
  // px, rows 1.3 x 21.6 = 28.08 px apart, 4 px in.
  RecordingCanvas window;
  const PanelLayout pl3 = draw_figure(f, window, {0, 0, 800, 600}, Style{1.0, 24.0}).panels[0];
  texts = legend_texts(window);
  ASSERT_EQ(texts.size(), 2u);
  EXPECT_NEAR(texts[0]->size, 21.6, 1e-9);
  EXPECT_NEAR(texts[1]->rect.y0 - texts[0]->rect.y0, 28.08, 1e-9);
  EXPECT_NEAR(legend_box(window, pl3).box.x0 - pl3.plot.x0, 4.0, 1e-9);
}

// The horizontal tick labels under the plot, from left to right.
std::vector<const RecordingCanvas::Op*> x_tick_labels(const RecordingCanvas& canvas,
                                                      const PanelLayout& pl) {
  std::vector<const RecordingCanvas::Op*> labels;
  for (const auto* op : canvas.of_kind(Kind::Text))
    if (!op->vertical && op->rect.y0 > pl.plot.y1 && op->size == Style{}.font_size)
      labels.push_back(op);
  return labels;
}

std::vector<const RecordingCanvas::Op*> y_tick_labels(const RecordingCanvas& canvas,
                                                      const PanelLayout& pl) {
  std::vector<const RecordingCanvas::Op*> labels;
  for (const auto* op : canvas.of_kind(Kind::Text))
    if (!op->vertical && op->rect.x0 < pl.plot.x0 && op->size == Style{}.font_size)
      labels.push_back(op);
  return labels;
}

TEST(DrawFigure, HeatmapTicksAtNiceCoordinatesBetweenCells) {
  // Columns centred at x = 0.5, 1, 2, 4. The ticks are nice values (step 0.5 here), each where
  // it falls between the centres around it: 1.5 halfway from column 1 to 2, 2.5 a quarter of
  // the way from column 2 (x = 2) to 3 (x = 4), 3 halfway, 3.5 three quarters. (Wide enough for
  // the labels a quarter of a column apart to stay clear of each other.)
  Figure f = heatmap_figure(WeightMatrix::Zero(2, 4));
  f.panels[0].heatmap->col_coords = {0.5, 1, 2, 4};
  f.panels[0].heatmap->row_coords = {3, 1};  // descending: index ticks labelled by coordinate
  RecordingCanvas canvas;
  const PanelLayout pl = draw_figure(f, canvas, {0, 0, 800, 300}, Style{}).panels[0];

  const std::vector<std::pair<std::string, double>> want_x = {
      {"0.5", 0.0},  {"1.0", 1.0}, {"1.5", 1.5},  {"2.0", 2.0},
      {"2.5", 2.25}, {"3.0", 2.5}, {"3.5", 2.75}, {"4.0", 3.0}};
  const auto xs = x_tick_labels(canvas, pl);
  ASSERT_EQ(xs.size(), want_x.size());
  for (std::size_t i = 0; i < xs.size(); ++i) {
    EXPECT_EQ(xs[i]->text, want_x[i].first);
    EXPECT_NEAR(xs[i]->rect.x0, pl.to_pixel(want_x[i].second, 0).x, 1e-9) << xs[i]->text;
  }
  const auto ys = y_tick_labels(canvas, pl);
  ASSERT_EQ(ys.size(), 2u);
  EXPECT_EQ(ys[0]->text, "3");
  EXPECT_NEAR(ys[0]->rect.y0, pl.to_pixel(0, 0).y, 1e-9);
  EXPECT_EQ(ys[1]->text, "1");
  EXPECT_NEAR(ys[1]->rect.y0, pl.to_pixel(0, 1).y, 1e-9);
}

TEST(DrawFigure, HeatmapWithoutCoordinatesTicksItsIndices) {
  const Figure f = heatmap_figure(WeightMatrix::Zero(2, 3));
  RecordingCanvas canvas;
  const PanelLayout pl = draw_figure(f, canvas, {0, 0, 400, 300}, Style{}).panels[0];
  const auto xs = x_tick_labels(canvas, pl);
  ASSERT_EQ(xs.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(xs[i]->text, std::to_string(i));
    EXPECT_NEAR(xs[i]->rect.x0, pl.to_pixel(static_cast<double>(i), 0).x, 1e-9);
  }
}

// Tokens under the bars, a long word beside short ones: where every label would fit by its width
// alone but a long one would reach over its neighbour, fewer are drawn, and none touch.
TEST(DrawFigure, TokenLabelsOfUnequalWidthsNeverOverlap) {
  Figure f;
  Panel p;
  p.x = {"token", -0.5, 9.5, {"a", "b", "internationalisation", "c", "d", "e", "f", "g", "h", "i"}};
  p.y = {"probability", 0, 1};
  f.panels.push_back(p);
  for (const double width : {300.0, 400.0, 600.0, 1200.0}) {
    SCOPED_TRACE(width);
    RecordingCanvas canvas;
    const PanelLayout pl = draw_figure(f, canvas, {0, 0, width, 300}, Style{}).panels[0];
    const auto xs = x_tick_labels(canvas, pl);
    ASSERT_GE(xs.size(), 2u);
    for (std::size_t i = 1; i < xs.size(); ++i)
      EXPECT_LT(canvas.text_box(*xs[i - 1]).x1, canvas.text_box(*xs[i]).x0)
          << xs[i - 1]->text << " and " << xs[i]->text;
    if (width == 1200.0) {
      EXPECT_EQ(xs.size(), 10u) << "room for every token";
    }
  }
}

// A heatmap with a colorbar and `title` in a 400 x 300 area, and the texts drawn for the
// title (those at the top, from the panel's 8 px padding down).
struct TitleDrawn {
  PanelLayout layout;
  std::vector<const RecordingCanvas::Op*> lines;
};

TitleDrawn draw_titled_heatmap(const std::string& title, RecordingCanvas& canvas) {
  Figure f = heatmap_figure(WeightMatrix::Zero(2, 2));
  f.panels[0].title = title;
  f.panels[0].colorbar = true;
  TitleDrawn d{draw_figure(f, canvas, {0, 0, 400, 300}, Style{}).panels[0], {}};
  for (const auto* op : canvas.of_kind(Kind::Text))
    if (!op->vertical && op->rect.y0 < d.layout.plot.y0 - 13) d.lines.push_back(op);
  return d;
}

// The recording canvas measures 0.6 x size per byte; the title font is 1.2 x 13 = 15.6 px and
// the room is the panel's width, 400 - 2 x 8 = 384 px.
constexpr double kTitleRoom = 384;

TEST(DrawFigure, TitleThatFitsIsUnchangedAndCentredOverThePlot) {
  RecordingCanvas canvas;
  const TitleDrawn d = draw_titled_heatmap("Weights", canvas);
  ASSERT_EQ(d.lines.size(), 1u);
  EXPECT_DOUBLE_EQ(d.lines[0]->size, 15.6);
  EXPECT_DOUBLE_EQ(d.lines[0]->rect.y0, 8);
  EXPECT_DOUBLE_EQ(d.lines[0]->rect.x0, (d.layout.plot.x0 + d.layout.plot.x1) / 2);
}

TEST(DrawFigure, SlightlyWideTitleShrinks) {
  // 1.1 x the room at 15.6 px: shrunk to 1/1.1 = 91 % of the font, within the panel.
  const std::string title(static_cast<std::size_t>(1.1 * kTitleRoom / 9.36), 'w');
  RecordingCanvas canvas;
  const TitleDrawn d = draw_titled_heatmap(title, canvas);
  ASSERT_EQ(d.lines.size(), 1u);
  EXPECT_EQ(d.lines[0]->text, title);
  const double n = static_cast<double>(title.size());
  EXPECT_NEAR(d.lines[0]->size, kTitleRoom / (0.6 * n), 1e-9);
  const Rect box = canvas.text_box(*d.lines[0]);
  EXPECT_GE(box.x0, 8 - 1e-9);
  EXPECT_LE(box.x1, 392 + 1e-9);
}

TEST(DrawFigure, WideTitleWrapsOnSpacesKeepingNameEqualsValueTogether) {
  // 9.36 px a byte at 15.6 px: 41 bytes fit a line. "... ddddddddd w =" (40 bytes) would, but
  // "w = 1" is not broken, so it starts the second line.
  const std::string title = "aaaaaaaa bbbbbbbb cccccccc ddddddddd w = 1 weights";
  RecordingCanvas canvas;
  const TitleDrawn d = draw_titled_heatmap(title, canvas);
  ASSERT_EQ(d.lines.size(), 2u);
  EXPECT_DOUBLE_EQ(d.lines[0]->size, 15.6);
  EXPECT_EQ(d.lines[0]->text + " " + d.lines[1]->text, title);
  EXPECT_NE(d.lines[0]->text.back(), '=');
  EXPECT_EQ(d.lines[1]->text, "w = 1 weights");
  EXPECT_NEAR(d.lines[1]->rect.y0 - d.lines[0]->rect.y0, 1.2 * 15.6, 1e-9);
  // The plot starts below both lines.
  EXPECT_GT(d.layout.plot.y0, d.lines[1]->rect.y0 + 15.6);
  for (const auto* line : d.lines) {
    const Rect box = canvas.text_box(*line);
    EXPECT_GE(box.x0, 8 - 1e-9);
    EXPECT_LE(box.x1, 392 + 1e-9);
  }
}

TEST(DrawFigure, TitleWithNoRoomIsElidedAtSeventyPercent) {
  // One word three times the room: no wrap helps, and at 8.5 px (the smallest font the layout
  // tries, so it tries no smaller) the title font is 1.2 x 8.5 = 10.2 px.
  const std::string title(static_cast<std::size_t>(3 * kTitleRoom / (0.6 * 10.2)), 'w');
  Figure f = heatmap_figure(WeightMatrix::Zero(2, 2));
  f.panels[0].title = title;
  RecordingCanvas canvas;
  draw_figure(f, canvas, {0, 0, 400, 300}, Style{1, 8.5});
  const auto texts = canvas.of_kind(Kind::Text);
  const auto line = std::find_if(texts.begin(), texts.end(),
                                 [](const auto* op) { return op->text.starts_with("www"); });
  ASSERT_NE(line, texts.end());
  // At 0.7 x 10.2 = 7.14 px a byte is 4.284 px; k characters and the 3-byte ellipsis fit while
  // 4.284 (k + 3) <= 384.
  EXPECT_NEAR((*line)->size, 7.14, 1e-9);
  const auto k = static_cast<std::size_t>(std::floor(kTitleRoom / 4.284)) - 3;
  EXPECT_EQ((*line)->text, title.substr(0, k) + "\u2026");
}

TEST(DrawFigure, ElidedTitleKeepsWholeCharacters) {
  std::string title;
  while (static_cast<double>(title.size()) * 9.36 < 3 * kTitleRoom) title += "\u03b1";  // 2 bytes
  RecordingCanvas canvas;
  const TitleDrawn d = draw_titled_heatmap(title, canvas);
  ASSERT_EQ(d.lines.size(), 1u);
  const std::string& text = d.lines[0]->text;
  ASSERT_GE(text.size(), 3u);
  EXPECT_EQ(text.substr(text.size() - 3), "\u2026");
  EXPECT_EQ((text.size() - 3) % 2, 0u);  // no alpha cut in half
  EXPECT_EQ(text.substr(0, text.size() - 3), title.substr(0, text.size() - 3));
}

TEST(DrawFigure, LongAxisLabelsStayInsideTheirPanel) {
  // A vertical label longer than the panel is tall wraps (and shrinks) to fit beside the plot.
  Figure f = heatmap_figure(WeightMatrix::Zero(3, 3));
  f.panels[0].y.label = "Sorted testing inputs (queries) of a rather long axis label";
  f.panels[0].x.label = "Sorted training inputs (keys) of a rather long axis label too";
  RecordingCanvas canvas;
  draw_figure(f, canvas, {0, 0, 300, 260}, Style{});
  int labels = 0;
  for (const auto* op : canvas.of_kind(Kind::Text)) {
    if (op->text.find_first_of("abcdefghijklmnopqrstuvwxyz") == std::string::npos) continue;
    ++labels;
    const Rect box = canvas.text_box(*op);
    EXPECT_GE(box.x0, 8 - 1e-9) << op->text;
    EXPECT_LE(box.x1, 292 + 1e-9) << op->text;
    EXPECT_GE(box.y0, 8 - 1e-9) << op->text;
    EXPECT_LE(box.y1, 252 + 1e-9) << op->text;
    EXPECT_EQ(op->text.find("\u2026"), std::string::npos) << op->text;
  }
  EXPECT_GE(labels, 4);  // both labels on two lines
}

// A figure given far too little room still never draws text over text: at the smallest font, what
// cannot fit gives way, the panels' notes first (an A/B comparison's heatmaps in a corner of a
// small window in presentation mode).
TEST(DrawFigure, TextNeverOverlapsInAnAreaTooSmallForIt) {
  Figure f;
  f.rows = 2;
  f.cols = 2;
  for (const char* title : {"A · weights", "B · weights", "B − A"}) {
    Figure one = heatmap_figure(WeightMatrix::Constant(50, 50, 0.02f));
    Panel p = one.panels[0];
    p.title = title;
    p.x.label = "Sorted training inputs (keys)";
    p.y.label = "Sorted testing inputs (queries)";
    f.panels.push_back(p);
  }
  f.panels[2].note = "largest |B − A| = 0.07985 at query 49 (x = 4.9), key 49 (x = 4.995)";
  for (const Rect area : {Rect{0, 0, 220, 190}, Rect{0, 0, 300, 260}, Rect{0, 0, 640, 480}}) {
    RecordingCanvas canvas;
    draw_figure(f, canvas, area, Style{});
    std::vector<std::pair<Rect, std::string>> boxes;
    for (const auto* op : canvas.of_kind(Kind::Text))
      boxes.emplace_back(canvas.text_box(*op), op->text);
    for (std::size_t i = 0; i < boxes.size(); ++i)
      for (std::size_t j = i + 1; j < boxes.size(); ++j) {
        const Rect& a = boxes[i].first;
        const Rect& b = boxes[j].first;
        const bool apart =
            a.x1 <= b.x0 + 0.5 || b.x1 <= a.x0 + 0.5 || a.y1 <= b.y0 + 0.5 || b.y1 <= a.y0 + 0.5;
        EXPECT_TRUE(apart) << area.width() << " x " << area.height() << ": '" << boxes[i].second
                           << "' over '" << boxes[j].second << "'";
      }
    // The note is kept wherever it fits.
    const bool noted = std::any_of(boxes.begin(), boxes.end(),
                                   [](const auto& b) { return b.second.find("largest") == 0; });
    if (area.width() >= 640) {
      EXPECT_TRUE(noted);
    }
  }
}

}  // namespace
}  // namespace al::fig
