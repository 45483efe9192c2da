// The scoring lab's figures, all of the scoring.* settings (queries, keys, values, the scoring
// function, temperature, valid length) and the followed query and key (scoring.query, .key):
//   scoring        the query x key scores a(q, k) and weights softmax(score / T), masked keys grey
//                  (book 10.3/11.3: F7, F8 with scoring.preset=book);
//   scoring-plane  queries and keys as points of the plane, the keys sized by the followed
//                  query's weights and each query labelled with its output;
//   scoring-query  the followed query's weights as bars, and its output as the balance point of
//                  the values weighted by them.
#pragma once

#include "engine/expected.hpp"
#include "engine/settings.hpp"
#include "figure.hpp"
#include "figures.hpp"

namespace al::fig {

Expected<Figure> scoring_figure(const Settings& s, const FigureContext& ctx);
Expected<Figure> scoring_plane_figure(const Settings& s, const FigureContext& ctx);
Expected<Figure> scoring_query_figure(const Settings& s, const FigureContext& ctx);

}  // namespace al::fig
