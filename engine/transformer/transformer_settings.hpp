// The Transformer lab's knobs: the model and its input, decoding, which attention is shown, and
// the training of `attention-lab train` and of the window. Their keys, ranges and help are the
// table in transformer_settings.cpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace al::tf {
enum class Positional;  // config.hpp; settings.hpp stays free of the model's headers
}  // namespace al::tf

namespace al {

struct SettingInfo;

// Which attention of a Transformer the transformer-attention figure draws.
enum class TransformerAttention { EncoderSelf, DecoderSelf, Cross };
// How the Transformer lab's grid shows attention.kind: every layer and head, or a mean.
enum class AttentionAverage { None, Heads, Layers };
// The Transformer lab's figure below the grid, beside the query's steps.
enum class TransformerBottom { NextToken, Logits, Training };
// The built-in training tasks of the Transformer (engine/transformer/tasks.hpp): copy, reverse or
// sort a string of digits, or translate the English→French phrase set.
enum class TaskKind { Copy, Reverse, Sort, Phrases };
// The model the Transformer lab shows: the file at model.path, or the model training in the window.
enum class ModelSource { File, Training };

std::string_view name(TransformerAttention a);
std::string_view title(TransformerAttention a);  // "Encoder self-attention"
std::string_view name(AttentionAverage a);
std::string_view title(AttentionAverage a);  // "Mean over heads"
std::string_view name(TransformerBottom b);
std::string_view title(TransformerBottom b);  // "Next token"
std::string_view name(TaskKind k);            // "reverse"
std::optional<TaskKind> parse_task(std::string_view name);
std::string_view name(ModelSource m);

struct TransformerSettings {
  // attention.*: which attention the figures show. transformer-query-steps follows one query from
  // its scores to its weights: layer, head and query (a position on the query side of
  // attention.kind), each from 0.
  TransformerAttention attention_kind = TransformerAttention::EncoderSelf;
  int attention_layer = 0;
  int attention_head = 0;
  int attention_query = 0;
  // The grid of transformer-attention: the heads it shows (empty: all; otherwise the listed
  // heads, from 0, in order), a mean over heads or layers instead of each map, and whether it
  // shows only the selected map (attention.layer, attention.head), enlarged.
  std::vector<int> attention_heads;
  AttentionAverage attention_average = AttentionAverage::None;
  bool attention_enlarged = false;

  // model.*, input.*: the Transformer (a safetensors file) that the transformer figures run, and
  // its input: source words split on spaces; target words to teacher-force, empty: greedy decoding.
  std::string model_path;
  ModelSource model_source = ModelSource::File;
  std::string input_src = "i'm home .";
  std::string input_tgt;
  // decode.*: greedy decoding stops after this many tokens when no <eos> comes first (a model
  // that never emits one would otherwise run to its max_len, keeping every step's attention).
  int decode_max_steps = 64;
  // The decoder steps the Transformer figures show (0: all): the run as it was after that many
  // tokens, decoded or forced. Causal masking makes it exactly what decoding only that far gives.
  int decode_step = 0;
  // Softmax temperature of the next-token probabilities (transformer-next-token).
  double decode_temperature = 1.0;

  // tf.*: the model and run of `attention-lab train TASK`. The defaults are the issue's
  // reverse-task model (8 digits, d = 32, 2 layers, 4 heads: al::tf::reverse_task_config()).
  int tf_d_model = 32;
  int tf_heads = 4;
  int tf_layers = 2;  // encoder layers and decoder layers each
  int tf_ffn = 64;
  int tf_steps = 1000;
  // `attention-lab train` stops early once the held-out token accuracy reaches this (0: never).
  double tf_stop_accuracy = 0.99;
  int tf_batch = 64;
  double tf_lr = 3e-3;  // Adam's peak learning rate, after linear warm-up
  std::uint64_t tf_seed = 1;
  int tf_seq_len = 8;  // digits per sequence of the copy, reverse and sort tasks
  // How the trained model knows positions: the book's fixed sinusoids, a learned table, or not
  // at all (attention alone then sees a set).
  tf::Positional tf_positional{};  // the first enumerator: sinusoidal
  // Dropout probability while training (0: off); inference never drops.
  double tf_dropout = 0.0;
  TaskKind tf_task = TaskKind::Reverse;  // the task of the window's training and its figure
  // Training steps per second at most while training plays in the window (0: no limit).
  double tf_speed = 0.0;
  int tf_step_steps = 10;  // steps of the window's Step button

  TransformerBottom view_tf_bottom = TransformerBottom::NextToken;  // the lab's bottom figure

  bool operator==(const TransformerSettings&) const = default;
};

std::vector<SettingInfo> transformer_setting_table();

}  // namespace al
