// draw_figure: the one layout of every figure, on screen and in files. Each panel is laid out
// from the outside in (title, note, x axis, then the y axis and colorbar, whose widths depend on
// their tick labels), then drawn back to front: grid, heatmap, series, guides, axes, legend (in
// the corner that hides the least data), colorbar, note. Titles shrink or are elided to fit.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <optional>
#include <string>

#include "heatmap_render.hpp"
#include "layout.hpp"
#include "palette.hpp"

namespace al::fig {

Vec2 PanelLayout::to_pixel(double x, double y) const {
  const double fx = (x - x_min) / (x_max - x_min), fy = (y - y_min) / (y_max - y_min);
  return {plot.x0 + fx * plot.width(),
          heatmap ? plot.y0 + fy * plot.height() : plot.y1 - fy * plot.height()};
}

Vec2 PanelLayout::to_data(Vec2 pixel) const {
  const double fx = (pixel.x - plot.x0) / plot.width();
  const double fy =
      heatmap ? (pixel.y - plot.y0) / plot.height() : (plot.y1 - pixel.y) / plot.height();
  return {x_min + fx * (x_max - x_min), y_min + fy * (y_max - y_min)};
}

namespace {

// Tick labels from this size on (1.5x the default: `--scale 2`, presentation fonts) make the
// legend cover too much of the plot, so it gets a smaller font and tighter padding.
constexpr double kLargeTickFont = 1.5 * Style{}.font_size;

// Every size of the layout at one style: fonts, paddings, tick lengths, in pixels.
struct Metrics {
  explicit Metrics(const Style& style)
      : scale(style.scale),
        tick_font(style.font_size * style.scale),
        label_font(tick_font * 1.1),
        title_font(tick_font * 1.2),
        pad(8 * style.scale),
        gap(4 * style.scale),
        tick_len(4 * style.scale),
        line(1 * style.scale) {
    const bool large = tick_font >= kLargeTickFont;
    legend_font = large ? 0.9 * tick_font : tick_font;
    legend_row = legend_font * (large ? 1.3 : 1.4);
    // A quarter of the legend font: tighter than gap at scale 2, yet not cramped when a large
    // font comes with scale 1 (the window's font size setting).
    legend_gap = large ? 0.25 * legend_font : gap;
    legend_inset = large ? gap : pad;
  }
  double scale, tick_font, label_font, title_font, pad, gap, tick_len, line;
  // The legend's text size, row height, inner padding and distance from the plot's edges.
  double legend_font, legend_row, legend_gap, legend_inset;
  double note_line() const { return tick_font * 1.3; }
};

struct Tick {
  double at;  // data coordinate
  std::string label;
};

// Limits a transform can divide by: finite, ordered, not empty. An empty range (a constant
// series) is widened by 5 % of its value, at least 0.5, either way.
void sanitize_limits(double& lo, double& hi) {
  if (!std::isfinite(lo) || !std::isfinite(hi)) lo = 0.0, hi = 1.0;
  if (hi < lo) std::swap(lo, hi);
  lo = std::max(lo, -1e300);
  hi = std::min(hi, 1e300);
  if (hi - lo <= 1e-12 * std::max(std::abs(lo), std::abs(hi))) {
    const double half = std::max(0.05 * std::abs(lo), 0.5);
    lo -= half;
    hi += half;
  }
}

double text_width(Canvas& canvas, const std::string& s, double size) {
  return canvas.measure_text(s, size).x;
}

// The most ticks, from `target` down to 2, whose labels fit in `length` pixels: each label
// needs its extent (its width along x, a line along y) plus a gap on both sides.
// `place(t)` gives the labelled ticks for a target of t.
template <class Place>
std::vector<Tick> fitting_ticks(int target, double length, bool along_x, Canvas& canvas,
                                const Metrics& m, const Place& place) {
  std::vector<Tick> ticks;
  for (int t = std::max(target, 2); t >= 2; --t) {
    ticks = place(t);
    double extent = 0.0;
    for (const Tick& tick : ticks)
      extent += (along_x ? text_width(canvas, tick.label, m.tick_font) : m.tick_font) + 2 * m.gap;
    if (extent <= length) break;
  }
  return ticks;
}

// About `target` nice values in [lo, hi], each labelled to the precision of their spacing.
std::vector<Tick> labelled_nice_ticks(double lo, double hi, int target) {
  const std::vector<double> at = nice_ticks(lo, hi, target);
  const double step = at.size() >= 2 ? at[1] - at[0] : std::abs(hi - lo);
  std::vector<Tick> ticks;
  for (double v : at) ticks.push_back({v, tick_label(v, step)});
  return ticks;
}

// Ticks of a value axis [lo, hi].
std::vector<Tick> value_ticks(double lo, double hi, double length, int target, bool along_x,
                              Canvas& canvas, const Metrics& m) {
  return fitting_ticks(target, length, along_x, canvas, m,
                       [&](int t) { return labelled_nice_ticks(lo, hi, t); });
}

// A heatmap coordinate label: two significant digits without exponent ("1.2", "0.05", "12").
std::string coord_label(double v) {
  if (v == 0.0 || !std::isfinite(v)) return v == 0.0 ? "0" : "?";
  char buf[64];
  const double magnitude = std::abs(v);
  if (magnitude < 1e-3 || magnitude >= 1e5) {
    std::snprintf(buf, sizeof buf, "%.2g", v);
    return buf;
  }
  const int decimals = std::max(0, 1 - static_cast<int>(std::floor(std::log10(magnitude))));
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  std::string s = buf;
  if (s.find('.') != std::string::npos) {
    s.erase(s.find_last_not_of('0') + 1);
    if (s.back() == '.') s.pop_back();
  }
  return s;
}

// Cell coordinates that ticks can interpolate: finite, ascending, spanning a range.
bool ascending_coords(const std::vector<double>& coords) {
  return coords.size() >= 2 &&
         std::all_of(coords.begin(), coords.end(), [](double v) { return std::isfinite(v); }) &&
         std::is_sorted(coords.begin(), coords.end()) && coords.front() < coords.back();
}

// A heatmap axis of n cells. With ascending coordinates: ticks at nice coordinate values, each
// at the fractional cell where it falls (ticks outside the coordinates' range are dropped).
// Otherwise ticks at cell centres 0 .. n-1 (every index when few, else nicely spaced ones),
// labelled by the cells' text labels when given, else by their coordinates when given.
std::vector<Tick> heatmap_ticks(long long n, const std::vector<double>& coords,
                                const std::vector<std::string>& labels, double length, int target,
                                bool along_x, Canvas& canvas, const Metrics& m) {
  const bool by_label = static_cast<long long>(labels.size()) == n;
  const bool by_coord = static_cast<long long>(coords.size()) == n;
  if (!by_label && by_coord && ascending_coords(coords))
    return fitting_ticks(target, length, along_x, canvas, m, [&](int t) {
      std::vector<Tick> ticks;
      for (Tick& tick : labelled_nice_ticks(coords.front(), coords.back(), t))
        if (const auto cell = fractional_index(coords, tick.at))
          ticks.push_back({*cell, std::move(tick.label)});
      return ticks;
    });
  // Every text label (a token) is worth showing: try them all first when there are few.
  if (by_label && n <= 64) target = std::max(target, static_cast<int>(n));
  return fitting_ticks(target, length, along_x, canvas, m, [&](int t) {
    std::vector<double> at;
    if (n <= t) {
      for (long long i = 0; i < n; ++i) at.push_back(static_cast<double>(i));
    } else {
      at = nice_ticks(0.0, static_cast<double>(n - 1), t);
    }
    std::vector<Tick> ticks;
    for (double v : at) {
      const auto i = static_cast<std::size_t>(v);
      ticks.push_back({v, by_label   ? labels[i]
                          : by_coord ? coord_label(coords[i])
                                     : std::to_string(i)});
    }
    return ticks;
  });
}

// About one tick per `spacing` pixels, and at least 3 while labels fit.
int tick_target(double length, double spacing) {
  return std::max(3, static_cast<int>(std::lround(length / spacing)));
}

// Greedy word wrap to `width` pixels; a word longer than a line gets a line of its own.
std::vector<std::string> wrap_text(const std::string& text, double width, double size,
                                   Canvas& canvas) {
  std::vector<std::string> lines;
  std::string current;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t end = std::min(text.find(' ', pos), text.size());
    const std::string word = text.substr(pos, end - pos);
    pos = end + 1;
    const std::string candidate = current.empty() ? word : current + " " + word;
    if (!current.empty() && text_width(canvas, candidate, size) > width) {
      lines.push_back(current);
      current = word;
    } else {
      current = candidate;
    }
  }
  if (!current.empty()) lines.push_back(current);
  return lines;
}

// Pixel coordinates far outside the plot are clamped so that renderers never see infinities.
Vec2 clamp_pixel(Vec2 p, const Rect& plot) {
  const double margin = 1e5;
  return {std::clamp(p.x, plot.x0 - margin, plot.x1 + margin),
          std::clamp(p.y, plot.y0 - margin, plot.y1 + margin)};
}

Color with_alpha(Color c, double alpha) {
  c.a = static_cast<float>(std::clamp(c.a * alpha, 0.0, 1.0));
  return c;
}

// A line series as polylines, broken wherever x or y is not finite.
void draw_line(const Series& s, const PanelLayout& pl, Canvas& canvas, const Metrics& m) {
  std::vector<Vec2> run;
  const auto flush = [&] {
    if (run.size() >= 2) canvas.polyline(run, s.color, s.width * m.scale, s.dash);
    run.clear();
  };
  const std::size_t n = std::min(s.x.size(), s.y.size());
  for (std::size_t i = 0; i < n; ++i) {
    if (!std::isfinite(s.x[i]) || !std::isfinite(s.y[i])) {
      flush();
      continue;
    }
    run.push_back(clamp_pixel(pl.to_pixel(s.x[i], s.y[i]), pl.plot));
  }
  flush();
}

// Marker i's alpha factor: 1 unless marker_alpha gives one.
double marker_alpha(const Series& s, std::size_t i) {
  return i < s.marker_alpha.size() ? s.marker_alpha[i] : 1.0;
}

// Marker i's radius in pixels (marker_scale, when given, multiplies it); 0 when the marker is
// not drawn: a coordinate is not finite, or its scale or alpha is not positive.
double marker_radius(const Series& s, std::size_t i, const Metrics& m) {
  if (!std::isfinite(s.x[i]) || !std::isfinite(s.y[i])) return 0.0;
  const double scale = i < s.marker_scale.size() ? s.marker_scale[i] : 1.0;
  if (!(scale > 0.0) || !(marker_alpha(s, i) > 0.0)) return 0.0;
  return s.marker_radius * scale * m.scale;
}

// Filled circles; marker_alpha (when given) multiplies the colour's alpha.
void draw_markers(const Series& s, const PanelLayout& pl, Canvas& canvas, const Metrics& m) {
  const std::size_t n = std::min(s.x.size(), s.y.size());
  for (std::size_t i = 0; i < n; ++i) {
    const double radius = marker_radius(s, i, m);
    if (!(radius > 0.0)) continue;
    canvas.fill_circle(clamp_pixel(pl.to_pixel(s.x[i], s.y[i]), pl.plot), radius,
                       with_alpha(s.color, marker_alpha(s, i)));
  }
}

void draw_guide(const Guide& g, const PanelLayout& pl, Canvas& canvas, const Metrics& m) {
  if (!std::isfinite(g.at)) return;
  const Rect& p = pl.plot;
  if (g.vertical) {
    const double x = pl.to_pixel(g.at, pl.y_min).x;
    canvas.polyline({{x, p.y0}, {x, p.y1}}, g.color, 1.2 * m.scale, g.dash);
    if (!g.label.empty())
      canvas.text({x + m.gap, p.y0 + m.gap}, g.label, m.tick_font, g.color, Align::Start,
                  Align::Start);
  } else {
    const double y = pl.to_pixel(pl.x_min, g.at).y;
    canvas.polyline({{p.x0, y}, {p.x1, y}}, g.color, 1.2 * m.scale, g.dash);
    if (!g.label.empty())
      canvas.text({p.x1 - m.gap, y - m.gap}, g.label, m.tick_font, g.color, Align::End, Align::End);
  }
}

// Whether the segment a-b meets `r`. Liang-Barsky: the points a + t (b - a), t in [0, 1], that
// satisfy each of the rectangle's four half-planes p * t <= q form an interval; it must stay
// non-empty.
bool segment_meets_rect(Vec2 a, Vec2 b, const Rect& r) {
  const double dx = b.x - a.x, dy = b.y - a.y;
  const double p[4] = {-dx, dx, -dy, dy};
  const double q[4] = {a.x - r.x0, r.x1 - a.x, a.y - r.y0, r.y1 - a.y};
  double t0 = 0.0, t1 = 1.0;
  for (int i = 0; i < 4; ++i) {
    if (p[i] == 0.0) {
      if (q[i] < 0.0) return false;  // parallel to this edge and outside it
    } else if (p[i] < 0.0) {
      t0 = std::max(t0, q[i] / p[i]);
    } else {
      t1 = std::min(t1, q[i] / p[i]);
    }
  }
  return t0 <= t1;
}

// How much drawn data a legend at `box` would hide: the markers that touch it plus the line
// segments that cross it, so a densely sampled curve counts about one per sample under the box
// and a long straight segment still counts.
int legend_overlap(const Panel& panel, const PanelLayout& pl, const Rect& box, const Metrics& m) {
  int overlap = 0;
  for (const Series& s : panel.series) {
    const std::size_t n = std::min(s.x.size(), s.y.size());
    std::optional<Vec2> previous;  // the line's last finite point; a gap resets it
    for (std::size_t i = 0; i < n; ++i) {
      if (!std::isfinite(s.x[i]) || !std::isfinite(s.y[i])) {
        previous.reset();
        continue;
      }
      const Vec2 p = clamp_pixel(pl.to_pixel(s.x[i], s.y[i]), pl.plot);
      if (s.kind == Series::Kind::Line) {
        if (previous && segment_meets_rect(*previous, p, box)) ++overlap;
        previous = p;
      } else if (const double r = marker_radius(s, i, m); r > 0.0) {
        if (Rect{box.x0 - r, box.y0 - r, box.x1 + r, box.y1 + r}.contains(p)) ++overlap;
      }
    }
  }
  return overlap;
}

// A legend box of `size` in the inside corner of the plot that hides the least data, like
// matplotlib's loc='best': top left, top right, bottom left, bottom right, the first on ties.
Rect place_legend(const Panel& panel, const PanelLayout& pl, Vec2 size, const Metrics& m) {
  const Rect& p = pl.plot;
  const double left = p.x0 + m.legend_inset, right = p.x1 - m.legend_inset - size.x;
  const double top = p.y0 + m.legend_inset, bottom = p.y1 - m.legend_inset - size.y;
  const Vec2 corners[] = {{left, top}, {right, top}, {left, bottom}, {right, bottom}};
  Rect best;
  int least = std::numeric_limits<int>::max();
  for (const Vec2 c : corners) {
    const Rect box{c.x, c.y, c.x + size.x, c.y + size.y};
    const int overlap = legend_overlap(panel, pl, box, m);
    if (overlap < least) best = box, least = overlap;
  }
  return best;
}

// A white, slightly transparent box inside the plot with one row per labelled series: a swatch
// of its line or marker, then its label.
void draw_legend(const Panel& panel, const PanelLayout& pl, Canvas& canvas, const Metrics& m) {
  std::vector<const Series*> entries;
  for (const Series& s : panel.series)
    if (!s.label.empty()) entries.push_back(&s);
  if (entries.empty()) return;
  const double swatch = 2.2 * m.legend_font, gap = m.legend_gap;
  double label_w = 0.0;
  for (const Series* s : entries)
    label_w = std::max(label_w, text_width(canvas, s->label, m.legend_font));
  const Vec2 size{2 * gap + swatch + gap + label_w + 2 * gap,
                  gap + m.legend_row * static_cast<double>(entries.size()) + gap};
  const Rect box = place_legend(panel, pl, size, m);
  canvas.fill_rect(box, palette::kLegendBox);
  canvas.stroke_rect(box, palette::kLegendEdge, m.line);
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const Series& s = *entries[i];
    const double cy = box.y0 + gap + m.legend_row * (static_cast<double>(i) + 0.5);
    const double sx = box.x0 + 2 * gap;
    if (s.kind == Series::Kind::Line) {
      canvas.polyline({{sx, cy}, {sx + swatch, cy}}, s.color, s.width * m.scale, s.dash);
    } else {
      canvas.fill_circle({sx + swatch / 2, cy}, s.marker_radius * m.scale, s.color);
    }
    canvas.text({sx + swatch + gap, cy}, s.label, m.legend_font, palette::kText, Align::Start,
                Align::Center);
  }
}

// A title that fits `width` pixels: its font shrunk as needed down to 70 % of `size`, then, if
// still too wide, cut at a character boundary and ended with an ellipsis.
struct FittedText {
  std::string text;
  double size, width;
};

FittedText fit_title(const std::string& title, double size, double width, Canvas& canvas) {
  // A relative slack of 1e-9 lets a title shrunk to exactly `width` fit despite rounding.
  const auto fits = [&](double w) { return w <= width * (1 + 1e-9); };
  FittedText fit{title, size, text_width(canvas, title, size)};
  if (fits(fit.width)) return fit;
  // Text width grows in proportion to the font size.
  fit.size = std::max(0.7 * size, size * width / fit.width);
  fit.width = text_width(canvas, title, fit.size);
  if (fits(fit.width)) return fit;
  // Where each UTF-8 character starts (not at a continuation byte 10xxxxxx): the prefixes that
  // end on a whole character. Binary search for the longest one that fits with the ellipsis;
  // the width only grows with the prefix, and zero characters (a lone ellipsis) is the floor.
  std::vector<std::size_t> starts{0};
  for (std::size_t i = 1; i < title.size(); ++i)
    if ((static_cast<unsigned char>(title[i]) & 0xC0) != 0x80) starts.push_back(i);
  const auto elided = [&](std::size_t chars) {
    std::string s = title.substr(0, starts[chars]);
    s.erase(s.find_last_not_of(' ') + 1);  // "(Gaussian,…", not "(Gaussian, …"
    return s + "\u2026";
  };
  std::size_t lo = 0, hi = starts.size() - 1;  // the full title (all characters) does not fit
  while (lo < hi) {
    const std::size_t mid = (lo + hi + 1) / 2;
    if (fits(text_width(canvas, elided(mid), fit.size))) {
      lo = mid;
    } else {
      hi = mid - 1;
    }
  }
  fit.text = elided(lo);
  fit.width = text_width(canvas, fit.text, fit.size);
  return fit;
}

// A title fitted into [x0, x1] at height y: centred on `centre` where it fits, else moved
// inwards just enough to stay inside.
void draw_title(const std::string& title, double centre, double x0, double x1, double y,
                Canvas& canvas, const Metrics& m) {
  const FittedText fit = fit_title(title, m.title_font, x1 - x0, canvas);
  const double half = fit.width / 2;
  const double x = std::clamp(centre, x0 + half, std::max(x0 + half, x1 - half));
  canvas.text({x, y}, fit.text, fit.size, palette::kText, Align::Center, Align::Start);
}

// Everything about one panel that depends on where it goes.
struct PanelGeometry {
  PanelLayout layout;
  std::vector<Tick> x_ticks, y_ticks, bar_ticks;
  Rect box;         // the panel's cell minus padding
  double note_top;  // where the note's first line starts
};

PanelGeometry place_panel(const Panel& panel, const Rect& cell, double title_h, double note_h,
                          Canvas& canvas, const Metrics& m) {
  PanelGeometry g;
  PanelLayout& pl = g.layout;
  g.box = Rect{cell.x0 + m.pad, cell.y0 + m.pad, cell.x1 - m.pad, cell.y1 - m.pad};
  g.note_top = g.box.y1 - note_h;

  // Limits: heatmaps count cells, row 0 at the top; other panels take the axes' limits.
  const Heatmap* hm = panel.heatmap && panel.heatmap->values ? &*panel.heatmap : nullptr;
  const long long rows = hm ? std::max<long long>(hm->values->rows(), 1) : 0;
  const long long cols = hm ? std::max<long long>(hm->values->cols(), 1) : 0;
  pl.heatmap = hm != nullptr;
  if (hm) {
    pl.x_min = -0.5, pl.x_max = static_cast<double>(cols) - 0.5;
    pl.y_min = -0.5, pl.y_max = static_cast<double>(rows) - 0.5;
  } else {
    pl.x_min = panel.x.min, pl.x_max = panel.x.max, pl.y_min = panel.y.min, pl.y_max = panel.y.max;
    sanitize_limits(pl.x_min, pl.x_max);
    sanitize_limits(pl.y_min, pl.y_max);
  }

  // Vertical: title above; note, x tick labels and x label below; half a label of room on top
  // for the highest y tick label.
  Rect& plot = pl.plot;
  plot.y0 = g.box.y0 + title_h + m.tick_font * 0.5;
  plot.y1 = g.note_top - m.tick_len - m.gap - m.tick_font -
            (panel.x.label.empty() ? 0.0 : m.gap + m.label_font * 1.2);
  plot.y1 = std::max(plot.y1, plot.y0 + 10 * m.scale);

  // Y ticks and colorbar ticks depend only on the plot's height; their labels' widths then fix
  // the plot's left and right edges.
  g.y_ticks = hm ? heatmap_ticks(rows, hm->row_coords, hm->row_labels, plot.height(),
                                 tick_target(plot.height(), 40 * m.scale), false, canvas, m)
                 : value_ticks(pl.y_min, pl.y_max, plot.height(),
                               tick_target(plot.height(), 50 * m.scale), false, canvas, m);
  double y_label_w = 0.0;
  for (const Tick& t : g.y_ticks)
    y_label_w = std::max(y_label_w, text_width(canvas, t.label, m.tick_font));
  plot.x0 = g.box.x0 + (panel.y.label.empty() ? 0.0 : m.label_font * 1.2 + m.gap) + y_label_w +
            m.gap + m.tick_len;

  double right = m.tick_font * 1.5;  // room for the last x tick label
  if (hm && panel.colorbar) {
    const double lo = hm->vmin, hi = hm->vmax;
    g.bar_ticks = hi > lo ? value_ticks(lo, hi, plot.height(),
                                        tick_target(plot.height(), 50 * m.scale), false, canvas, m)
                          : std::vector<Tick>{{lo, tick_label(lo, 0.0)}};
    double bar_label_w = 0.0;
    for (const Tick& t : g.bar_ticks)
      bar_label_w = std::max(bar_label_w, text_width(canvas, t.label, m.tick_font));
    const double strip = 14 * m.scale;
    right = 3 * m.gap + strip + m.tick_len + m.gap + bar_label_w +
            (hm->value_label.empty() ? 0.0 : m.gap + m.label_font * 1.2);
    pl.colorbar = Rect{0, plot.y0, 0, plot.y1};  // x filled in once the plot's right edge is known
    plot.x1 = std::max(g.box.x1 - right, plot.x0 + 10 * m.scale);
    pl.colorbar.x0 = plot.x1 + 3 * m.gap;
    pl.colorbar.x1 = pl.colorbar.x0 + strip;
  } else {
    plot.x1 = std::max(g.box.x1 - right, plot.x0 + 10 * m.scale);
  }

  g.x_ticks = hm ? heatmap_ticks(cols, hm->col_coords, hm->col_labels, plot.width(),
                                 tick_target(plot.width(), 60 * m.scale), true, canvas, m)
                 : value_ticks(pl.x_min, pl.x_max, plot.width(),
                               tick_target(plot.width(), 70 * m.scale), true, canvas, m);
  return g;
}

void draw_axes(const Panel& panel, const PanelGeometry& g, Canvas& canvas, const Metrics& m) {
  const PanelLayout& pl = g.layout;
  const Rect& p = pl.plot;
  const auto inside = [](double v, double lo, double hi) {
    const double slack = 1e-9 * (hi - lo);
    return v >= lo - slack && v <= hi + slack;
  };
  for (const Tick& t : g.x_ticks) {
    if (!inside(t.at, pl.x_min, pl.x_max)) continue;
    const double x = pl.to_pixel(t.at, pl.y_min).x;
    canvas.polyline({{x, p.y1}, {x, p.y1 + m.tick_len}}, palette::kAxis, m.line, Dash::Solid);
    canvas.text({x, p.y1 + m.tick_len + m.gap}, t.label, m.tick_font, palette::kText, Align::Center,
                Align::Start);
  }
  for (const Tick& t : g.y_ticks) {
    if (!inside(t.at, pl.y_min, pl.y_max)) continue;
    const double y = pl.to_pixel(pl.x_min, t.at).y;
    canvas.polyline({{p.x0 - m.tick_len, y}, {p.x0, y}}, palette::kAxis, m.line, Dash::Solid);
    canvas.text({p.x0 - m.tick_len - m.gap, y}, t.label, m.tick_font, palette::kText, Align::End,
                Align::Center);
  }
  canvas.stroke_rect(p, palette::kAxis, m.line);
  if (!panel.x.label.empty())
    canvas.text({(p.x0 + p.x1) / 2, p.y1 + m.tick_len + m.gap + m.tick_font + m.gap}, panel.x.label,
                m.label_font, palette::kText, Align::Center, Align::Start);
  if (!panel.y.label.empty())
    canvas.text({g.box.x0, (p.y0 + p.y1) / 2}, panel.y.label, m.label_font, palette::kText,
                Align::Start, Align::Center, true);
}

void draw_grid(const PanelGeometry& g, Canvas& canvas, const Metrics& m) {
  const PanelLayout& pl = g.layout;
  const Rect& p = pl.plot;
  for (const Tick& t : g.x_ticks) {
    const double x = pl.to_pixel(t.at, pl.y_min).x;
    if (x > p.x0 && x < p.x1)
      canvas.polyline({{x, p.y0}, {x, p.y1}}, palette::kGrid, 0.8 * m.line, Dash::Solid);
  }
  for (const Tick& t : g.y_ticks) {
    const double y = pl.to_pixel(pl.x_min, t.at).y;
    if (y > p.y0 && y < p.y1)
      canvas.polyline({{p.x0, y}, {p.x1, y}}, palette::kGrid, 0.8 * m.line, Dash::Solid);
  }
}

// The gradient strip right of the plot, its ticks and its label (vertical, at the far right).
void draw_colorbar(const Heatmap& hm, const PanelGeometry& g, Canvas& canvas, const Metrics& m) {
  const Rect& bar = g.layout.colorbar;
  canvas.image(colorbar_image(hm.colormap), bar);
  canvas.stroke_rect(bar, palette::kAxis, m.line);
  const double span = hm.vmax - hm.vmin;
  double label_w = 0.0;
  for (const Tick& t : g.bar_ticks) {
    const double f = span > 0.0 ? (t.at - hm.vmin) / span : 0.0;
    const double y = bar.y1 - f * bar.height();
    canvas.polyline({{bar.x1, y}, {bar.x1 + m.tick_len, y}}, palette::kAxis, m.line, Dash::Solid);
    canvas.text({bar.x1 + m.tick_len + m.gap, y}, t.label, m.tick_font, palette::kText,
                Align::Start, Align::Center);
    label_w = std::max(label_w, text_width(canvas, t.label, m.tick_font));
  }
  if (!hm.value_label.empty())
    canvas.text({bar.x1 + m.tick_len + m.gap + label_w + m.gap, (bar.y0 + bar.y1) / 2},
                hm.value_label, m.label_font, palette::kText, Align::Start, Align::Center, true);
}

PanelLayout draw_panel(const Panel& panel, const Rect& cell, double title_h,
                       const std::vector<std::string>& note_lines, double note_h, Canvas& canvas,
                       const Metrics& m) {
  const PanelGeometry g = place_panel(panel, cell, title_h, note_h, canvas, m);
  const PanelLayout& pl = g.layout;

  // The title may use the room above the y tick labels but stops short of the colorbar.
  if (!panel.title.empty())
    draw_title(panel.title, (pl.plot.x0 + pl.plot.x1) / 2, g.box.x0,
               pl.heatmap && panel.colorbar ? pl.colorbar.x0 : g.box.x1, g.box.y0, canvas, m);
  if (panel.grid && !pl.heatmap) draw_grid(g, canvas, m);
  if (pl.heatmap) draw_heatmap(*panel.heatmap, pl, canvas, m.scale);

  canvas.push_clip(pl.plot);
  for (const Series& s : panel.series) {
    if (s.kind == Series::Kind::Line) {
      draw_line(s, pl, canvas, m);
    } else {
      draw_markers(s, pl, canvas, m);
    }
  }
  for (const Guide& guide : panel.guides) draw_guide(guide, pl, canvas, m);
  canvas.pop_clip();

  draw_axes(panel, g, canvas, m);
  if (panel.legend) draw_legend(panel, pl, canvas, m);
  if (pl.heatmap && panel.colorbar) draw_colorbar(*panel.heatmap, g, canvas, m);
  for (std::size_t i = 0; i < note_lines.size(); ++i)
    canvas.text({g.box.x0, g.note_top + m.note_line() * static_cast<double>(i) + m.gap},
                note_lines[i], m.tick_font, palette::kNoteText, Align::Start, Align::Start);
  return pl;
}

}  // namespace

// The panels fill a rows x cols grid of equal cells below the figure title. Every panel
// reserves the same title height, and the panels of a grid row the same note height, so that
// shared axes line up.
FigureLayout draw_figure(const Figure& figure, Canvas& canvas, const Rect& area,
                         const Style& style) {
  const Metrics m(style);
  canvas.fill_rect(area, palette::kBackground);
  Rect content = area;
  if (!figure.title.empty()) {
    draw_title(figure.title, (area.x0 + area.x1) / 2, area.x0 + m.pad, area.x1 - m.pad,
               area.y0 + m.pad, canvas, m);
    content.y0 += m.pad + m.title_font * 1.4;
  }

  const int n = static_cast<int>(figure.panels.size());
  const int cols = std::max(figure.cols, 1);
  const int rows = std::max({figure.rows, 1, (n + cols - 1) / cols});
  const double cell_w = content.width() / cols, cell_h = content.height() / rows;

  std::vector<std::vector<std::string>> notes(static_cast<std::size_t>(n));
  double title_h = 0.0;
  std::vector<double> note_h(static_cast<std::size_t>(rows), 0.0);
  for (int i = 0; i < n; ++i) {
    const Panel& panel = figure.panels[static_cast<std::size_t>(i)];
    const auto row = static_cast<std::size_t>(i / cols);
    notes[static_cast<std::size_t>(i)] =
        wrap_text(panel.note, cell_w - 2 * m.pad, m.tick_font, canvas);
    if (!panel.title.empty()) title_h = m.title_font * 1.4;
    note_h[row] =
        std::max(note_h[row],
                 m.note_line() * static_cast<double>(notes[static_cast<std::size_t>(i)].size()));
  }

  FigureLayout layout;
  for (int i = 0; i < n; ++i) {
    const auto row = static_cast<std::size_t>(i / cols);
    const double x0 = content.x0 + (i % cols) * cell_w, y0 = content.y0 + row * cell_h;
    const Rect cell{x0, y0, x0 + cell_w, y0 + cell_h};
    const double reserved_note = note_h[row] > 0.0 ? note_h[row] + m.gap : 0.0;
    layout.panels.push_back(draw_panel(figure.panels[static_cast<std::size_t>(i)], cell, title_h,
                                       notes[static_cast<std::size_t>(i)], reserved_note, canvas,
                                       m));
  }
  return layout;
}

}  // namespace al::fig
