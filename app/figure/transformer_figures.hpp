// The figures of the chapter's second half: scoring functions (F7, F8), the positional encoding
// (F11, F12), and a trained Transformer's attention (F14-F16) and logits. Like figures.hpp, each
// builder makes a Figure description; the registry (figure_registry) lists them with the rest.
//
// transformer-attention draws one kind of attention (attention.kind) as a grid of heatmaps,
// a row per layer (block) and a column per head, as the book; its table (the CSV) holds every
// kind, layer and head in long format:
//   kind,layer,head,query,key,query_token,key_token,weight    (layer, head, query, key from 0)
// transformer-logits: position,token,logit for every output position and vocabulary token.
// transformer-query-steps follows one query (attention.kind, attention.layer, attention.head,
// attention.query) from its scores to its weights: one row per key,
//   key,key_token,score,scaled,masked,weight    (key from 0)
// and, as an image, the scaled scores and the weights as bars over the key tokens.
#pragma once

#include "engine/expected.hpp"
#include "engine/lab.hpp"
#include "engine/transformer/model.hpp"
#include "figures.hpp"

namespace al::fig {

// The CSV of a figure has at most this many rows: larger tables fail with a message instead of
// using gigabytes (pe.positions x pe.dim at their maximum is ten million).
inline constexpr long long kMaxTableRows = 1000000;

// scoring (F7, F8): the old edition's deterministic toy. Queries ~ N(0, 1) from
// Rng(scoring.seed), (2, 1, 20) for additive attention (h = 8) and then (2, 1, 2) for dot
// product; keys = ones(2, 10, 2); values = arange(40) as (10, 4) for both sequences; valid
// lengths [2, 6]. Equal keys make the weights uniform over each valid prefix.
Figure scoring_figure(const Lab& lab, const FigureContext& ctx);

// positional-encoding (F11, F12): columns 6-9 of P over the positions (the last four columns
// when pe.dim < 10), and P (positions x dim) as a Blues heatmap from -1 to 1.
Expected<Figure> positional_encoding_figure(const Lab& lab, const FigureContext& ctx);

// The Transformer figures of `model` on input.src / input.tgt (engine/transformer/run.hpp). Fail
// with a message naming the key (an unknown word, attention.kind missing from the model, a layer,
// head or query beyond it).
Expected<Figure> transformer_attention_figure(const tf::Transformer<float>& model,
                                              const Settings& s, const FigureContext& ctx);
Expected<Figure> transformer_logits_figure(const tf::Transformer<float>& model, const Settings& s,
                                           const FigureContext& ctx);
Expected<Figure> transformer_query_steps_figure(const tf::Transformer<float>& model,
                                                const Settings& s, const FigureContext& ctx);

// The same with the model read from model.path (on every call): the registry's entries. An
// empty model.path is the error "model.path: set it to a .safetensors file".
Expected<Figure> transformer_attention_figure(const Lab& lab, const FigureContext& ctx);
Expected<Figure> transformer_logits_figure(const Lab& lab, const FigureContext& ctx);
Expected<Figure> transformer_query_steps_figure(const Lab& lab, const FigureContext& ctx);

}  // namespace al::fig
