// Small pieces every figure builder uses: line and marker series, CSV cells, heatmap panels.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/kernel_regression/nadaraya_watson.hpp"
#include "engine/settings.hpp"
#include "figure.hpp"

namespace al::fig {

Series line(std::string label, std::vector<double> x, std::vector<double> y, Color color,
            Dash dash);
Series markers(std::string label, std::vector<double> x, std::vector<double> y, Color color);

// A table cell: the value, or empty when it is not finite.
std::optional<double> cell(double v);

// A panel showing `values` as a heatmap (row 0 at the top, no grid) between vmin and vmax.
// Heatmaps hold float (figure.hpp): a builder with double values passes values.cast<float>().
Panel heatmap_panel(WeightMatrix values, Colormap colormap, double vmin, double vmax,
                    std::string x_label, std::string y_label);

}  // namespace al::fig
