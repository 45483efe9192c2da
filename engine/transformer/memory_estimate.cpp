// Working-set estimates from the shapes: the forward cache block by block (see the structs
// `Cache` of encoder_layer.hpp, decoder_layer.hpp, multi_head_attention.hpp, add_norm.hpp,
// ffn.hpp), counted in floats, then the extras of training or of a figure's run.
#include "engine/transformer/memory_estimate.hpp"

#include <algorithm>

namespace al::tf {
namespace {

// Each attention matrix is its own heap block, with a matrix header in a vector and the
// allocator's bookkeeping beside it: about 48 bytes, 12 floats.
constexpr double kPerMatrix = 12.0;

// The shape of one pass: B sequences of src_len and tgt_len tokens.
struct Pass {
  double batch = 1, src_len = 0, tgt_len = 0;
  bool dropout = false;
};

// An encoder block (or a decoder-only model's causal block) over `rows` = B·T rows: X, in1, Y,
// in2, the attention's Xq, Xkv, Q, K, V and heads, two x̂ of LayerNorm, the FFN's input (13 d
// per row), its hidden layer before and after the activation (2 f per row), two rstd and the
// valid lengths (3 per row), and B·h matrices of T x T weights. Dropout adds masks of both
// sublayer outputs and of every weight matrix.
double encoder_block(double rows, double units, double t, double d, double f, bool dropout) {
  const double weights = units * (t * t + kPerMatrix);
  double n = 13.0 * rows * d + 2.0 * rows * f + 3.0 * rows + weights;
  if (dropout) n += 2.0 * rows * d + weights;
  return n;
}

// A decoder block over `rows` = B·Tt rows reading `src_rows` = B·Ts rows of encoder output:
// in1, Y, in2, Z, in3, the self-attention's six matrices, the cross-attention's query-side Xq, Q
// and heads (18 d per row with three x̂ and the FFN input), the cross-attention's copy of the
// memory and its K and V (3 d per source row), the FFN's hidden layers, three rstd and two
// valid-length lists, and B·h matrices each of Tt x Tt and Tt x Ts weights.
double decoder_block(double rows, double src_rows, double units, double tt, double ts, double d,
                     double f, bool dropout) {
  const double weights = units * (tt * tt + tt * ts + 2.0 * kPerMatrix);
  double n = 18.0 * rows * d + 3.0 * src_rows * d + 2.0 * rows * f + 5.0 * rows + weights;
  if (dropout) n += 3.0 * rows * d + weights;
  return n;
}

// Rows of the output side: decoder positions, or source positions for an encoder-only model.
double output_rows(const ModelConfig& c, const Pass& p) {
  return p.batch * (c.arch == Arch::Encoder ? p.src_len : p.tgt_len);
}

// The largest side of a pass, in rows.
double widest_rows(const Pass& p) {
  return p.batch * std::max(p.src_len, p.tgt_len);
}

// Floats a forward pass keeps: the blocks' caches, the encoder memory and generator input (with
// x̂ when there are final norms), the embedding dropout masks, and the logits.
double forward_floats(const ModelConfig& c, const Pass& p) {
  const double d = c.d_model, f = c.ffn_hidden, units = p.batch * c.num_heads;
  const double src_rows = p.batch * p.src_len, tgt_rows = p.batch * p.tgt_len;
  const double norm = c.final_norm ? 2.0 : 1.0;
  const double mask = p.dropout ? 1.0 : 0.0;
  double n = 0.0;
  if (c.arch != Arch::Decoder)
    n += c.num_encoder_layers * encoder_block(src_rows, units, p.src_len, d, f, p.dropout) +
         (norm + mask) * src_rows * d;
  if (c.arch == Arch::EncoderDecoder)
    n += c.num_decoder_layers *
         decoder_block(tgt_rows, src_rows, units, p.tgt_len, p.src_len, d, f, p.dropout);
  if (c.arch == Arch::Decoder)
    n += c.num_decoder_layers * encoder_block(tgt_rows, units, p.tgt_len, d, f, p.dropout);
  if (c.arch != Arch::Encoder) n += (norm + mask) * tgt_rows * d;
  return n + output_rows(c, p) * c.tgt_vocab.size();
}

// The vocabularies a task's model is built with, and its batch's sequence lengths: source
// x + <eos> and decoder input <bos> + y, or x alone for an encoder-only model, or x + <bos> + y
// in one sequence for a decoder-only model.
Pass training_pass(const TrainConfig& c, ModelConfig& model) {
  TaskVocabs v = task_vocabs(c.task.kind);
  model.src_vocab = std::move(v.src);
  model.tgt_vocab = std::move(v.tgt);
  const double longest = longest_sequence(c.task);
  Pass p;
  p.batch = c.batch;
  p.dropout = c.dropout > 0.0;
  p.src_len = model.arch == Arch::Encoder ? longest : longest + 1.0;
  p.tgt_len = model.arch == Arch::Decoder ? 2.0 * longest + 1.0 : longest + 1.0;
  return p;
}

// The fixed table of sinusoidal positions (max_len x d) is model memory that is no parameter.
double sinusoid_floats(const ModelConfig& c) {
  return c.positional == Positional::Sinusoidal ? static_cast<double>(c.max_len) * c.d_model : 0.0;
}

}  // namespace

// Parameters with their gradients and Adam's moments, and the copy with its own gradients the
// second half of a batch runs on (6 numbers each), and the positions, the
// forward pass, dL/dlogits, and the gradients alive at once while one block runs backward: the
// gradient flowing down and the one into the encoder memory, and within the block dHeads, dQ, dK,
// dV, dXq, dXkv (8 d per row) and the FFN's dA and dH (2 f per row).
double training_working_set(const TrainConfig& c) {
  ModelConfig model = c.model;
  const Pass p = training_pass(c, model);
  const double rows = widest_rows(p);
  const double floats = 6.0 * static_cast<double>(parameter_count(model)) + sinusoid_floats(model) +
                        forward_floats(model, p) + output_rows(model, p) * model.tgt_vocab.size() +
                        8.0 * rows * model.d_model + 2.0 * rows * model.ffn_hidden +
                        p.batch * p.src_len * model.d_model;
  return floats * sizeof(float);
}

double trainer_working_set(const TrainConfig& c) {
  ModelConfig model = c.model;
  training_pass(c, model);  // fills in the task's vocabularies, which size the embeddings
  const double copy = static_cast<double>(parameter_count(model)) + sinusoid_floats(model);
  return training_working_set(c) + 3.0 * copy * sizeof(float);
}

// Parameters (and positions), the forward pass, the pass's temporaries (a block's input and output
// side by side, the FFN's hidden layer, the attention's output projection: 4 d and f per row), the
// trace (every attention matrix in double, and a float copy for a figure's heatmaps: 3 floats per
// weight) and the logits again in double.
double inference_working_set(const ModelConfig& c, int src_len, int positions) {
  Pass p;
  p.src_len = c.arch == Arch::Decoder ? 0 : src_len;
  p.tgt_len = c.arch == Arch::Encoder ? 0 : positions;
  const double h = c.num_heads, ts = p.src_len, tt = p.tgt_len;
  double weights = 0.0;
  if (c.arch != Arch::Decoder) weights += c.num_encoder_layers * h * ts * ts;
  if (c.arch != Arch::Encoder) weights += c.num_decoder_layers * h * tt * tt;
  if (c.arch == Arch::EncoderDecoder) weights += c.num_decoder_layers * h * tt * ts;
  const double rows = widest_rows(p);
  const double floats = static_cast<double>(parameter_count(c)) + sinusoid_floats(c) +
                        forward_floats(c, p) + 4.0 * rows * c.d_model + rows * c.ffn_hidden +
                        3.0 * weights + 2.0 * output_rows(c, p) * c.tgt_vocab.size();
  return floats * sizeof(float);
}

}  // namespace al::tf
