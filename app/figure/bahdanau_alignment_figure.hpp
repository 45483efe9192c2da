// The Bahdanau lab's alignment, drawn two ways from one scene (bahdanau_scene.hpp):
//   bahdanau-alignment: a diagram in the style of Distill's "Attention and Augmented Recurrent
//     Neural Networks": the source tokens (the keys) along the top, each decoder step's output
//     token along the bottom, and a link from every output to every source token whose opacity
//     is the weight. CSV, one row per shown step and key (from 0):
//       step,key,output_token,key_token,weight
//   the weights as a heatmap growing a row per step (bahdanau-attention's F10, cut to the steps
//     shown), with the followed pair outlined.
#pragma once

#include "bahdanau_scene.hpp"
#include "engine/expected.hpp"
#include "figures.hpp"

namespace al::fig {

Expected<Figure> bahdanau_alignment_figure(const BahdanauScene& scene, const FigureContext& ctx);
Expected<Figure> bahdanau_weights_figure(const BahdanauScene& scene, const FigureContext& ctx);

// The registry's entry: the model at model.path on input.src / input.tgt, bahdanau.step steps.
Expected<Figure> bahdanau_alignment_figure(const Settings& s, const FigureContext& ctx);

}  // namespace al::fig
