// Colormaps for heatmaps and colorbars: t in [0, 1] to a colour, through a 256-entry table built
// once per map. Reds, Blues and the diverging RdBu are ColorBrewer stops (linear in sRGB, as
// matplotlib); viridis, magma and cividis are 9 stops of the matplotlib tables interpolated in
// OKLab.
#pragma once

#include "engine/settings.hpp"
#include "figure.hpp"

namespace al::fig {

// The colour at t, clamped to [0, 1]; NaN gives the colour at 0.
Color colormap_color(Colormap map, double t);

// An outline colour that stands out on every colour of `map` (the highlighted heatmap row).
Color colormap_highlight(Colormap map);

}  // namespace al::fig
