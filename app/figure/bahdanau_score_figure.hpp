// bahdanau-score: the additive score of one decoder step and one key, part by part (D2L §11.4):
//   q = s_{t−1} → W_q q, W_k k_j → tanh(W_q q + W_k k_j) → score_j = w_vᵀ tanh(…) → softmax
// as a heatmap of those vectors over the hidden units (one row each, with w_v and the step's
// context vector c = Σ_j weight_j k_j, what the decoder reads with its input), and the step's
// scores and weights over every key as bars, the followed key in red. The step and key are the
// scene's (the command line: bahdanau.step, its last step, and bahdanau.key). CSV:
//   part,index,value   (part: query, W_q q, W_k k, tanh, w_v, context over the hidden units; score and
//                       weight over the keys; index from 0)
#pragma once

#include "bahdanau_scene.hpp"
#include "engine/expected.hpp"
#include "figures.hpp"

namespace al::fig {

Expected<Figure> bahdanau_score_figure(const BahdanauScene& scene, const FigureContext& ctx);
// The registry's entry: the model at model.path on input.src / input.tgt.
Expected<Figure> bahdanau_score_figure(const Settings& s, const FigureContext& ctx);

}  // namespace al::fig
