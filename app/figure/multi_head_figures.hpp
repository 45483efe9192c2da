// The multi-head attention lab's figures, all of the mh.* settings for the sequence mh.batch_item
// of the batch (the CSVs hold every sequence):
//   multi-head              each head's weights masked_softmax(Q_j K_jᵀ/√(d/h)), queries x keys,
//                           masked keys grey, with d, h, d/h and the scale in the title;
//   multi-head-projections  each head's projections W_q^(j), W_k^(j), W_v^(j): the d/h rows of
//                           W_q, W_k, W_v that make its queries, keys and values;
//   multi-head-output       the heads' outputs side by side (the concatenation), W_o, and the
//                           layer's output = concatenation W_oᵀ.
#pragma once

#include "engine/expected.hpp"
#include "engine/settings.hpp"
#include "figure.hpp"
#include "figures.hpp"

namespace al::fig {

Expected<Figure> multi_head_figure(const Settings& s, const FigureContext& ctx);
Expected<Figure> multi_head_projections_figure(const Settings& s, const FigureContext& ctx);
Expected<Figure> multi_head_output_figure(const Settings& s, const FigureContext& ctx);

}  // namespace al::fig
