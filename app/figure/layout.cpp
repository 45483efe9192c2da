// draw_figure: the one layout of every figure, on screen and in files. A figure is planned
// before anything is drawn: each panel from the outside in (title, note, an outside legend, the
// x axis, then the y axis and colorbar, whose widths depend on their tick labels), every text
// fitted to its room (shrunk, wrapped, cut only when nothing else fits) and the legend put where
// it hides no data. Plans are made in logical units; a canvas that scales to pixels then draws
// them back to front: grid, heatmap, series, guides, axes, legend, colorbar, note.
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <optional>
#include <string>

#include "heatmap_render.hpp"
#include "layout.hpp"
#include "number_format.hpp"
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

// The canvas the layout draws on: logical units in, pixels out (origin + scale x logical). Text
// is measured at the pixel size it is drawn at and reported in logical units, so a text fitted
// to its room fits as drawn. Lines are `stroke` times thicker (markers less), and with `contrast`
// the print style's greys are drawn darker (Style).
class ScaledCanvas final : public Canvas {
 public:
  ScaledCanvas(Canvas& device, Vec2 origin, double scale, double stroke, bool contrast)
      : device_(device),
        origin_(origin),
        scale_(scale),
        stroke_(scale * stroke),
        marker_(scale * std::sqrt(stroke)),
        contrast_(contrast) {}

  Canvas& device() { return device_; }
  double scale() const { return scale_; }
  Vec2 to_device(Vec2 p) const { return {origin_.x + p.x * scale_, origin_.y + p.y * scale_}; }
  Rect to_device(const Rect& r) const {
    const Vec2 a = to_device(Vec2{r.x0, r.y0}), b = to_device(Vec2{r.x1, r.y1});
    return {a.x, a.y, b.x, b.y};
  }

  void polyline(const std::vector<Vec2>& points, Color color, double width, Dash dash) override {
    std::vector<Vec2> device_points;
    device_points.reserve(points.size());
    for (const Vec2& p : points) device_points.push_back(to_device(p));
    device_.polyline(device_points, ink(color), width * stroke_, dash);
  }
  void fill_rect(const Rect& r, Color color) override { device_.fill_rect(to_device(r), color); }
  void stroke_rect(const Rect& r, Color color, double width) override {
    device_.stroke_rect(to_device(r), ink(color), width * stroke_);
  }
  void fill_circle(Vec2 center, double radius, Color color) override {
    device_.fill_circle(to_device(center), radius * marker_, color);
  }
  void stroke_circle(Vec2 center, double radius, Color color, double width) override {
    device_.stroke_circle(to_device(center), radius * marker_, ink(color), width * stroke_);
  }
  void text(Vec2 at, std::string_view s, double size, Color color, Align h, Align v,
            bool vertical = false) override {
    device_.text(to_device(at), s, size * scale_, ink(color), h, v, vertical);
  }
  Vec2 measure_text(std::string_view s, double size) override {
    const Vec2 extent = device_.measure_text(s, size * scale_);
    return {extent.x / scale_, extent.y / scale_};
  }
  void image(const Image& image, const Rect& dst) override { device_.image(image, to_device(dst)); }
  void push_clip(const Rect& r) override { device_.push_clip(to_device(r)); }
  void pop_clip() override { device_.pop_clip(); }

 private:
  // The high-contrast ink of a print-style grey; every other colour as it is.
  Color ink(Color c) const {
    if (!contrast_) return c;
    if (c == palette::kText || c == palette::kAxis || c == palette::kNoteText) return {0, 0, 0, 1};
    if (c == palette::kGrid) return hex_color(0xaaaaaa);
    return c;
  }

  Canvas& device_;
  Vec2 origin_;
  // Pixels per logical unit of a line's width and of a marker's radius: markers grow with the
  // square root of the stroke factor, as their area already grows with its square.
  double scale_, stroke_, marker_;
  bool contrast_;
};

// Tick labels from this size on (1.5x the default, e.g. the window's presentation fonts) make
// the legend cover too much of the plot, so it gets a smaller font and tighter padding.
constexpr double kLargeTickFont = 1.5 * Style{}.font_size;

// No text is made smaller than this, in logical units, to fit (the style's own size may be).
constexpr double kMinFont = 8.0;

// Every size of the layout, in logical units, for one tick-label font size.
struct Metrics {
  explicit Metrics(double font_size)
      : tick_font(font_size), label_font(1.1 * font_size), title_font(1.2 * font_size) {
    const bool large = tick_font >= kLargeTickFont;
    legend_font = large ? 0.9 * tick_font : tick_font;
    legend_row = legend_font * (large ? 1.3 : 1.4);
    // A quarter of the legend font: tighter than gap for large fonts, not cramped for small.
    legend_gap = large ? 0.25 * legend_font : gap;
    legend_inset = large ? gap : pad;
  }
  double tick_font, label_font, title_font;
  double pad = 8, gap = 4, tick_len = 4, line = 1, strip = 14;
  // The legend's text size, row height, inner padding and distance from the plot's edges.
  double legend_font = 0, legend_row = 0, legend_gap = 0, legend_inset = 0;
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

// Whether the labels of `ticks` fit in `length`: each needs its extent (its width along x, a
// line along y) plus a gap on both sides.
bool ticks_fit(const std::vector<Tick>& ticks, double length, bool along_x, Canvas& canvas,
               const Metrics& m) {
  double extent = 0.0;
  for (const Tick& tick : ticks)
    extent += (along_x ? text_width(canvas, tick.label, m.tick_font) : m.tick_font) + 2 * m.gap;
  return extent <= length;
}

// Whether neighbouring labels along x, each centred on its tick on an axis of `length` showing
// [lo, hi], keep a gap between them: a long word beside a short one can reach over its neighbour
// although all the labels' widths add up to less than the axis.
bool ticks_apart(const std::vector<Tick>& ticks, double lo, double hi, double length,
                 Canvas& canvas, const Metrics& m) {
  if (!(hi > lo)) return true;
  const double per_unit = length / (hi - lo);
  for (std::size_t i = 1; i < ticks.size(); ++i) {
    const double room = std::abs(ticks[i].at - ticks[i - 1].at) * per_unit;
    const double need = (text_width(canvas, ticks[i - 1].label, m.tick_font) +
                         text_width(canvas, ticks[i].label, m.tick_font)) /
                            2 +
                        m.gap;
    if (room < need) return false;
  }
  return true;
}

// The most ticks, from `target` down to 2, whose labels fit in `length` (2 when none do), on an
// axis showing [lo, hi]. `place(t)` gives the labelled ticks for a target of t.
template <class Place>
std::vector<Tick> fitting_ticks(int target, double lo, double hi, double length, bool along_x,
                                Canvas& canvas, const Metrics& m, const Place& place) {
  std::vector<Tick> ticks;
  for (int t = std::max(target, 2); t >= 2; --t) {
    ticks = place(t);
    if (ticks_fit(ticks, length, along_x, canvas, m) &&
        (!along_x || ticks_apart(ticks, lo, hi, length, canvas, m)))
      break;
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
  return fitting_ticks(target, lo, hi, length, along_x, canvas, m,
                       [&](int t) { return labelled_nice_ticks(lo, hi, t); });
}

// A heatmap coordinate label: two significant digits, and every digit before the point
// ("1.2", "0.05", "123").
std::string coord_label(double v) {
  const double magnitude = std::abs(v);
  if (!(magnitude >= 1e-3 && magnitude < 1e5)) return significant(v, 2);
  return significant(v, std::max(2, 1 + static_cast<int>(std::floor(std::log10(magnitude)))));
}

// Cell coordinates that ticks can interpolate: finite, ascending, spanning a range.
bool ascending_coords(const std::vector<double>& coords) {
  return coords.size() >= 2 &&
         std::all_of(coords.begin(), coords.end(), [](double v) { return std::isfinite(v); }) &&
         std::is_sorted(coords.begin(), coords.end()) && coords.front() < coords.back();
}

// A heatmap axis of n cells of which the range [lo, hi] (cell coordinates: cell i spans i − 0.5
// to i + 0.5) is shown. With ascending coordinates: ticks at nice coordinate values, each at the
// fractional cell where it falls (ticks outside the coordinates' range are dropped). Otherwise
// ticks at the centres of the shown cells (every one when few, else nicely spaced ones), labelled
// by the cells' text labels when given, else by their coordinates when given.
std::vector<Tick> heatmap_ticks(long long n, double lo, double hi,
                                const std::vector<double>& coords,
                                const std::vector<std::string>& labels, double length, int target,
                                bool along_x, Canvas& canvas, const Metrics& m) {
  const bool by_label = static_cast<long long>(labels.size()) == n;
  const bool by_coord = static_cast<long long>(coords.size()) == n;
  if (!by_label && by_coord && ascending_coords(coords))
    return fitting_ticks(target, lo, hi, length, along_x, canvas, m, [&](int t) {
      std::vector<Tick> ticks;
      for (Tick& tick : labelled_nice_ticks(coords.front(), coords.back(), t))
        if (const auto cell = fractional_index(coords, tick.at))
          if (*cell >= lo && *cell <= hi) ticks.push_back({*cell, std::move(tick.label)});
      return ticks;
    });
  const long long first = std::clamp<long long>(static_cast<long long>(std::ceil(lo)), 0, n);
  const long long last = std::clamp<long long>(static_cast<long long>(std::floor(hi)), -1, n - 1);
  const long long shown = last - first + 1;
  if (shown <= 0) return {};
  // Every text label (a token) is worth showing: try them all first when there are few.
  if (by_label && shown <= 64) target = std::max(target, static_cast<int>(shown));
  return fitting_ticks(target, lo, hi, length, along_x, canvas, m, [&](int t) {
    std::vector<long long> at;
    if (shown <= t) {
      for (long long i = first; i <= last; ++i) at.push_back(i);
    } else {
      // Cells are whole: nice values rounded to a cell, each once.
      for (double v : nice_ticks(static_cast<double>(first), static_cast<double>(last), t)) {
        const long long i = std::clamp<long long>(std::llround(v), first, last);
        if (at.empty() || at.back() != i) at.push_back(i);
      }
    }
    // Thinned labels of a long sequence say where they are too: "50 home", since many of its
    // cells may hold "home". A short one keeps its tokens alone, the easier to fit.
    const bool thinned = static_cast<long long>(at.size()) < shown && n > 64;
    std::vector<Tick> ticks;
    for (long long i : at) {
      const auto k = static_cast<std::size_t>(i);
      std::string label = by_label && thinned ? std::to_string(i) + ' ' : std::string();
      label += by_label ? labels[k] : by_coord ? coord_label(coords[k]) : std::to_string(i);
      ticks.push_back({static_cast<double>(i), std::move(label)});
    }
    return ticks;
  });
}

// About one tick per `spacing` units, and at least 3 while labels fit.
int tick_target(double length, double spacing) {
  return std::max(3, static_cast<int>(std::lround(length / spacing)));
}

// Ticks of a value axis [lo, hi], about one per `spacing` units: its text labels at 0, 1, … as
// a heatmap's (tokens under bars) when it has them, else nice numbers.
std::vector<Tick> axis_ticks(const Axis& axis, double lo, double hi, double length, double spacing,
                             bool along_x, Canvas& canvas, const Metrics& m) {
  const int target = tick_target(length, spacing);
  if (axis.labels.empty()) return value_ticks(lo, hi, length, target, along_x, canvas, m);
  return heatmap_ticks(static_cast<long long>(axis.labels.size()), lo, hi, {}, axis.labels, length,
                       target, along_x, canvas, m);
}

// The words of `text` for wrapping: split at spaces, except that "w = 1" stays one word, so no
// line ends or starts at an equals sign.
std::vector<std::string> wrap_words(const std::string& text) {
  std::vector<std::string> words;
  bool glue = false;  // the word before was "=": this one joins it
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t end = std::min(text.find(' ', pos), text.size());
    const std::string word = text.substr(pos, end - pos);
    pos = end + 1;
    if (word.empty()) continue;
    if ((glue || word == "=") && !words.empty()) {
      words.back() += " " + word;
    } else {
      words.push_back(word);
    }
    glue = word == "=";
  }
  return words;
}

// Greedy word wrap to `width`; a word longer than a line gets a line of its own.
std::vector<std::string> wrap_text(const std::string& text, double width, double size,
                                   Canvas& canvas) {
  std::vector<std::string> lines;
  std::string current;
  for (const std::string& word : wrap_words(text)) {
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

// A text fitted to its room: its lines, their font size, and whether it had to be cut.
struct TextBlock {
  std::vector<std::string> lines;
  double size = 0;
  bool elided = false;
  bool empty() const { return lines.empty(); }
  double line_height() const { return 1.2 * size; }
  double height() const { return line_height() * static_cast<double>(lines.size()); }
};

// `text` cut at a character boundary and ended with an ellipsis, as long as it fits `width` at
// `size`. Where each UTF-8 character starts (not at a continuation byte 10xxxxxx) gives the
// prefixes that end on a whole character; a binary search finds the longest that fits (the
// width only grows with the prefix; a lone ellipsis is the floor).
std::string elide(const std::string& text, double width, double size, Canvas& canvas) {
  std::vector<std::size_t> starts{0};
  for (std::size_t i = 1; i < text.size(); ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) starts.push_back(i);
  const auto elided = [&](std::size_t chars) {
    std::string s = text.substr(0, starts[chars]);
    s.erase(s.find_last_not_of(' ') + 1);  // "(Gaussian,…", not "(Gaussian, …"
    return s + "\u2026";
  };
  std::size_t lo = 0, hi = starts.size() - 1;  // the whole text does not fit
  while (lo < hi) {
    const std::size_t mid = (lo + hi + 1) / 2;
    if (text_width(canvas, elided(mid), size) <= width) {
      lo = mid;
    } else {
      hi = mid - 1;
    }
  }
  return elided(lo);
}

// `text` fitted into `width`: one line at `size`, or shrunk to no less than 85 % of it; else
// wrapped into at most `max_lines` lines at the largest of 100, 90, 80 and 70 % of `size` that
// fits; else one line at 70 %, cut with an ellipsis.
TextBlock fit_text(const std::string& text, double size, double width, int max_lines,
                   Canvas& canvas) {
  if (text.empty()) return {};
  // A relative slack of 1e-9 lets a text shrunk to exactly `width` fit despite rounding.
  const auto fits = [&](const std::string& s, double at) {
    return text_width(canvas, s, at) <= width * (1 + 1e-9);
  };
  if (fits(text, size)) return {{text}, size};
  // Text width grows in proportion to the font size.
  const double shrunk = size * width / text_width(canvas, text, size);
  if (shrunk >= 0.85 * size && fits(text, shrunk)) return {{text}, shrunk};
  for (const double f : {1.0, 0.9, 0.8, 0.7}) {
    const double at = f * size;
    std::vector<std::string> lines = wrap_text(text, width, at, canvas);
    if (static_cast<int>(lines.size()) <= max_lines &&
        std::all_of(lines.begin(), lines.end(), [&](const std::string& l) { return fits(l, at); }))
      return {std::move(lines), at};
  }
  const double smallest = 0.7 * size;
  return {{elide(text, width, smallest, canvas)}, smallest, true};
}

// Horizontal lines of `block` from `top` down, each centred on `centre` where it fits in
// [x0, x1], else moved inwards just enough to stay inside.
void draw_lines(const TextBlock& block, double centre, double x0, double x1, double top,
                Canvas& canvas) {
  for (std::size_t i = 0; i < block.lines.size(); ++i) {
    const double half = text_width(canvas, block.lines[i], block.size) / 2;
    const double x = std::clamp(centre, x0 + half, std::max(x0 + half, x1 - half));
    canvas.text({x, top + block.line_height() * static_cast<double>(i)}, block.lines[i], block.size,
                palette::kText, Align::Center, Align::Start);
  }
}

// Vertical lines of `block` (reading upwards, the first line leftmost) from `left` on, each
// centred at height `centre` where it fits in [y0, y1], else moved inwards.
void draw_vertical_lines(const TextBlock& block, double left, double centre, double y0, double y1,
                         Canvas& canvas) {
  for (std::size_t i = 0; i < block.lines.size(); ++i) {
    const double half = text_width(canvas, block.lines[i], block.size) / 2;
    const double y = std::clamp(centre, y0 + half, std::max(y0 + half, y1 - half));
    canvas.text({left + block.line_height() * static_cast<double>(i), y}, block.lines[i],
                block.size, palette::kText, Align::Start, Align::Center, true);
  }
}

// Coordinates far outside the plot are clamped so that renderers never see infinities.
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
void draw_line(const Series& s, const PanelLayout& pl, Canvas& canvas) {
  std::vector<Vec2> run;
  const auto flush = [&] {
    if (run.size() >= 2) canvas.polyline(run, s.color, s.width, s.dash);
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

// Whether a marker series is drawn: always, unless max_markers caps the points within the x
// axis' limits.
bool markers_shown(const Series& s, const PanelLayout& pl) {
  if (s.max_markers == 0) return true;
  std::size_t in_view = 0;
  const std::size_t n = std::min(s.x.size(), s.y.size());
  for (std::size_t i = 0; i < n; ++i)
    if (s.x[i] >= pl.x_min && s.x[i] <= pl.x_max && std::isfinite(s.y[i])) ++in_view;
  return in_view <= s.max_markers;
}

// Marker i's alpha factor: 1 unless marker_alpha gives one.
double marker_alpha(const Series& s, std::size_t i) {
  return i < s.marker_alpha.size() ? s.marker_alpha[i] : 1.0;
}

// Marker i's radius (marker_scale, when given, multiplies it); 0 when the marker is not drawn:
// a coordinate is not finite, or its scale or alpha is not positive.
double marker_radius(const Series& s, std::size_t i) {
  if (!std::isfinite(s.x[i]) || !std::isfinite(s.y[i])) return 0.0;
  const double scale = i < s.marker_scale.size() ? s.marker_scale[i] : 1.0;
  if (!(scale > 0.0) || !(marker_alpha(s, i) > 0.0)) return 0.0;
  return s.marker_radius * scale;
}

// Filled circles; marker_alpha (when given) multiplies the colour's alpha.
void draw_markers(const Series& s, const PanelLayout& pl, Canvas& canvas) {
  if (!markers_shown(s, pl)) return;
  const std::size_t n = std::min(s.x.size(), s.y.size());
  for (std::size_t i = 0; i < n; ++i) {
    const double radius = marker_radius(s, i);
    if (!(radius > 0.0)) continue;
    canvas.fill_circle(clamp_pixel(pl.to_pixel(s.x[i], s.y[i]), pl.plot), radius,
                       with_alpha(s.color, marker_alpha(s, i)));
  }
}

// Bars from 0 to y, 0.7 units of x wide, each with its value (two significant digits) beyond its
// end, above a bar up and below a bar down, where the text is no wider than the bar.
void draw_bars(const Series& s, const PanelLayout& pl, Canvas& canvas, const Metrics& m) {
  const double font = 0.85 * m.tick_font;
  const std::size_t n = std::min(s.x.size(), s.y.size());
  for (std::size_t i = 0; i < n; ++i) {
    if (!std::isfinite(s.x[i]) || !std::isfinite(s.y[i])) continue;
    const Vec2 base = clamp_pixel(pl.to_pixel(s.x[i] - 0.35, 0.0), pl.plot);
    const Vec2 end = clamp_pixel(pl.to_pixel(s.x[i] + 0.35, s.y[i]), pl.plot);
    canvas.fill_rect({base.x, std::min(base.y, end.y), end.x, std::max(base.y, end.y)}, s.color);
    const std::string value = significant(s.y[i], 2);
    if (text_width(canvas, value, font) > end.x - base.x) continue;
    const bool up = s.y[i] >= 0.0;
    canvas.text({(base.x + end.x) / 2, end.y + (up ? -m.gap : m.gap)}, value, font, palette::kText,
                Align::Center, up ? Align::End : Align::Start);
  }
}

void draw_guide(const Guide& g, const PanelLayout& pl, Canvas& canvas, const Metrics& m) {
  if (!std::isfinite(g.at)) return;
  const Rect& p = pl.plot;
  if (g.vertical) {
    const double x = pl.to_pixel(g.at, pl.y_min).x;
    canvas.polyline({{x, p.y0}, {x, p.y1}}, g.color, 1.2, g.dash);
    if (!g.label.empty())
      canvas.text({x + m.gap, p.y0 + m.gap}, g.label, m.tick_font, g.color, Align::Start,
                  Align::Start);
  } else {
    const double y = pl.to_pixel(pl.x_min, g.at).y;
    canvas.polyline({{p.x0, y}, {p.x1, y}}, g.color, 1.2, g.dash);
    if (!g.label.empty())
      canvas.text({p.x1 - m.gap, y - m.gap}, g.label, m.tick_font, g.color, Align::End, Align::End);
  }
}

void draw_text_mark(const TextMark& t, const PanelLayout& pl, Canvas& canvas, const Metrics& m) {
  if (!std::isfinite(t.x) || !std::isfinite(t.y)) return;
  const Vec2 at = pl.to_pixel(t.x, t.y);
  const Vec2 size = canvas.measure_text(t.text, m.tick_font);
  const double top = t.above ? at.y - m.gap - size.y : at.y + m.gap;
  canvas.text({at.x, top}, t.text, m.tick_font, t.color, Align::Center, Align::Start);
  if (t.frame)
    canvas.stroke_rect({at.x - size.x / 2 - m.gap, top - m.gap / 2, at.x + size.x / 2 + m.gap,
                        top + size.y + m.gap / 2},
                       t.color, 1.5 * m.line);
}

// ---------------------------------------------------------------------------------------------
// The legend.

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
// and a long straight segment still counts. The same whatever the highlighted query: markers
// as large as a highlight can make them, no highlight series, no guides.
int legend_overlap(const Panel& panel, const PanelLayout& pl, const Rect& box) {
  int overlap = 0;
  for (const Series& s : panel.series) {
    if (s.highlight) continue;
    const bool line = s.kind == Series::Kind::Line;
    if (!line && !markers_shown(s, pl)) continue;
    const double r = s.marker_radius * std::max(s.max_marker_scale, 1.0);
    const Rect grown{box.x0 - r, box.y0 - r, box.x1 + r, box.y1 + r};
    const std::size_t n = std::min(s.x.size(), s.y.size());
    std::optional<Vec2> previous;  // the line's last finite point; a gap resets it
    for (std::size_t i = 0; i < n; ++i) {
      if (!std::isfinite(s.x[i]) || !std::isfinite(s.y[i])) {
        previous.reset();
        continue;
      }
      const Vec2 p = clamp_pixel(pl.to_pixel(s.x[i], s.y[i]), pl.plot);
      if (line) {
        if (previous && segment_meets_rect(*previous, p, box)) ++overlap;
        previous = p;
      } else if (grown.contains(p)) {
        ++overlap;
      }
    }
  }
  return overlap;
}

// The legend's sizes at `k` times its normal font: it shrinks, down to 70 % (and kMinFont),
// before it hides data or squeezes the plot too much.
constexpr std::array<double, 3> kLegendScales = {1.0, 0.85, 0.7};

struct LegendStyle {
  double font, row, gap, swatch, column_gap;
};

LegendStyle legend_style(const Metrics& m, double k) {
  k = std::min(1.0, std::max(k, kMinFont / m.legend_font));
  const double font = m.legend_font * k;
  return {font, m.legend_row * k, m.legend_gap * k, 2.2 * font, 3 * m.legend_gap * k};
}

// A legend: one row per labelled series, a swatch of its line or marker and its label, in
// columns filled top to bottom; `box` is where it goes.
struct LegendPlan {
  LegendStyle style{};
  std::vector<const Series*> entries;
  std::vector<double> label_widths;  // the widest label of each column
  std::size_t rows = 0;
  Rect box;  // at the origin until placed
  void move_to(Vec2 top_left) {
    box = {top_left.x, top_left.y, top_left.x + box.width(), top_left.y + box.height()};
  }
};

std::vector<const Series*> legend_entries(const Panel& panel) {
  std::vector<const Series*> entries;
  for (const Series& s : panel.series)
    if (!s.label.empty() && s.kind != Series::Kind::Bars) entries.push_back(&s);
  return entries;
}

// The entries in about `columns` columns (fewer when the last ones would be empty).
LegendPlan arrange_legend(const std::vector<const Series*>& entries, const LegendStyle& style,
                          std::size_t columns, Canvas& canvas) {
  LegendPlan l;
  l.style = style;
  l.entries = entries;
  const std::size_t n = entries.size();
  const std::size_t wanted = std::clamp<std::size_t>(columns, 1, std::max<std::size_t>(n, 1));
  l.rows = (n + wanted - 1) / wanted;
  double width = 4 * style.gap - style.column_gap;
  for (std::size_t first = 0; first < n; first += l.rows) {
    double w = 0.0;
    for (std::size_t i = first; i < std::min(n, first + l.rows); ++i)
      w = std::max(w, text_width(canvas, entries[i]->label, style.font));
    l.label_widths.push_back(w);
    width += style.swatch + style.gap + w + style.column_gap;
  }
  l.box = {0, 0, width, 2 * style.gap + style.row * static_cast<double>(l.rows)};
  return l;
}

// A white, slightly transparent box with the entries.
void draw_legend(const LegendPlan& l, Canvas& canvas, const Metrics& m) {
  const LegendStyle& st = l.style;
  canvas.fill_rect(l.box, palette::kLegendBox);
  canvas.stroke_rect(l.box, palette::kLegendEdge, m.line);
  double sx = l.box.x0 + 2 * st.gap;
  for (std::size_t c = 0; c < l.label_widths.size(); ++c) {
    for (std::size_t r = 0; r < l.rows && c * l.rows + r < l.entries.size(); ++r) {
      const Series& s = *l.entries[c * l.rows + r];
      const double cy = l.box.y0 + st.gap + st.row * (static_cast<double>(r) + 0.5);
      if (s.kind == Series::Kind::Line) {
        canvas.polyline({{sx, cy}, {sx + st.swatch, cy}}, s.color, s.width, s.dash);
      } else {
        canvas.fill_circle({sx + st.swatch / 2, cy}, s.marker_radius, s.color);
      }
      canvas.text({sx + st.swatch + st.gap, cy}, s.label, st.font, palette::kText, Align::Start,
                  Align::Center);
    }
    sx += st.swatch + st.gap + l.label_widths[c] + st.column_gap;
  }
}

// A place inside the plot: 0 at the left or top edge, 1 at the right or bottom, 0.5 centred.
struct Anchor {
  double fx, fy;
};

// The inside places auto tries, the first free one winning: the corners, as matplotlib's
// loc='best', then the middles of the edges.
constexpr std::array<Anchor, 8> kAutoAnchors = {
    {{0, 0}, {1, 0}, {0, 1}, {1, 1}, {0.5, 0}, {0.5, 1}, {0, 0.5}, {1, 0.5}}};

std::optional<Anchor> corner(LegendPlacement where) {
  switch (where) {
    case LegendPlacement::UpperLeft:
      return Anchor{0, 0};
    case LegendPlacement::UpperRight:
      return Anchor{1, 0};
    case LegendPlacement::LowerLeft:
      return Anchor{0, 1};
    case LegendPlacement::LowerRight:
      return Anchor{1, 1};
    default:
      return std::nullopt;
  }
}

// The legend's box at `anchor` inside `plot`, `inset` in from its edges; none when it is too
// large for the plot.
std::optional<Rect> inside_box(const Rect& plot, Vec2 size, double inset, Anchor anchor) {
  const double room_x = plot.width() - 2 * inset - size.x;
  const double room_y = plot.height() - 2 * inset - size.y;
  if (room_x < 0 || room_y < 0) return std::nullopt;
  const double x = plot.x0 + inset + anchor.fx * room_x, y = plot.y0 + inset + anchor.fy * room_y;
  return Rect{x, y, x + size.x, y + size.y};
}

// ---------------------------------------------------------------------------------------------
// Panels.

// Room kept outside the axes for a legend: at the right of the panel or at its bottom, above
// the note.
struct Reserve {
  double right = 0, below = 0;
};

// Everything about one panel that depends on where it goes.
struct PanelGeometry {
  PanelLayout layout;
  std::vector<Tick> x_ticks, y_ticks, bar_ticks;
  TextBlock x_label, y_label, bar_label;
  Rect box;                // the panel's cell minus padding
  double side_top = 0;     // the room beside the plot for vertical labels: from under the title
  double side_bottom = 0;  // to the x label
  double note_top = 0;     // where the note's first line starts
  // The plot had to be given more room than there was, or its tick labels do not fit.
  bool squeezed = false;
};

PanelGeometry place_panel(const Panel& panel, const Rect& cell, double title_h, double note_h,
                          Reserve reserve, Canvas& canvas, const Metrics& m) {
  PanelGeometry g;
  PanelLayout& pl = g.layout;
  g.box = Rect{cell.x0 + m.pad, cell.y0 + m.pad, cell.x1 - m.pad, cell.y1 - m.pad};
  g.note_top = g.box.y1 - note_h;
  g.side_top = g.box.y0 + title_h;

  // Limits: heatmaps count cells, row 0 at the top; other panels take the axes' limits.
  const Heatmap* hm = panel.heatmap && panel.heatmap->values ? &*panel.heatmap : nullptr;
  const long long rows = hm ? std::max<long long>(hm->values->rows(), 1) : 0;
  const long long cols = hm ? std::max<long long>(hm->values->cols(), 1) : 0;
  pl.heatmap = hm != nullptr;
  if (hm && hm->window) {
    pl.x_min = hm->window->col_min, pl.x_max = hm->window->col_max;
    pl.y_min = hm->window->row_min, pl.y_max = hm->window->row_max;
    sanitize_limits(pl.x_min, pl.x_max);
    sanitize_limits(pl.y_min, pl.y_max);
  } else if (hm) {
    pl.x_min = -0.5, pl.x_max = static_cast<double>(cols) - 0.5;
    pl.y_min = -0.5, pl.y_max = static_cast<double>(rows) - 0.5;
  } else {
    pl.x_min = panel.x.min, pl.x_max = panel.x.max, pl.y_min = panel.y.min, pl.y_max = panel.y.max;
    sanitize_limits(pl.x_min, pl.x_max);
    sanitize_limits(pl.y_min, pl.y_max);
  }

  // Axis labels fit the panel: the x label its width (under everything else), vertical ones
  // the height beside the plot and its x tick labels.
  g.x_label = fit_text(panel.x.label, m.label_font, g.box.width(), 2, canvas);
  g.side_bottom =
      g.note_top - reserve.below - (g.x_label.empty() ? 0.0 : m.gap + g.x_label.height());
  const double side = g.side_bottom - g.side_top;
  g.y_label = fit_text(panel.y.label, m.label_font, side, 2, canvas);

  // Vertical: title above; x tick labels, x label, a legend below and the note under the plot;
  // half a label of room on top for the highest y tick label.
  Rect& plot = pl.plot;
  plot.y0 = g.side_top + m.tick_font * 0.5;
  plot.y1 = g.side_bottom - m.tick_len - m.gap - m.tick_font;
  g.squeezed = plot.y1 < plot.y0 + 10;
  plot.y1 = std::max(plot.y1, plot.y0 + 10);

  // Y ticks and colorbar ticks depend only on the plot's height; their labels' widths then fix
  // the plot's left and right edges.
  g.y_ticks = hm ? heatmap_ticks(rows, pl.y_min, pl.y_max, hm->row_coords, hm->row_labels,
                                 plot.height(), tick_target(plot.height(), 40), false, canvas, m)
                 : axis_ticks(panel.y, pl.y_min, pl.y_max, plot.height(), 50, false, canvas, m);
  double y_label_w = 0.0;
  for (const Tick& t : g.y_ticks)
    y_label_w = std::max(y_label_w, text_width(canvas, t.label, m.tick_font));
  plot.x0 = g.box.x0 + (g.y_label.empty() ? 0.0 : g.y_label.height() + m.gap) + y_label_w + m.gap +
            m.tick_len;

  double right = m.tick_font * 1.5;  // room for the last x tick label
  if (hm && panel.colorbar) {
    const double lo = hm->vmin, hi = hm->vmax;
    g.bar_ticks = hi > lo ? value_ticks(lo, hi, plot.height(), tick_target(plot.height(), 50),
                                        false, canvas, m)
                          : std::vector<Tick>{{lo, tick_label(lo, 0.0)}};
    double bar_label_w = 0.0;
    for (const Tick& t : g.bar_ticks)
      bar_label_w = std::max(bar_label_w, text_width(canvas, t.label, m.tick_font));
    g.bar_label = fit_text(hm->value_label, m.label_font, side, 1, canvas);
    right = 3 * m.gap + m.strip + m.tick_len + m.gap + bar_label_w +
            (g.bar_label.empty() ? 0.0 : m.gap + g.bar_label.height());
  }
  g.squeezed = g.squeezed || g.box.x1 - right - reserve.right < plot.x0 + 10;
  plot.x1 = std::max(g.box.x1 - right - reserve.right, plot.x0 + 10);
  if (hm && panel.colorbar) {
    pl.colorbar = Rect{plot.x1 + 3 * m.gap, plot.y0, plot.x1 + 3 * m.gap + m.strip, plot.y1};
  }

  if (panel.equal_aspect && !hm) {
    const double per_x = plot.width() / (pl.x_max - pl.x_min);
    const double per_y = plot.height() / (pl.y_max - pl.y_min);
    const auto widen = [](double& lo, double& hi, double span) {
      const double mid = (lo + hi) / 2;
      lo = mid - span / 2, hi = mid + span / 2;
    };
    if (per_x > per_y) {
      widen(pl.x_min, pl.x_max, plot.width() / per_y);
    } else {
      widen(pl.y_min, pl.y_max, plot.height() / per_x);
      g.y_ticks = axis_ticks(panel.y, pl.y_min, pl.y_max, plot.height(), 50, false, canvas, m);
    }
  }
  g.x_ticks = hm ? heatmap_ticks(cols, pl.x_min, pl.x_max, hm->col_coords, hm->col_labels,
                                 plot.width(), tick_target(plot.width(), 60), true, canvas, m)
                 : axis_ticks(panel.x, pl.x_min, pl.x_max, plot.width(), 70, true, canvas, m);
  g.squeezed = g.squeezed || !ticks_fit(g.x_ticks, plot.width(), true, canvas, m) ||
               !ticks_fit(g.y_ticks, plot.height(), false, canvas, m) ||
               !ticks_fit(g.bar_ticks, plot.height(), false, canvas, m);
  return g;
}

// A plot keeps at least this share of its panel's cell, in width and in height; less, and the
// layout is cramped (an outside legend is refused, the figure's fonts shrink).
constexpr double kMinPlotShare = 0.45;

bool roomy(const PanelGeometry& g, const Rect& cell) {
  return g.layout.plot.width() >= kMinPlotShare * cell.width() &&
         g.layout.plot.height() >= kMinPlotShare * cell.height();
}

struct PanelPlan {
  PanelGeometry geometry;
  std::optional<LegendPlan> legend;
  // Something does not fit: a text cut, tick labels over each other, the legend out of the
  // panel. Smaller fonts are needed.
  bool overflows = false;
  // Overflows, or the plot is smaller than its share or the legend had to settle; smaller
  // fonts would look better.
  bool cramped = false;
};

// The panel laid out again around a legend outside the axes: below (as many columns as fit the
// panel's width, centred under the plot, above the note) or at the right (one column, level
// with the plot's top).
PanelPlan outside_legend(const Panel& panel, const std::vector<const Series*>& entries,
                         const LegendStyle& style, bool below, const Rect& cell, double title_h,
                         double note_h, Canvas& canvas, const Metrics& m) {
  PanelPlan plan;
  const double box_width = cell.width() - 2 * m.pad;
  LegendPlan l = arrange_legend(entries, style, 1, canvas);
  for (std::size_t columns = below ? entries.size() : 1; columns > 1; --columns) {
    LegendPlan wide = arrange_legend(entries, style, columns, canvas);
    if (wide.box.width() <= box_width) {
      l = std::move(wide);
      break;
    }
  }
  const Reserve reserve =
      below ? Reserve{0, l.box.height() + m.gap} : Reserve{l.box.width() + m.gap, 0};
  plan.geometry = place_panel(panel, cell, title_h, note_h, reserve, canvas, m);
  const PanelGeometry& g = plan.geometry;
  const Rect& p = g.layout.plot;
  if (below) {
    const double w = l.box.width();
    l.move_to({std::clamp((p.x0 + p.x1 - w) / 2, g.box.x0, std::max(g.box.x0, g.box.x1 - w)),
               g.note_top - l.box.height()});
  } else {
    l.move_to({g.box.x1 - l.box.width(), p.y0});
  }
  // Beside the plot the legend may not reach down into the x axis' labels.
  plan.cramped = !roomy(g, cell) || (!below && l.box.y1 > p.y1);
  plan.legend = std::move(l);
  return plan;
}

double plot_area(const PanelPlan& plan) {
  return plan.geometry.layout.plot.width() * plan.geometry.layout.plot.height();
}

// Where the legend goes. A corner: there, shrunk until it fits inside. Outside: there, shrunk
// until the plot keeps its share. Auto: at each legend size from the largest, an inside place
// that hides no data, else the outside place (below or right) that leaves the larger plot;
// failing all, outside at the smallest size: the plot gets small, but no data is hidden.
PanelPlan plan_legend(PanelPlan plan, const Panel& panel, const Rect& cell, double title_h,
                      double note_h, Canvas& canvas, const Metrics& m) {
  const std::vector<const Series*> entries = legend_entries(panel);
  const PanelLayout& full = plan.geometry.layout;  // the plot with no legend outside it
  const auto inside = [&](double k, Anchor anchor) -> std::optional<LegendPlan> {
    LegendPlan l = arrange_legend(entries, legend_style(m, k), 1, canvas);
    const auto box = inside_box(full.plot, {l.box.width(), l.box.height()}, m.legend_inset, anchor);
    if (!box) return std::nullopt;
    l.box = *box;
    return l;
  };
  const auto outside = [&](double k, bool below) {
    return outside_legend(panel, entries, legend_style(m, k), below, cell, title_h, note_h, canvas,
                          m);
  };
  const double smallest = kLegendScales.back();

  if (const auto anchor = corner(panel.legend)) {
    for (const double k : kLegendScales)
      if (auto l = inside(k, *anchor)) {
        plan.legend = std::move(l);
        return plan;
      }
    // Too large for the plot even at its smallest: in that corner of the panel.
    LegendPlan l = arrange_legend(entries, legend_style(m, smallest), 1, canvas);
    const Rect& b = plan.geometry.box;
    l.move_to({anchor->fx == 0 ? b.x0 : b.x1 - l.box.width(),
               anchor->fy == 0 ? b.y0 : b.y1 - l.box.height()});
    plan.legend = std::move(l);
    plan.cramped = true;
    return plan;
  }
  if (panel.legend == LegendPlacement::OutsideRight || panel.legend == LegendPlacement::Below) {
    PanelPlan placed;
    for (const double k : kLegendScales) {
      placed = outside(k, panel.legend == LegendPlacement::Below);
      if (!placed.cramped) break;
    }
    return placed;
  }

  PanelPlan fallback;
  for (const double k : kLegendScales) {
    for (const Anchor& anchor : kAutoAnchors)
      if (auto l = inside(k, anchor); l && legend_overlap(panel, full, l->box) == 0) {
        plan.legend = std::move(l);
        return plan;
      }
    PanelPlan below = outside(k, true), right = outside(k, false);
    // The right when it leaves the larger plot and the legend fits beside it.
    const bool prefer_right = right.legend->box.y1 <= right.geometry.layout.plot.y1 &&
                              plot_area(right) > plot_area(below);
    PanelPlan& chosen = prefer_right ? right : below;
    PanelPlan& other = prefer_right ? below : right;
    if (!chosen.cramped) return std::move(chosen);
    if (!other.cramped) return std::move(other);
    fallback = std::move(chosen);
  }
  return fallback;
}

PanelPlan plan_panel(const Panel& panel, const Rect& cell, double title_h, double note_h,
                     Canvas& canvas, const Metrics& m) {
  PanelPlan plan;
  plan.geometry = place_panel(panel, cell, title_h, note_h, {}, canvas, m);
  if (panel.legend != LegendPlacement::None && !legend_entries(panel).empty())
    plan = plan_legend(std::move(plan), panel, cell, title_h, note_h, canvas, m);
  const PanelGeometry& g = plan.geometry;
  const Rect& b = g.box;
  plan.overflows = g.squeezed || g.x_label.elided || g.y_label.elided || g.bar_label.elided ||
                   (plan.legend && (plan.legend->box.x0 < b.x0 || plan.legend->box.x1 > b.x1 ||
                                    plan.legend->box.y0 < b.y0 || plan.legend->box.y1 > b.y1));
  plan.cramped = plan.cramped || plan.overflows || !roomy(g, cell);
  return plan;
}

void draw_axes(const PanelGeometry& g, Canvas& canvas, const Metrics& m) {
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
  draw_lines(g.x_label, (p.x0 + p.x1) / 2, g.box.x0, g.box.x1,
             p.y1 + m.tick_len + m.gap + m.tick_font + m.gap, canvas);
  draw_vertical_lines(g.y_label, g.box.x0, (p.y0 + p.y1) / 2, g.side_top, g.side_bottom, canvas);
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
  draw_vertical_lines(g.bar_label, bar.x1 + m.tick_len + m.gap + label_w + m.gap,
                      (bar.y0 + bar.y1) / 2, g.side_top, g.side_bottom, canvas);
}

// ---------------------------------------------------------------------------------------------
// The figure.

// The whole figure planned at one font size.
struct FigurePlan {
  FigurePlan(double font_size, bool draw_notes) : m(font_size), with_notes(draw_notes) {}
  Metrics m;
  bool with_notes;  // the panels' notes are drawn (else left out: see choose_plan)
  TextBlock title;
  std::vector<TextBlock> panel_titles;
  std::vector<std::vector<std::string>> notes;
  std::vector<PanelPlan> panels;
  bool overflows = false, cramped = false;  // any panel's (see PanelPlan), or a title cut
};

// The panels of `figure` in a rows x cols grid of columns `widths` wide, below the figure title.
// Every panel reserves the same title height, and the panels of a grid row the same note height,
// so that shared axes line up.
void plan_grid(FigurePlan& plan, const Figure& figure, Canvas& canvas, const Rect& content,
               const std::vector<double>& widths, int rows) {
  const Metrics& m = plan.m;
  const int n = static_cast<int>(figure.panels.size());
  const int cols = static_cast<int>(widths.size());
  const double cell_h = content.height() / rows;
  std::vector<double> left(widths.size(), content.x0);
  for (std::size_t c = 1; c < widths.size(); ++c) left[c] = left[c - 1] + widths[c - 1];
  const auto column = [&](int i) { return static_cast<std::size_t>(i % cols); };

  plan.panel_titles.clear();
  plan.notes.clear();
  plan.panels.clear();
  double title_h = 0.0;
  std::vector<double> note_h(static_cast<std::size_t>(rows), 0.0);
  for (int i = 0; i < n; ++i) {
    const Panel& panel = figure.panels[static_cast<std::size_t>(i)];
    const auto row = static_cast<std::size_t>(i / cols);
    const double width = widths[column(i)];
    plan.notes.push_back(plan.with_notes
                             ? wrap_text(panel.note, width - 2 * m.pad, m.tick_font, canvas)
                             : std::vector<std::string>{});
    note_h[row] =
        std::max(note_h[row], m.note_line() * static_cast<double>(plan.notes.back().size()));
    plan.panel_titles.push_back(fit_text(panel.title, m.title_font, width - 2 * m.pad, 2, canvas));
    const TextBlock& title = plan.panel_titles.back();
    if (!title.empty()) title_h = std::max(title_h, title.height() + 0.2 * m.title_font);
    plan.overflows = plan.overflows || title.elided;
  }

  for (int i = 0; i < n; ++i) {
    const auto row = static_cast<std::size_t>(i / cols);
    const double x0 = left[column(i)], y0 = content.y0 + static_cast<double>(row) * cell_h;
    const Rect cell{x0, y0, x0 + widths[column(i)], y0 + cell_h};
    const double reserved_note = note_h[row] > 0.0 ? note_h[row] + m.gap : 0.0;
    plan.panels.push_back(plan_panel(figure.panels[static_cast<std::size_t>(i)], cell, title_h,
                                     reserved_note, canvas, m));
    plan.overflows = plan.overflows || plan.panels.back().overflows;
    plan.cramped = plan.cramped || plan.panels.back().cramped;
  }
}

// The panels fill a grid below the figure title. Its columns start equal; when their panels'
// decorations differ (the first column's axis label, the last one's colorbar), the columns are
// widened and narrowed by those differences so that every column's plots come out equally wide,
// as a grid of heatmaps with one colorbar at its right should.
FigurePlan plan_figure(const Figure& figure, Canvas& canvas, const Rect& area, double font_size,
                       bool with_notes) {
  FigurePlan plan(font_size, with_notes);
  const Metrics& m = plan.m;
  Rect content = area;
  if (!figure.title.empty()) {
    plan.title = fit_text(figure.title, m.title_font, area.width() - 2 * m.pad, 2, canvas);
    content.y0 += m.pad + plan.title.height() + 0.2 * m.title_font;
  }

  const int n = static_cast<int>(figure.panels.size());
  const int cols = std::max(figure.cols, 1);
  const int rows = std::max({figure.rows, 1, (n + cols - 1) / cols});
  std::vector<double> widths(static_cast<std::size_t>(cols), content.width() / cols);
  plan_grid(plan, figure, canvas, content, widths, rows);
  if (cols > 1 && n > 1) {
    // Each column's decorations: its cell's width less its narrowest plot.
    std::vector<double> decoration(widths.size(), 0.0);
    for (int i = 0; i < n; ++i) {
      const auto c = static_cast<std::size_t>(i % cols);
      const double plot = plan.panels[static_cast<std::size_t>(i)].geometry.layout.plot.width();
      decoration[c] = std::max(decoration[c], widths[c] - plot);
    }
    double total = 0.0;
    for (double d : decoration) total += d;
    const double plot = (content.width() - total) / cols;
    bool uneven = false;
    for (std::size_t c = 0; c < widths.size(); ++c)
      uneven = uneven || std::abs(plot + decoration[c] - widths[c]) > 0.5;
    if (plot > 0 && uneven) {
      for (std::size_t c = 0; c < widths.size(); ++c) widths[c] = plot + decoration[c];
      plan.overflows = plan.cramped = false;
      plan_grid(plan, figure, canvas, content, widths, rows);
    }
  }
  plan.overflows = plan.overflows || plan.title.elided;
  plan.cramped = plan.cramped || plan.overflows;
  return plan;
}

PanelLayout draw_panel(const Panel& panel, const PanelPlan& plan, const TextBlock& title,
                       const std::vector<std::string>& note_lines, ScaledCanvas& canvas,
                       const Metrics& m) {
  const PanelGeometry& g = plan.geometry;
  const PanelLayout& pl = g.layout;
  // The title may use the panel's whole width; it is centred over the plot where it fits.
  draw_lines(title, (pl.plot.x0 + pl.plot.x1) / 2, g.box.x0, g.box.x1, g.box.y0, canvas);
  if (panel.grid && !pl.heatmap) draw_grid(g, canvas, m);

  PanelLayout device = pl;
  device.plot = canvas.to_device(pl.plot);
  if (pl.heatmap && panel.colorbar) device.colorbar = canvas.to_device(pl.colorbar);
  if (plan.legend) device.legend = canvas.to_device(plan.legend->box);
  // Heatmap cells are computed in pixels: a large matrix is averaged to the pixels it covers.
  if (pl.heatmap) draw_heatmap(*panel.heatmap, device, canvas.device(), canvas.scale());

  canvas.push_clip(pl.plot);
  for (const Series& s : panel.series) {
    if (s.kind == Series::Kind::Line) {
      draw_line(s, pl, canvas);
    } else if (s.kind == Series::Kind::Bars) {
      draw_bars(s, pl, canvas, m);
    } else {
      draw_markers(s, pl, canvas);
    }
  }
  for (const Guide& guide : panel.guides) draw_guide(guide, pl, canvas, m);
  for (const TextMark& t : panel.texts) draw_text_mark(t, pl, canvas, m);
  canvas.pop_clip();

  draw_axes(g, canvas, m);
  if (plan.legend) draw_legend(*plan.legend, canvas, m);
  if (pl.heatmap && panel.colorbar) draw_colorbar(*panel.heatmap, g, canvas, m);
  for (std::size_t i = 0; i < note_lines.size(); ++i)
    canvas.text({g.box.x0, g.note_top + m.note_line() * static_cast<double>(i) + m.gap},
                note_lines[i], m.tick_font, palette::kNoteText, Align::Start, Align::Start);
  return device;
}

// Font sizes tried, as fractions of the style's: down to kLeastComfortableScale for a plan
// that is not cramped, further (never below kMinFont logical units) for one that fits at all.
constexpr std::array<double, 9> kTextScales = {1.0, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2};
constexpr double kLeastComfortableScale = 0.6;

// The plan at the largest font that is not cramped, down to kLeastComfortableScale; else at the
// largest font that fits; else at the smallest font.
FigurePlan plan_at_best_font(const Figure& figure, Canvas& canvas, const Rect& bounds,
                             double font_size, bool with_notes) {
  std::optional<FigurePlan> fitting;
  for (std::size_t i = 0; i < kTextScales.size(); ++i) {
    const double t = kTextScales[i];
    if (t < kLeastComfortableScale && fitting) break;
    FigurePlan plan = plan_figure(figure, canvas, bounds, t * font_size, with_notes);
    if (t >= kLeastComfortableScale && !plan.cramped) return plan;
    const bool last = i + 1 == kTextScales.size() || kTextScales[i + 1] * font_size < kMinFont;
    if (!fitting && !plan.overflows) {
      fitting = std::move(plan);
    } else if (last && !fitting) {
      return plan;
    }
    if (last) break;
  }
  return std::move(*fitting);
}

// A figure that does not fit even at the smallest font leaves out its panels' notes, the text
// that matters least, rather than draw text over text.
FigurePlan choose_plan(const Figure& figure, Canvas& canvas, const Rect& bounds, double font_size) {
  FigurePlan plan = plan_at_best_font(figure, canvas, bounds, font_size, true);
  if (!plan.overflows) return plan;
  return plan_at_best_font(figure, canvas, bounds, font_size, false);
}

}  // namespace

FigureLayout draw_figure(const Figure& figure, Canvas& canvas, const Rect& area,
                         const Style& style) {
  const double scale = style.scale > 0.0 && std::isfinite(style.scale) ? style.scale : 1.0;
  ScaledCanvas logical(canvas, {area.x0, area.y0}, scale,
                       style.stroke > 0.0 && std::isfinite(style.stroke) ? style.stroke : 1.0,
                       style.contrast);
  const Rect bounds{0, 0, area.width() / scale, area.height() / scale};
  const FigurePlan plan = choose_plan(figure, logical, bounds, style.font_size);
  const Metrics& m = plan.m;

  logical.fill_rect(bounds, palette::kBackground);
  draw_lines(plan.title, bounds.width() / 2, m.pad, bounds.x1 - m.pad, m.pad, logical);
  FigureLayout layout;
  for (std::size_t i = 0; i < figure.panels.size(); ++i)
    layout.panels.push_back(draw_panel(figure.panels[i], plan.panels[i], plan.panel_titles[i],
                                       plan.notes[i], logical, m));
  return layout;
}

}  // namespace al::fig
