// The figures of a Bahdanau model (engine/bahdanau) on input.src / input.tgt, read from
// model.path on every call (engine/bahdanau/run.hpp runs it):
//   bahdanau-attention (book 10.4 / 11.4: F10): the attention weights, a row per decoder step
//     (the query, labelled with the decoder's input token) and a column per source token (the
//     keys); the CSV, one row per step and key:
//       step,key,query_token,key_token,weight    (step and key from 0)
//   bahdanau-logits: the output logits at every decoder step, as transformer-logits:
//       position,token,logit
// Failures are one line naming the key (model.path, input.src, input.tgt, decode.max_steps).
#pragma once

#include "engine/bahdanau/model_file.hpp"
#include "engine/expected.hpp"
#include "engine/settings.hpp"
#include "figures.hpp"

namespace al::fig {

Expected<Figure> bahdanau_attention_figure(const bahdanau::Model& model, const Settings& s,
                                           const FigureContext& ctx);
Expected<Figure> bahdanau_logits_figure(const bahdanau::Model& model, const Settings& s,
                                        const FigureContext& ctx);

// The registry's entries: the model at model.path ("model.path: set it to a .safetensors file"
// when it is empty).
Expected<Figure> bahdanau_attention_figure(const Settings& s, const FigureContext& ctx);
Expected<Figure> bahdanau_logits_figure(const Settings& s, const FigureContext& ctx);

}  // namespace al::fig
