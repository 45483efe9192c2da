// Heatmap cells and the colorbar strip, as rectangles or images on a Canvas.
#include "heatmap_render.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>

#include "colormap.hpp"
#include "palette.hpp"

namespace al::fig {
namespace {

bool row_undefined(const Heatmap& heatmap, long long row) {
  return row < static_cast<long long>(heatmap.undefined_rows.size()) &&
         heatmap.undefined_rows[static_cast<std::size_t>(row)];
}

// A cell that has no weight to colour: its row is undefined or causal masking or a valid length
// hides it.
bool cell_hidden(const Heatmap& heatmap, long long row, long long col) {
  return row_undefined(heatmap, row) || (heatmap.causal && col > row) ||
         (heatmap.valid_cols && col >= *heatmap.valid_cols);
}

void put_pixel(Image& image, int x, int y, Color c) {
  const auto byte = [](float v) {
    return static_cast<std::uint8_t>(std::lround(std::clamp(v, 0.0f, 1.0f) * 255.0f));
  };
  std::uint8_t* p = &image.rgba[(static_cast<std::size_t>(y) * image.width + x) * 4];
  p[0] = byte(c.r);
  p[1] = byte(c.g);
  p[2] = byte(c.b);
  p[3] = byte(c.a);
}

Image blank_image(int width, int height) {
  Image image;
  image.width = width;
  image.height = height;
  image.rgba.assign(static_cast<std::size_t>(width) * height * 4, 0);
  return image;
}

// The pixel rectangle of cells [c0, c1) x [r0, r1).
Rect cell_rect(const PanelLayout& layout, double c0, double c1, double r0, double r1) {
  const Vec2 a = layout.to_pixel(c0 - 0.5, r0 - 0.5), b = layout.to_pixel(c1 - 0.5, r1 - 0.5);
  return Rect{std::min(a.x, b.x), std::min(a.y, b.y), std::max(a.x, b.x), std::max(a.y, b.y)};
}

}  // namespace

// t = (v - vmin) / (vmax - vmin), clamped by the colormap.
Color heatmap_color(const Heatmap& heatmap, double value) {
  if (!std::isfinite(value)) return palette::kUndefinedCell;
  const double span = heatmap.vmax - heatmap.vmin;
  const double t = span > 0.0 ? (value - heatmap.vmin) / span : 0.0;
  return colormap_color(heatmap.colormap, t);
}

// Pixel (px, py) covers columns [px * cols / width, (px + 1) * cols / width) and the same for
// rows; its value is the mean over the block's shown cells (grey when it has none).
Image heatmap_image(const Heatmap& heatmap, int width, int height) {
  const WeightMatrix& m = *heatmap.values;
  const long long rows = m.rows(), cols = m.cols();
  Image image = blank_image(width, height);
  for (int py = 0; py < height; ++py) {
    const long long r0 = py * rows / height, r1 = std::max(r0 + 1, (py + 1) * rows / height);
    for (int px = 0; px < width; ++px) {
      const long long c0 = px * cols / width, c1 = std::max(c0 + 1, (px + 1) * cols / width);
      double sum = 0.0;
      long long count = 0;
      for (long long r = r0; r < r1; ++r)
        for (long long c = c0; c < c1; ++c)
          if (!cell_hidden(heatmap, r, c)) {
            sum += m(r, c);
            ++count;
          }
      const double mean = count > 0 ? sum / static_cast<double>(count) : std::nan("");
      put_pixel(image, px, py, heatmap_color(heatmap, mean));
    }
  }
  image.key = hash_bytes(image.rgba) ^ (static_cast<std::uint64_t>(width) << 32 | height);
  return image;
}

void draw_heatmap(const Heatmap& heatmap, const PanelLayout& layout, Canvas& canvas, double scale) {
  if (!heatmap.values || heatmap.values->size() == 0) return;
  const WeightMatrix& m = *heatmap.values;
  const long long rows = m.rows(), cols = m.cols();
  canvas.push_clip(layout.plot);
  if (rows * cols <= kMaxVectorCells) {
    // Each cell reaches half a pixel into its right and lower neighbours, which are drawn after
    // it and cover the overlap: viewers that antialias shared edges show no hairline seams.
    const double overlap = 0.5 * scale;
    for (long long r = 0; r < rows; ++r)
      for (long long c = 0; c < cols; ++c) {
        const double v = cell_hidden(heatmap, r, c) ? std::nan("") : m(r, c);
        Rect cell = cell_rect(layout, c, c + 1, r, r + 1);
        if (c + 1 < cols) cell.x1 += overlap;
        if (r + 1 < rows) cell.y1 += overlap;
        canvas.fill_rect(cell, heatmap_color(heatmap, v));
      }
  } else {
    const Rect dst = cell_rect(layout, 0, cols, 0, rows);
    const auto fit = [](long long cells, double pixels) {
      return static_cast<int>(std::clamp<double>(std::floor(pixels), 1.0, cells));
    };
    const int width = fit(cols, dst.width()), height = fit(rows, dst.height());
    if (heatmap.revision == 0) {
      canvas.image(heatmap_image(heatmap, width, height), dst);
    } else {
      // Everything the pixels depend on besides the values, which the revision names.
      const std::uint64_t parts[] = {heatmap.revision,
                                     reinterpret_cast<std::uintptr_t>(heatmap.values.get()),
                                     static_cast<std::uint64_t>(width),
                                     static_cast<std::uint64_t>(height),
                                     static_cast<std::uint64_t>(heatmap.colormap),
                                     std::bit_cast<std::uint64_t>(heatmap.vmin),
                                     std::bit_cast<std::uint64_t>(heatmap.vmax),
                                     static_cast<std::uint64_t>(heatmap.causal),
                                     static_cast<std::uint64_t>(heatmap.valid_cols.value_or(-1))};
      const std::uint64_t key =
          hash_bytes({reinterpret_cast<const std::uint8_t*>(parts), sizeof parts});
      if (!canvas.reuse_image(key, dst)) {
        Image image = heatmap_image(heatmap, width, height);
        image.key = key;
        canvas.image(image, dst);
      }
    }
  }
  canvas.pop_clip();

  // Outlines clipped to the plot and their own width around it: a zoomed heatmap's rows and
  // columns reach beyond the plot.
  const double w = 2.0 * scale;
  const Rect& p = layout.plot;
  canvas.push_clip(Rect{p.x0 - w, p.y0 - w, p.x1 + w, p.y1 + w});
  const Color outline = colormap_highlight(heatmap.colormap);
  if (heatmap.highlight_row && *heatmap.highlight_row >= 0 && *heatmap.highlight_row < rows) {
    const double r = *heatmap.highlight_row;
    canvas.stroke_rect(cell_rect(layout, 0, cols, r, r + 1), outline, w);
  }
  if (heatmap.highlight_col && *heatmap.highlight_col >= 0 && *heatmap.highlight_col < cols) {
    const double c = *heatmap.highlight_col;
    canvas.stroke_rect(cell_rect(layout, c, c + 1, 0, rows), outline, w);
  }
  canvas.pop_clip();
}

Image colorbar_image(Colormap map) {
  constexpr int kSteps = 256;
  Image image = blank_image(1, kSteps);
  for (int i = 0; i < kSteps; ++i)
    put_pixel(image, 0, kSteps - 1 - i, colormap_color(map, (i + 0.5) / kSteps));
  image.key = hash_bytes(image.rgba) ^ 0x636f6c6f72626172ULL;  // "colorbar"
  return image;
}

std::uint64_t hash_bytes(std::span<const std::uint8_t> bytes) {
  std::uint64_t h = 14695981039346656037ULL;
  for (std::uint8_t b : bytes) h = (h ^ b) * 1099511628211ULL;
  return h;
}

}  // namespace al::fig
