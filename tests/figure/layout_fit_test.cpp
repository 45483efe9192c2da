// Whole figures laid out at every size they meet: the legend hides no data and follows
// view.legend, no text leaves the figure, is cut or overlaps another at large fonts and in small
// windows, and the layout at scale 2 or 4 (or in a PDF) is the layout at scale 1, scaled: on the
// recording canvas and with Cairo's real font.
#include <cairo-pdf.h>
#include <cairo.h>
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "app/figure/cairo_canvas.hpp"
#include "app/figure/figures.hpp"
#include "app/figure/layout.hpp"
#include "app/figure/palette.hpp"
#include "app/figure/positional_encoding_figures.hpp"
#include "app/figure/recording_canvas.hpp"
#include "app/figure/transformer_figures.hpp"
#include "lab_with.hpp"

namespace al::fig {
namespace {

using Kind = RecordingCanvas::Kind;
using test::lab_with;
using test::settings_with;

// Lays `f` out in `area` on a Cairo surface: an image (as PNG export) or a PDF.
FigureLayout cairo_layout(const Figure& f, const Rect& area, const Style& style, bool pdf = false) {
  const int w = static_cast<int>(std::ceil(area.x1)), h = static_cast<int>(std::ceil(area.y1));
  cairo_surface_t* surface = pdf ? cairo_pdf_surface_create(nullptr, w, h)
                                 : cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
  cairo_t* cr = cairo_create(surface);
  FigureLayout layout;
  {
    CairoCanvas canvas(cr);
    layout = draw_figure(f, canvas, area, style);
  }
  cairo_destroy(cr);
  cairo_surface_destroy(surface);
  return layout;
}

FigureLayout recorded_layout(const Figure& f, const Rect& area, const Style& style) {
  RecordingCanvas canvas;
  return draw_figure(f, canvas, area, style);
}

// The nearest point of `r` to `p` is within `radius` of it.
bool disc_meets_rect(Vec2 p, double radius, const Rect& r) {
  const double dx = p.x - std::clamp(p.x, r.x0, r.x1), dy = p.y - std::clamp(p.y, r.y0, r.y1);
  return dx * dx + dy * dy < radius * radius;
}

// The data a legend box hides, counted apart from the layout's own scoring: markers at the
// largest radius a highlight gives them, and line segments sampled every half pixel.
int data_under(const Panel& panel, const PanelLayout& pl, const Rect& box, double scale) {
  int hidden = 0;
  for (const Series& s : panel.series) {
    if (s.highlight) continue;
    const std::size_t n = std::min(s.x.size(), s.y.size());
    for (std::size_t i = 0; i < n; ++i) {
      if (!std::isfinite(s.x[i]) || !std::isfinite(s.y[i])) continue;
      const Vec2 p = pl.to_pixel(s.x[i], s.y[i]);
      if (s.kind == Series::Kind::Markers) {
        hidden += disc_meets_rect(p, s.marker_radius * s.max_marker_scale * scale, box);
      } else if (i > 0 && std::isfinite(s.x[i - 1]) && std::isfinite(s.y[i - 1])) {
        const Vec2 a = pl.to_pixel(s.x[i - 1], s.y[i - 1]);
        const int steps = static_cast<int>(std::ceil(std::hypot(p.x - a.x, p.y - a.y) / 0.5));
        for (int k = 0; k <= steps; ++k) {
          const double t = steps > 0 ? static_cast<double>(k) / steps : 0.0;
          if (box.contains({a.x + t * (p.x - a.x), a.y + t * (p.y - a.y)})) {
            ++hidden;
            break;
          }
        }
      }
    }
  }
  return hidden;
}

// Sizes the regression plot meets: its natural size, the window at the default font, at 24 pt,
// in presentation mode (logical units: 1.75x fewer) and at font 40 in a 1280 x 720 window.
struct Size {
  double width, height, font;
};
constexpr Size kSizes[] = {
    {560, 400, 13}, {680, 520, 16}, {900, 600, 24}, {340, 260, 16}, {480, 320, 40}};

TEST(Legend, HidesNoDataOnTheDefaultFigureAtAnySize) {
  const Lab lab;
  for (const int query : {-1, 45}) {
    const Figure f = regression_figure(lab, FigureContext{query, false});
    for (const Size& size : kSizes)
      for (const double scale : {1.0, 2.0}) {
        const Rect area{0, 0, size.width * scale, size.height * scale};
        const Style style{scale, size.font};
        for (const FigureLayout& layout :
             {recorded_layout(f, area, style), cairo_layout(f, area, style)}) {
          const PanelLayout& pl = layout.panels.at(0);
          ASSERT_GT(pl.legend.width(), 0) << size.width << "x" << size.height;
          EXPECT_EQ(data_under(f.panels[0], pl, pl.legend, scale), 0)
              << size.width << "x" << size.height << " font " << size.font << " query " << query;
        }
      }
  }
}

TEST(Legend, DoesNotMoveWhenAQueryIsHighlighted) {
  const Lab lab;
  const Figure plain = regression_figure(lab, FigureContext{-1, false});
  for (const int query : {0, 10, 25, 45, 49}) {
    const Figure highlighted = regression_figure(lab, FigureContext{query, false});
    for (const Size& size : kSizes) {
      const Rect area{0, 0, size.width, size.height};
      const PanelLayout a = cairo_layout(plain, area, Style{1, size.font}).panels[0];
      const PanelLayout b = cairo_layout(highlighted, area, Style{1, size.font}).panels[0];
      EXPECT_DOUBLE_EQ(a.legend.x0, b.legend.x0) << query;
      EXPECT_DOUBLE_EQ(a.legend.y0, b.legend.y0) << query;
      EXPECT_DOUBLE_EQ(a.plot.y1, b.plot.y1) << query;
    }
  }
}

// The centre of a rectangle.
Vec2 centre(const Rect& r) {
  return {(r.x0 + r.x1) / 2, (r.y0 + r.y1) / 2};
}

bool within(const Rect& r, const Rect& outer) {
  const double e = 1e-9;
  return r.x0 >= outer.x0 - e && r.x1 <= outer.x1 + e && r.y0 >= outer.y0 - e &&
         r.y1 <= outer.y1 + e;
}

TEST(Legend, FollowsViewLegend) {
  const Rect area{0, 0, 560, 400};
  const SettingInfo* info = find_setting("view.legend");
  ASSERT_NE(info, nullptr);
  EXPECT_EQ(info->default_value, "auto");
  EXPECT_EQ(info->range,
            "auto|upper-left|upper-right|lower-left|lower-right|outside-right|below|none");
  const auto lay_out = [&](const std::string& where, RecordingCanvas& canvas) {
    const Figure f = regression_figure(lab_with({{"view.legend", where}}), {});
    return draw_figure(f, canvas, area, Style{}).panels.at(0);
  };
  for (const std::string corner : {"upper-left", "upper-right", "lower-left", "lower-right"}) {
    RecordingCanvas canvas;
    const PanelLayout pl = lay_out(corner, canvas);
    ASSERT_GT(pl.legend.width(), 0) << corner;
    EXPECT_TRUE(within(pl.legend, pl.plot)) << corner;
    const Vec2 c = centre(pl.legend), p = centre(pl.plot);
    EXPECT_EQ(c.x < p.x, corner.ends_with("left")) << corner;
    EXPECT_EQ(c.y < p.y, corner.starts_with("upper")) << corner;
  }
  RecordingCanvas right_canvas, below_canvas, none_canvas, auto_canvas;
  const PanelLayout right = lay_out("outside-right", right_canvas);
  EXPECT_GE(right.legend.x0, right.plot.x1);
  EXPECT_TRUE(within(right.legend, area));
  const PanelLayout below = lay_out("below", below_canvas);
  EXPECT_GE(below.legend.y0, below.plot.y1);
  EXPECT_TRUE(within(below.legend, area));
  EXPECT_GT(lay_out("auto", auto_canvas).legend.width(), 0);
  const PanelLayout none = lay_out("none", none_canvas);
  EXPECT_EQ(none.legend.width(), 0);
  // The plot gives up the room an outside legend takes.
  EXPECT_LT(right.plot.width(), none.plot.width());
  EXPECT_LT(below.plot.height(), none.plot.height());
  for (const auto* op : none_canvas.of_kind(Kind::FillRect))
    EXPECT_NE(op->color.a, palette::kLegendBox.a);  // no legend box (the only translucent fill)
  for (const auto* op : none_canvas.of_kind(Kind::Text))
    EXPECT_EQ(op->text.find("Training data"), std::string::npos);

  // Every figure with a legend follows the key.
  const auto pe = positional_encoding_figure(settings_with({{"view.legend", "below"}}), {});
  ASSERT_TRUE(pe);
  EXPECT_EQ(pe.value().panels[0].legend, LegendPlacement::Below);
}

// Everything a figure put on `canvas` that must not overlap: each text's box (legend entries
// stand for their legend's box), each plot and each legend.
std::vector<std::pair<std::string, Rect>> drawn_boxes(RecordingCanvas& canvas,
                                                      const FigureLayout& layout) {
  std::vector<std::pair<std::string, Rect>> boxes;
  std::vector<Rect> legends;
  for (const PanelLayout& pl : layout.panels) {
    boxes.push_back({"plot", pl.plot});
    if (pl.legend.width() > 0) {
      boxes.push_back({"legend", pl.legend});
      legends.push_back(pl.legend);
    }
  }
  for (const auto* op : canvas.of_kind(Kind::Text)) {
    const Rect box = canvas.text_box(*op);
    if (std::none_of(legends.begin(), legends.end(), [&](const Rect& l) { return within(box, l); }))
      boxes.push_back({op->text, box});
  }
  return boxes;
}

bool overlap(const Rect& a, const Rect& b) {
  const double e = 0.5;  // touching edges are fine
  return a.x0 < b.x1 - e && b.x0 < a.x1 - e && a.y0 < b.y1 - e && b.y0 < a.y1 - e;
}

bool overlap(const std::pair<std::string, Rect>& a, const std::pair<std::string, Rect>& b) {
  // A legend may lie inside a plot.
  if ((a.first == "plot" && b.first == "legend") || (a.first == "legend" && b.first == "plot"))
    return false;
  return overlap(a.second, b.second);
}

// The app's figures at the sizes the window gives them (logical units): the top two figures
// and the bottom one in an 800 x 500 window, at 1280 x 720 with font 40, 1600 x 1000 in
// presentation mode, 1920 x 1080 with font 24 and the default 1600 x 1000; and a whole 800 x
// 500 canvas at font 40. Every text inside the figure, none cut, none over another or a plot.
TEST(FigureText, FitsWithoutOverlapAtLargeFontsAndSmallWindows) {
  const Lab lab;
  const Size top[] = {{295, 240, 16}, {478, 320, 40}, {337, 286, 16},
                      {560, 470, 24}, {670, 520, 16}, {800, 500, 40}};
  const Size bottom[] = {{540, 140, 16},  {870, 190, 40},  {538, 150, 16},
                         {1080, 330, 24}, {1230, 340, 16}, {800, 500, 40}};
  const std::vector<std::pair<Figure, std::vector<Size>>> cases = {
      {regression_figure(lab, {}), {std::begin(top), std::end(top)}},
      {attention_figure(lab, {}), {std::begin(top), std::end(top)}},
      {loss_figure(lab, {}), {std::begin(bottom), std::end(bottom)}},
      {kernels_figure(lab.settings(), {}), {std::begin(bottom), std::end(bottom)}}};
  for (const auto& [f, sizes] : cases)
    for (const Size& size : sizes) {
      const Rect area{0, 0, size.width, size.height};
      RecordingCanvas canvas;
      const FigureLayout layout = draw_figure(f, canvas, area, Style{1, size.font});
      const std::string where = f.name + " " + std::to_string(static_cast<int>(size.width)) + "x" +
                                std::to_string(static_cast<int>(size.height)) + " font " +
                                std::to_string(static_cast<int>(size.font));
      const auto boxes = drawn_boxes(canvas, layout);
      for (const auto& [text, box] : boxes) {
        EXPECT_TRUE(within(box, area)) << where << ": '" << text << "' leaves the figure";
        EXPECT_EQ(text.find("\u2026"), std::string::npos) << where << ": '" << text << "' cut";
      }
      for (std::size_t i = 0; i < boxes.size(); ++i)
        for (std::size_t j = i + 1; j < boxes.size(); ++j)
          EXPECT_FALSE(overlap(boxes[i], boxes[j]))
              << where << ": '" << boxes[i].first << "' over '" << boxes[j].first << "'";
    }
}

// The panels of `b` are those of `a` times `scale`, within `tolerance` pixels.
void expect_scaled(const FigureLayout& a, const FigureLayout& b, double scale, double tolerance,
                   const std::string& what) {
  ASSERT_EQ(a.panels.size(), b.panels.size()) << what;
  const auto same = [&](const Rect& r, const Rect& s, const char* name) {
    EXPECT_NEAR(r.x0 * scale, s.x0, tolerance) << what << " " << name;
    EXPECT_NEAR(r.y0 * scale, s.y0, tolerance) << what << " " << name;
    EXPECT_NEAR(r.x1 * scale, s.x1, tolerance) << what << " " << name;
    EXPECT_NEAR(r.y1 * scale, s.y1, tolerance) << what << " " << name;
  };
  for (std::size_t i = 0; i < a.panels.size(); ++i) {
    same(a.panels[i].plot, b.panels[i].plot, "plot");
    same(a.panels[i].legend, b.panels[i].legend, "legend");
    same(a.panels[i].colorbar, b.panels[i].colorbar, "colorbar");
    EXPECT_EQ(a.panels[i].x_min, b.panels[i].x_min) << what;
    EXPECT_EQ(a.panels[i].y_max, b.panels[i].y_max) << what;
  }
}

std::vector<Figure> every_figure(const Lab& lab) {
  std::vector<Figure> figures;
  for (const FigureInfo& info : figure_registry()) {
    if (info.name.starts_with("transformer-")) continue;  // need a model file
    if (info.is_book()) continue;  // their panels are these figures' (some train for seconds)
    auto built = build_figure(info, lab, FigureContext{10, false});
    if (built) figures.push_back(std::move(built).value());
  }
  return figures;
}

TEST(Scale, LayoutAtScaleTwoAndFourIsTheLayoutAtOneScaled) {
  const Lab lab;
  for (const Figure& f : every_figure(lab))
    for (const double font : {13.0, 16.0, 28.0}) {
      const Rect natural{0, 0, f.width, f.height};
      RecordingCanvas one;
      const FigureLayout base = draw_figure(f, one, natural, Style{1, font});
      for (const double scale : {2.0, 4.0}) {
        RecordingCanvas scaled;
        const FigureLayout big =
            draw_figure(f, scaled, {0, 0, f.width * scale, f.height * scale}, Style{scale, font});
        const std::string what = f.name + " x" + std::to_string(static_cast<int>(scale));
        expect_scaled(base, big, scale, 0.0, what);
        // Every drawing call lands scale times as far, the same text at scale times the size.
        ASSERT_EQ(one.ops.size(), scaled.ops.size()) << what;
        for (std::size_t i = 0; i < one.ops.size(); ++i) {
          const auto& a = one.ops[i];
          const auto& b = scaled.ops[i];
          ASSERT_EQ(a.kind, b.kind) << what;
          EXPECT_EQ(a.text, b.text) << what;
          EXPECT_EQ(a.size * scale, b.size) << what << " " << a.text;
          EXPECT_EQ(a.rect.x0 * scale, b.rect.x0) << what << " " << i;
          EXPECT_EQ(a.rect.y1 * scale, b.rect.y1) << what << " " << i;
        }
      }
    }
}

TEST(Scale, WindowAreaWithAnOffsetScalesToo) {
  // The window draws a figure at some place on screen at its content scale x presentation.
  const Figure f = regression_figure(Lab(), {});
  const FigureLayout base = recorded_layout(f, {0, 0, 400, 300}, Style{1, 16});
  const FigureLayout moved = recorded_layout(f, {100, 50, 100 + 700, 50 + 525}, Style{1.75, 16});
  ASSERT_EQ(moved.panels.size(), 1u);
  const auto check = [](double logical, double pixel, double origin) {
    EXPECT_NEAR(origin + 1.75 * logical, pixel, 1e-9);
  };
  check(base.panels[0].plot.x0, moved.panels[0].plot.x0, 100);
  check(base.panels[0].plot.y1, moved.panels[0].plot.y1, 50);
  check(base.panels[0].legend.x1, moved.panels[0].legend.x1, 100);
  check(base.panels[0].legend.y0, moved.panels[0].legend.y0, 50);
}

TEST(Scale, PngAtAnyScaleAndPdfPutTheLegendInOnePlace) {
  // Cairo's real font: unhinted metrics keep text widths proportional to the size, so the PNG at
  // 1x, 2x and 4x and the PDF take the same decisions.
  const Lab lab;
  for (const Figure& f : {regression_figure(lab, {}), attention_figure(lab, {}),
                          loss_figure(lab, {}), kernels_figure(lab.settings(), {})}) {
    const Rect natural{0, 0, f.width, f.height};
    const FigureLayout png = cairo_layout(f, natural, Style{});
    expect_scaled(png, cairo_layout(f, natural, Style{}, true), 1.0, 1e-6, f.name + " pdf");
    for (const double scale : {2.0, 4.0})
      expect_scaled(png, cairo_layout(f, {0, 0, f.width * scale, f.height * scale}, Style{scale}),
                    scale, 1e-6 * scale, f.name + " png x" + std::to_string(scale));
  }
}

}  // namespace
}  // namespace al::fig
