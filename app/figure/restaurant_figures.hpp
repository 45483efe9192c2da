// The restaurant lab's figures, of the restaurant.* settings (engine/mechanisms/restaurant.hpp):
//   restaurant           the restaurants ranked by their weights: their scores q·k and their
//                        weights softmax(score / T) as bars, the best first;
//   restaurant-features  the features of every restaurant (the keys), your preferences (the
//                        query) and the expected restaurant Σ w·k as one heatmap, a row each.
#pragma once

#include "engine/expected.hpp"
#include "engine/settings.hpp"
#include "figure.hpp"
#include "figures.hpp"

namespace al::fig {

Expected<Figure> restaurant_figure(const Settings& s, const FigureContext& ctx);
Expected<Figure> restaurant_features_figure(const Settings& s, const FigureContext& ctx);

}  // namespace al::fig
