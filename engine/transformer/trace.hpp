// Attention traces: every attention matrix of one sequence's forward pass, for each kind (encoder
// self-attention, decoder self-attention, encoder–decoder cross-attention), layer and head, as a
// query × key weight matrix with the token strings of both axes (padding included, as the book's
// heatmaps). And, for any one query, the path from raw q·k scores to its weights.
#pragma once

#include <string>
#include <vector>

#include "engine/transformer/model.hpp"

namespace al::tf {

enum class AttentionKind { EncoderSelf, DecoderSelf, Cross };
// "encoder-self", "decoder-self", "cross": the names of the command line's CSV.
const char* name(AttentionKind k);

struct AttentionMap {
  AttentionKind kind = AttentionKind::EncoderSelf;
  int layer = 0, head = 0;
  Mat<double> weights;  // (queries, keys)
  std::vector<std::string> query_tokens, key_tokens;
};

struct AttentionTrace {
  std::vector<AttentionMap> maps;  // ordered by kind, then layer, then head
  // The map for (kind, layer, head), or null.
  const AttentionMap* find(AttentionKind kind, int layer, int head) const;
  int layers(AttentionKind kind) const;
};

// Means of the maps of one kind, which share their shape: over the heads of each layer (one map
// per layer, head = −1) or over the layers of each head (one per head, layer = −1). A mean of
// attention weights is again a distribution over the keys (each row sums to 1), so it reads as
// "where this layer (or this head, across depth) looks on the whole". Empty for a kind the trace
// lacks.
std::vector<AttentionMap> mean_over_heads(const AttentionTrace& trace, AttentionKind kind);
std::vector<AttentionMap> mean_over_layers(const AttentionTrace& trace, AttentionKind kind);

// The trace of sequence `b` of a forward pass recorded in `cache`.
template <class S>
AttentionTrace attention_trace(const Transformer<S>& model,
                               const typename Transformer<S>::Cache& cache, int b = 0);

// One query's scores (raw q·k, scaled by 1/√(d/h), masked, softmax) and what the head makes of
// them: its value rows and its output row, output = Σ_k weights_k · values.row(k) (with dropout
// in training, of the dropped weights), before the heads are concatenated and multiplied by W_o.
template <class S>
struct QueryExplanation : QueryScores<S> {
  Mat<S> values;     // (keys, d/h)
  RowVec<S> output;  // (d/h)
};

// Query `query` of sequence `b` in (kind, layer, head), exactly as the forward pass computed it.
template <class S>
QueryExplanation<S> explain_query(const Transformer<S>& model,
                                  const typename Transformer<S>::Cache& cache, AttentionKind kind,
                                  int layer, int head, int b, int query);

}  // namespace al::tf
