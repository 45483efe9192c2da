// Drawing a heatmap's cells: one rectangle per cell for small matrices (crisp, true vector cells
// in SVG and PDF), one downsampled image for large ones. Also the colorbar's gradient strip.
#pragma once

#include <cstdint>
#include <span>

#include "canvas.hpp"
#include "layout.hpp"

namespace al::fig {

// Up to this many cells a heatmap is drawn as rectangles.
inline constexpr long long kMaxVectorCells = 4096;

// Colour of one value between the heatmap's limits (vmin == vmax: the colour at 0).
Color heatmap_color(const Heatmap& heatmap, double value);

// The matrix as an image of `width` x `height` pixels (each at most the matrix's size): every
// pixel averages the cells that fall in it; rows without weights are grey.
Image heatmap_image(const Heatmap& heatmap, int width, int height);

// Draws the cells into `layout.plot` (cell (r, c) centred at data (c, r); each overlapping its
// right and lower neighbours by half a pixel), then the outline of the highlighted row.
void draw_heatmap(const Heatmap& heatmap, const PanelLayout& layout, Canvas& canvas, double scale);

// A 1 x 256 strip of the colormap, top row = the colour at 1.
Image colorbar_image(Colormap map);

// FNV-1a over the bytes: the image key that texture caches compare.
std::uint64_t hash_bytes(std::span<const std::uint8_t> bytes);

}  // namespace al::fig
