// The figures of the chapter's second half: a Transformer's attention (F14-F16), logits, one query's steps and its next
// token. Like figures.hpp, each builder makes a Figure description; the registry (figure_registry)
// lists them with the rest.
//
// transformer-attention draws one kind of attention (attention.kind) as a grid of heatmaps,
// a row per layer (block) and a column per head, as the book (attention.heads picks heads,
// attention.average shows means over heads or layers, attention.enlarged only the selected map);
// its table (the CSV) holds every kind, layer and head in long format:
//   kind,layer,head,query,key,query_token,key_token,weight    (layer, head, query, key from 0)
// transformer-logits: position,token,logit for every output position and vocabulary token.
// transformer-query-steps follows one query (attention.kind, attention.layer, attention.head,
// attention.query) from its scores to its weights: one row per key,
//   key,key_token,score,scaled,masked,weight    (key from 0)
// and, as an image, the scaled scores and the weights as bars over the key tokens.
// transformer-next-token: the ten most probable next tokens after the decoder steps shown
// (decode.step), under decode.temperature: rank,token,probability.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/expected.hpp"
#include "engine/settings.hpp"
#include "engine/transformer/model.hpp"
#include "engine/transformer/run.hpp"
#include "figures.hpp"

namespace al::fig {

// The CSV of a figure has at most this many rows: larger tables fail with a message instead of
// using gigabytes (pe.positions x pe.dim at their maximum is ten million).
inline constexpr long long kMaxTableRows = 1000000;


// A run ready to be drawn many times: the run at the steps shown, every map of its trace and the
// means over heads and over layers of each kind, each with its weights as the float matrix a
// heatmap shares (converted once, not per frame), and an id naming them for texture reuse.
struct ShownRun {
  tf::TransformerRun run;
  std::vector<tf::AttentionMap> maps;  // the trace's, then the means (layer or head −1)
  std::vector<std::shared_ptr<const WeightMatrix>> weights;  // maps[i] as float
  std::uint64_t id = 0;                                      // distinct for every ShownRun made
  const tf::AttentionMap* find(tf::AttentionKind kind, int layer, int head,
                               std::size_t* index = nullptr) const;
};

// `full` cut to its first `step` decoder steps (decode.step; 0 or at least its steps: all).
Expected<ShownRun> make_shown_run(tf::TransformerRun full, int step);

// A token the user points at, in the source (the encoder's input) or in the decoder's input
// (a decoder-only model's prompt included): highlighted in every Transformer view.
enum class TokenSide { None, Source, Decoder };
struct TokenFocus {
  TokenSide side = TokenSide::None;
  int position = -1;
  bool operator==(const TokenFocus&) const = default;
};

// The query a view follows: layer, head and query of attention.kind, from 0.
struct QueryChoice {
  int layer = 0, head = 0, query = 0;
  bool operator==(const QueryChoice&) const = default;
};

// Everything a Transformer figure is drawn from.
struct TransformerScene {
  const tf::Transformer<float>& model;  // the model the run was made with
  const ShownRun& shown;
  const Settings& settings;
  QueryChoice query;  // the selected query (attention.*), or the hovered cell's
  TokenFocus focus;
};

// The maps of the attention grid as the settings choose them (attention.kind, .heads, .average,
// .enlarged with .layer and .head), row-major in a rows x cols grid, as indices into shown.maps.
// Fails naming the key: a kind the model lacks, a head in attention.heads beyond the model's.
struct AttentionGrid {
  int rows = 0, cols = 0;
  std::vector<std::size_t> maps;
};
Expected<AttentionGrid> attention_grid(const ShownRun& shown, const tf::ModelConfig& config,
                                       const Settings& s);

// The engine's name for attention.kind's value.
tf::AttentionKind engine_kind(TransformerAttention kind);

// Which side of the input a map's queries (rows) and keys (columns) come from.
TokenSide query_side(tf::AttentionKind kind, tf::Arch arch);
TokenSide key_side(tf::AttentionKind kind, tf::Arch arch);

Expected<Figure> transformer_attention_figure(const TransformerScene& scene,
                                              const FigureContext& ctx);
Expected<Figure> transformer_logits_figure(const TransformerScene& scene, const FigureContext& ctx);
Expected<Figure> transformer_query_steps_figure(const TransformerScene& scene,
                                                const FigureContext& ctx);
Expected<Figure> transformer_next_token_figure(const TransformerScene& scene,
                                               const FigureContext& ctx);

// The next-token figure shows this many tokens.
inline constexpr int kNextTokens = 10;

// The same with `model` run on the settings' input (input.src, input.tgt, decode.max_steps,
// decode.step) and the query of attention.layer, .head and .query: what the command line draws.
using SceneFigure = Expected<Figure> (*)(const TransformerScene&, const FigureContext&);
Expected<Figure> figure_of_settings(SceneFigure build, const tf::Transformer<float>& model,
                                    const Settings& s, const FigureContext& ctx);

// The registry's entries: the model read from model.path (on every call). An empty model.path
// is the error "model.path: set it to a .safetensors file".
Expected<Figure> transformer_attention_figure(const Settings& s, const FigureContext& ctx);
Expected<Figure> transformer_logits_figure(const Settings& s, const FigureContext& ctx);
Expected<Figure> transformer_query_steps_figure(const Settings& s, const FigureContext& ctx);
Expected<Figure> transformer_next_token_figure(const Settings& s, const FigureContext& ctx);

}  // namespace al::fig
