// The restaurant lab's editable table: a row per restaurant (its name and a number per feature, a
// delete button), a header of feature names, and buttons that add a restaurant or a feature or
// remove the last feature. Every edit changes restaurant.names, .features, .keys and .query
// together, so they always fit one another.
#pragma once

#include "app/gui/app_state.hpp"

namespace al::gui {

void restaurant_table(AppState& s);
// A slider per feature for your preferences (restaurant.query).
void preference_sliders(AppState& s);

}  // namespace al::gui
