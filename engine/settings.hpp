// The one settings registry. Every knob of the lab has a dotted key (`kernel.w`, `data.seed`, ...)
// that the GUI, `--set KEY=VALUE` on the command line and session files all use. The engine reads
// the typed fields of `Settings`; everything outside reads and writes them as text through the
// registry, which also owns each key's range, default and help line.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace al {

enum class Kernel { Gaussian, Boxcar, Constant, Epanechnikov, Triangular, Laplace };
enum class TargetFunction { D2lV2, D2lV1, Sin, Step, Abs };
enum class Estimator { Average, NadarayaWatson, Parametric };
enum class Colormap { Reds, Viridis, Cividis, Magma, Blues };
// The lab the app shows (the workspace's lab bar).
enum class AppLab { KernelRegression, Transformer };
// Which figure the app shows under the regression plot and the heatmap.
enum class BottomView { Training, Kernels };
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
// Where a figure's legend goes: Auto picks the inside position that covers no data, else
// outside the axes (right or below); None draws no legend.
enum class LegendPlacement {
  Auto,
  UpperLeft,
  UpperRight,
  LowerLeft,
  LowerRight,
  OutsideRight,
  Below,
  None
};

std::string_view name(Kernel k);
std::string_view name(TargetFunction f);
std::string_view name(Estimator e);
std::string_view name(Colormap c);
std::string_view name(BottomView v);
std::string_view name(AppLab l);
std::string_view title(AppLab l);  // "Kernel regression"
std::string_view name(TransformerAttention a);
std::string_view name(LegendPlacement p);
std::string_view name(AttentionAverage a);
std::string_view name(TransformerBottom b);
std::string_view title(TransformerBottom b);  // "Next token"
std::string_view title(AttentionAverage a);   // "Mean over heads"
std::string_view name(TaskKind k);            // "reverse"
std::optional<TaskKind> parse_task(std::string_view name);
std::string_view name(ModelSource m);
// Human-readable formula or title for legends and labels, e.g. "2 sin x + x^0.8".
std::string_view title(TargetFunction f);
std::string_view title(Kernel k);
std::string_view title(TransformerAttention a);  // "Encoder self-attention"
std::string_view title(BottomView v);            // "Kernels K(u)"

struct Settings {
  // data.*: where the training points and the query grid come from.
  std::string data_preset = "d2l-v2";  // setting it also sets function, n_train and noise
  std::uint64_t data_seed = 1;
  int data_n_train = 50;
  double data_noise = 0.5;
  TargetFunction data_function = TargetFunction::D2lV2;
  double data_x_min = 0.0;  // training x ~ U[x_min, x_max)
  double data_x_max = 5.0;
  double query_min = 0.0;  // queries: query_min, query_min + step, ... < query_max
  double query_max = 5.0;
  double query_step = 0.1;
  std::string data_csv;  // when set, training points come from this `x,y` file

  // kernel.*: the nonparametric Nadaraya–Watson estimator, kernel evaluated at u = (x - x_i) * w.
  Kernel kernel = Kernel::Gaussian;
  double kernel_w = 1.0;

  // train.*: the parametric model (learned w), trained by SGD with leave-one-out keys.
  double train_lr = 0.5;
  int train_epochs = 5;
  std::optional<double> train_w0;  // empty: w0 ~ U[0,1) from data.seed
  int train_batch = 0;             // 0: full batch
  double train_speed = 4.0;        // epochs per second while playing in the app
  int train_step_epochs = 10;      // epochs of the app's "+N epochs" button

  // attention.*: which estimator's matrix the attention figure shows.
  Estimator attention_estimator = Estimator::NadarayaWatson;
  TransformerAttention attention_kind = TransformerAttention::EncoderSelf;
  // The query that transformer-query-steps follows from its scores to its weights: layer, head
  // and query (a position on the query side of attention.kind), each from 0.
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

  // pe.*: the sinusoidal positional encoding P (positions x dim) of the positional-encoding figure.
  int pe_dim = 32;  // even
  int pe_positions = 60;

  // scoring.*: seed of the random queries of the scoring figure (the book's old-edition toy).
  std::uint64_t scoring_seed = 0;

  // tf.*: the model and run of `attention-lab train TASK`. The defaults are the issue's
  // reverse-task model (8 digits, d = 32, 2 layers, 4 heads: al::tf::reverse_task_config()).
  int tf_d_model = 32;
  int tf_heads = 4;
  int tf_layers = 2;  // encoder layers and decoder layers each
  int tf_ffn = 64;
  int tf_steps = 1000;
  int tf_batch = 64;
  double tf_lr = 3e-3;  // Adam's peak learning rate, after linear warm-up
  std::uint64_t tf_seed = 1;
  int tf_seq_len = 8;  // digits per sequence of the copy, reverse and sort tasks
  // Dropout probability while training (0: off); inference never drops.
  double tf_dropout = 0.0;
  TaskKind tf_task = TaskKind::Reverse;  // the task of the window's training and its figure
  // Training steps per second at most while training plays in the window (0: no limit).
  double tf_speed = 0.0;
  int tf_step_steps = 10;  // steps of the window's Step button

  // view.*: what is drawn and how. They change no numbers.
  Colormap view_colormap = Colormap::Reds;
  bool view_truth = true;
  bool view_points = true;
  bool view_average = true;
  bool view_nadaraya_watson = true;
  bool view_parametric = true;
  int view_query = -1;  // selected query index, -1 for none: highlighted in every view
  double view_font_size = 16.0;
  AppLab app_lab = AppLab::KernelRegression;      // the lab the app shows
  bool view_presentation = false;                 // the app draws everything 1.75x larger
  BottomView view_bottom = BottomView::Training;  // the app's bottom figure
  LegendPlacement view_legend = LegendPlacement::Auto;
  TransformerBottom view_tf_bottom = TransformerBottom::NextToken;  // the Transformer lab's

  bool operator==(const Settings&) const = default;
};

struct SettingInfo {
  std::string key;
  std::string help;   // one line
  std::string range;  // "0.001 to 1000", "gaussian|boxcar|...", "any text"
  std::string default_value;
  // Parses and stores `value`; returns the error message (without the key) if it is invalid.
  std::optional<std::string> (*set)(Settings&, std::string_view value);
  std::string (*get)(const Settings&);
};

// Every key, in the order they are applied (presets before the keys they set).
std::span<const SettingInfo> setting_registry();
const SettingInfo* find_setting(std::string_view key);

// Sets one key. On error `s` is unchanged and the message names the key, e.g.
// "kernel.w: '0' is out of range (0.001 to 1000)" or "unknown settings key 'kernel.width'".
std::optional<std::string> apply_setting(Settings& s, std::string_view key, std::string_view value);

// Sets many keys at once, all or nothing. They are applied in registry order (so `data.preset`
// never overrides an explicit `data.n_train`); for a repeated key the last value wins.
std::optional<std::string> apply_settings(
    Settings& s, const std::vector<std::pair<std::string, std::string>>& assignments);

// Splits "KEY=VALUE"; the error names the argument.
std::optional<std::pair<std::string, std::string>> split_assignment(std::string_view arg);

}  // namespace al
