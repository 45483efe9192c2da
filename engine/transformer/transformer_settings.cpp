#include "transformer_settings.hpp"

#include <algorithm>

#include "engine/setting_table.hpp"
#include "engine/settings.hpp"
#include "engine/transformer/config.hpp"
#include "engine/user_text.hpp"

namespace al {
namespace {

constexpr NameTable<TransformerAttention, 3> kAttentionKinds{{
    {TransformerAttention::EncoderSelf, "encoder-self", "Encoder self-attention"},
    {TransformerAttention::DecoderSelf, "decoder-self", "Decoder self-attention"},
    {TransformerAttention::Cross, "cross", "Encoder-decoder attention"},
}};
constexpr NameTable<AttentionAverage, 3> kAttentionAverages{{
    {AttentionAverage::None, "none", "Every head"},
    {AttentionAverage::Heads, "heads", "Mean over heads"},
    {AttentionAverage::Layers, "layers", "Mean over layers"},
}};
constexpr NameTable<TransformerBottom, 3> kTransformerBottoms{{
    {TransformerBottom::NextToken, "next-token", "Next token"},
    {TransformerBottom::Logits, "logits", "Logits"},
    {TransformerBottom::Training, "training", "Training"},
}};
constexpr NameTable<TaskKind, 4> kTasks{{
    {TaskKind::Copy, "copy", "Copy digits"},
    {TaskKind::Reverse, "reverse", "Reverse digits"},
    {TaskKind::Sort, "sort", "Sort digits"},
    {TaskKind::Phrases, "phrases", "English to French phrases"},
}};
constexpr NameTable<ModelSource, 2> kModelSources{{
    {ModelSource::File, "file", "The file at model.path"},
    {ModelSource::Training, "training", "The model training in the window"},
}};

// input.src and input.tgt are read word by word into a model: their length bounds tokenising
// and, with the model's max_len, what one run of a transformer figure costs.
constexpr std::size_t kMaxSentenceBytes = 4096;
constexpr std::size_t kMaxPathBytes = 4096;

// attention.heads: "all", or heads from 0 separated by commas ("0,2"), each at most once.
constexpr int kMaxHead = 999;

std::optional<std::string> set_heads(Settings& s, std::string_view v) {
  std::vector<int> heads;
  if (v != "all") {
    std::size_t start = 0;
    while (start <= v.size()) {
      const std::size_t comma = std::min(v.find(',', start), v.size());
      long long h = 0;
      if (check_integer(v.substr(start, comma - start), 0, kMaxHead, h) ||
          std::find(heads.begin(), heads.end(), h) != heads.end())
        return quote_for_message(v) + " is not 'all' or distinct heads 0 to 999 as in '0,2'";
      heads.push_back(static_cast<int>(h));
      start = comma + 1;
    }
  }
  s.attention_heads = std::move(heads);
  return {};
}

std::string get_heads(const Settings& s) {
  if (s.attention_heads.empty()) return "all";
  std::string out;
  for (int h : s.attention_heads) {
    if (!out.empty()) out += ',';
    out += std::to_string(h);
  }
  return out;
}

using S = TransformerSettings;

}  // namespace

std::string_view name(TransformerAttention a) {
  return lookup_name(kAttentionKinds, a);
}
std::string_view title(TransformerAttention a) {
  return lookup_title(kAttentionKinds, a);
}
std::string_view name(AttentionAverage a) {
  return lookup_name(kAttentionAverages, a);
}
std::string_view title(AttentionAverage a) {
  return lookup_title(kAttentionAverages, a);
}
std::string_view name(TransformerBottom b) {
  return lookup_name(kTransformerBottoms, b);
}
std::string_view title(TransformerBottom b) {
  return lookup_title(kTransformerBottoms, b);
}
std::string_view name(TaskKind k) {
  return lookup_name(kTasks, k);
}
std::optional<TaskKind> parse_task(std::string_view name) {
  TaskKind k{};
  if (check_choice(kTasks, name, k)) return std::nullopt;
  return k;
}
std::string_view name(ModelSource m) {
  return lookup_name(kModelSources, m);
}

std::vector<SettingInfo> transformer_setting_table() {
  return {
      choice_setting("attention.kind",
                     "which attention of the Transformer the transformer-attention image draws",
                     &S::attention_kind, kAttentionKinds),
      integer_setting("attention.layer",
                      "layer (block) of attention.kind that transformer-query-steps shows, from 0",
                      &S::attention_layer, 0, 999),
      integer_setting("attention.head", "head that transformer-query-steps shows, from 0",
                      &S::attention_head, 0, 999),
      integer_setting("attention.query",
                      "query (a position on the query side of attention.kind) that "
                      "transformer-query-steps follows from its scores to its weights, from 0",
                      &S::attention_query, 0, 9999),
      {"attention.heads", "heads the Transformer lab's grid shows: all, or heads from 0 as in 0,2",
       "all or distinct heads 0 to 999, comma-separated", "", set_heads, get_heads},
      choice_setting("attention.average",
                     "the Transformer lab's grid: every head, each layer's mean over heads, or "
                     "each head's mean over layers",
                     &S::attention_average, kAttentionAverages),
      bool_setting("attention.enlarged",
                   "the Transformer lab's grid shows only the selected map (attention.layer, "
                   "attention.head), large",
                   &S::attention_enlarged),
      text_setting("model.path",
                   "Transformer model file (.safetensors) of the transformer figures (empty: none)",
                   "a file path", &S::model_path, kMaxPathBytes),
      choice_setting("model.source",
                     "the model the Transformer lab shows: the file at model.path, or the model "
                     "training in the window",
                     &S::model_source, kModelSources),
      text_setting("input.src", "source sentence of the transformer figures, words split on spaces",
                   "text of at most 4096 bytes", &S::input_src, kMaxSentenceBytes),
      text_setting("input.tgt",
                   "target words the decoder is teacher-forced on (empty: greedy decoding)",
                   "text of at most 4096 bytes", &S::input_tgt, kMaxSentenceBytes),
      integer_setting("decode.max_steps",
                      "tokens greedy decoding produces at most when the model emits no <eos> "
                      "before",
                      &S::decode_max_steps, 1, 1000),
      integer_setting("decode.step",
                      "decoder steps the Transformer figures show (0: all); the run as it was "
                      "after that many tokens",
                      &S::decode_step, 0, 1000),
      real_setting("decode.temperature", "softmax temperature of the next-token probabilities",
                   &S::decode_temperature, 0.05, 10.0),
      integer_setting("tf.d_model",
                      "model width d of `attention-lab train` (divisible by tf.heads)",
                      &S::tf_d_model, 1, 1024),
      integer_setting("tf.heads", "attention heads of `attention-lab train`", &S::tf_heads, 1, 64),
      integer_setting("tf.layers",
                      "encoder layers and decoder layers (each) of `attention-lab train`",
                      &S::tf_layers, 1, 16),
      integer_setting("tf.ffn", "hidden units of the position-wise FFN of `attention-lab train`",
                      &S::tf_ffn, 1, 8192),
      integer_setting("tf.steps", "training steps (batches) of `attention-lab train`", &S::tf_steps,
                      1, 1000000),
      real_setting("tf.stop_accuracy",
                   "held-out token accuracy at which `attention-lab train` stops before tf.steps "
                   "(checked every 100 steps; 0: never)",
                   &S::tf_stop_accuracy, 0.0, 1.0),
      integer_setting("tf.batch", "sequences per training step of `attention-lab train`",
                      &S::tf_batch, 1, 4096),
      real_setting("tf.lr", "peak Adam learning rate of `attention-lab train`", &S::tf_lr, 1e-6,
                   1.0),
      integer_setting("tf.seed",
                      "seed of the initial weights and the training data of `attention-lab train`",
                      &S::tf_seed, 0, kMaxSeed),
      integer_setting("tf.seq_len", "digits per sequence of the copy, reverse and sort tasks",
                      &S::tf_seq_len, 1, 100),
      choice_setting("tf.positional",
                     "positions of the model `attention-lab train` and the window train: fixed "
                     "sinusoids (the book), a learned table, or none",
                     &S::tf_positional, tf::kPositionalNames),
      real_setting("tf.dropout", "dropout probability while training (0: off)", &S::tf_dropout, 0.0,
                   0.9),
      choice_setting("tf.task", "task of the window's training and the transformer-training figure",
                     &S::tf_task, kTasks),
      real_setting("tf.speed",
                   "training steps per second at most while training plays in the app (0: no "
                   "limit)",
                   &S::tf_speed, 0.0, 100000.0),
      integer_setting("tf.step_steps", "training steps of the app's Step button", &S::tf_step_steps,
                      1, 100000),
      choice_setting("view.tf_bottom", "the Transformer lab's figure below the attention grid",
                     &S::view_tf_bottom, kTransformerBottoms),
  };
}

}  // namespace al
