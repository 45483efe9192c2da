// Small pieces every figure builder uses (see builder_helpers.hpp).
#include "builder_helpers.hpp"

#include <cmath>
#include <memory>

namespace al::fig {

Series line(std::string label, std::vector<double> x, std::vector<double> y, Color color,
            Dash dash) {
  Series s;
  s.label = std::move(label);
  s.x = std::move(x);
  s.y = std::move(y);
  s.color = color;
  s.dash = dash;
  return s;
}

Series markers(std::string label, std::vector<double> x, std::vector<double> y, Color color) {
  Series s = line(std::move(label), std::move(x), std::move(y), color, Dash::Solid);
  s.kind = Series::Kind::Markers;
  return s;
}

std::optional<double> cell(double v) {
  return std::isfinite(v) ? std::optional<double>(v) : std::nullopt;
}

Panel heatmap_panel(WeightMatrix values, Colormap colormap, double vmin, double vmax,
                    std::string x_label, std::string y_label) {
  Panel p;
  p.x = {std::move(x_label), -0.5, static_cast<double>(values.cols()) - 0.5};
  p.y = {std::move(y_label), -0.5, static_cast<double>(values.rows()) - 0.5};
  p.grid = false;
  Heatmap h;
  h.values = std::make_shared<const WeightMatrix>(std::move(values));
  h.colormap = colormap;
  h.vmin = vmin;
  h.vmax = vmax;
  p.heatmap = std::move(h);
  return p;
}

}  // namespace al::fig
