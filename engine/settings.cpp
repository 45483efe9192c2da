#include "settings.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <map>

#include "user_text.hpp"

namespace al {
namespace {

// ---------------------------------------------------------------------------------------------
// Names of the enumerations, one table each, used for parsing, printing and the registry's ranges.

template <class E>
struct NameEntry {
  E value;
  std::string_view name;
  std::string_view title;
};

constexpr std::array<NameEntry<Kernel>, 6> kKernels{{
    {Kernel::Gaussian, "gaussian", "Gaussian"},
    {Kernel::Boxcar, "boxcar", "Boxcar"},
    {Kernel::Constant, "constant", "Constant"},
    {Kernel::Epanechnikov, "epanechnikov", "Epanechnikov"},
    {Kernel::Triangular, "triangular", "Triangular"},
    {Kernel::Laplace, "laplace", "Laplace"},
}};
constexpr std::array<NameEntry<TargetFunction>, 5> kFunctions{{
    {TargetFunction::D2lV2, "d2l-v2", "2 sin x + x^0.8"},
    {TargetFunction::D2lV1, "d2l-v1", "2 sin x + x"},
    {TargetFunction::Sin, "sin", "sin x"},
    {TargetFunction::Step, "step", "step at x = 2.5"},
    {TargetFunction::Abs, "abs", "|x - 2.5|"},
}};
constexpr std::array<NameEntry<Estimator>, 3> kEstimators{{
    {Estimator::Average, "average", "Average pooling"},
    {Estimator::NadarayaWatson, "nadaraya-watson", "Nadaraya-Watson"},
    {Estimator::Parametric, "parametric", "Parametric (learned w)"},
}};
constexpr std::array<NameEntry<Colormap>, 5> kColormaps{{
    {Colormap::Reds, "reds", "Reds"},
    {Colormap::Viridis, "viridis", "viridis"},
    {Colormap::Cividis, "cividis", "cividis"},
    {Colormap::Magma, "magma", "magma"},
    {Colormap::Blues, "blues", "Blues"},
}};
constexpr std::array<NameEntry<AppLab>, 2> kAppLabs{{
    {AppLab::KernelRegression, "kernel-regression", "Kernel regression"},
    {AppLab::Transformer, "transformer", "Transformer"},
}};
constexpr std::array<NameEntry<BottomView>, 2> kBottomViews{{
    {BottomView::Training, "training", "Training: loss and learned w"},
    {BottomView::Kernels, "kernels", "Kernels K(u)"},
}};
constexpr std::array<NameEntry<LegendPlacement>, 8> kLegendPlacements{{
    {LegendPlacement::Auto, "auto", "Auto: where it covers no data"},
    {LegendPlacement::UpperLeft, "upper-left", "Upper left"},
    {LegendPlacement::UpperRight, "upper-right", "Upper right"},
    {LegendPlacement::LowerLeft, "lower-left", "Lower left"},
    {LegendPlacement::LowerRight, "lower-right", "Lower right"},
    {LegendPlacement::OutsideRight, "outside-right", "Outside, right"},
    {LegendPlacement::Below, "below", "Below the plot"},
    {LegendPlacement::None, "none", "None"},
}};
constexpr std::array<NameEntry<TransformerAttention>, 3> kAttentionKinds{{
    {TransformerAttention::EncoderSelf, "encoder-self", "Encoder self-attention"},
    {TransformerAttention::DecoderSelf, "decoder-self", "Decoder self-attention"},
    {TransformerAttention::Cross, "cross", "Encoder-decoder attention"},
}};
constexpr std::array<NameEntry<AttentionAverage>, 3> kAttentionAverages{{
    {AttentionAverage::None, "none", "Every head"},
    {AttentionAverage::Heads, "heads", "Mean over heads"},
    {AttentionAverage::Layers, "layers", "Mean over layers"},
}};
constexpr std::array<NameEntry<TransformerBottom>, 3> kTransformerBottoms{{
    {TransformerBottom::NextToken, "next-token", "Next token"},
    {TransformerBottom::Logits, "logits", "Logits"},
    {TransformerBottom::Training, "training", "Training"},
}};
constexpr std::array<NameEntry<TaskKind>, 4> kTasks{{
    {TaskKind::Copy, "copy", "Copy digits"},
    {TaskKind::Reverse, "reverse", "Reverse digits"},
    {TaskKind::Sort, "sort", "Sort digits"},
    {TaskKind::Phrases, "phrases", "English to French phrases"},
}};
constexpr std::array<NameEntry<ModelSource>, 2> kModelSources{{
    {ModelSource::File, "file", "The file at model.path"},
    {ModelSource::Training, "training", "The model training in the window"},
}};

template <class E, std::size_t N>
std::string_view lookup_name(const std::array<NameEntry<E>, N>& table, E v) {
  for (const auto& e : table)
    if (e.value == v) return e.name;
  return "?";
}
template <class E, std::size_t N>
std::string_view lookup_title(const std::array<NameEntry<E>, N>& table, E v) {
  for (const auto& e : table)
    if (e.value == v) return e.title;
  return "?";
}
template <class E, std::size_t N>
std::string choices(const std::array<NameEntry<E>, N>& table) {
  std::string out;
  for (const auto& e : table) {
    if (!out.empty()) out += '|';
    out += e.name;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Value parsing: strict, whole-string, finite.

// The shortest text that reads back exactly ("1000", "0.001", "2.5").
std::string format_real(double v) {
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return ec == std::errc() ? std::string(buf, end) : std::string("nan");
}

std::optional<double> parse_real(std::string_view text) {
  double v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(v)) return {};
  return v;
}

std::optional<long long> parse_integer(std::string_view text) {
  long long v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size()) return {};
  return v;
}

std::optional<std::string> check_real(std::string_view text, double lo, double hi, double& out) {
  auto v = parse_real(text);
  if (!v) return quote_for_message(text) + " is not a finite number";
  if (*v < lo || *v > hi)
    return quote_for_message(text) + " is out of range (" + format_real(lo) + " to " +
           format_real(hi) + ")";
  out = *v;
  return {};
}

std::optional<std::string> check_integer(std::string_view text, long long lo, long long hi,
                                         long long& out) {
  auto v = parse_integer(text);
  if (!v) return quote_for_message(text) + " is not a whole number";
  if (*v < lo || *v > hi)
    return quote_for_message(text) + " is out of range (" + std::to_string(lo) + " to " +
           std::to_string(hi) + ")";
  out = *v;
  return {};
}

template <class E, std::size_t N>
std::optional<std::string> check_choice(const std::array<NameEntry<E>, N>& table,
                                        std::string_view text, E& out) {
  for (const auto& e : table)
    if (e.name == text) {
      out = e.value;
      return {};
    }
  return quote_for_message(text) + " is not one of " + choices(table);
}

// Text settings are saved in session files, which are JSON and so UTF-8.
std::optional<std::string> check_utf8(std::string_view text) {
  if (is_utf8(text)) return {};
  return quote_for_message(text) + " is not UTF-8 text";
}

std::optional<std::string> check_bool(std::string_view text, bool& out) {
  if (text == "true" || text == "1" || text == "on") return out = true, std::nullopt;
  if (text == "false" || text == "0" || text == "off") return out = false, std::nullopt;
  return quote_for_message(text) + " is not true or false";
}

// ---------------------------------------------------------------------------------------------
// The registry. Each entry is written out with captureless lambdas so that it reads as a table.

#define AL_REAL(FIELD, LO, HI)                                                    \
  [](Settings& s, std::string_view v) { return check_real(v, LO, HI, s.FIELD); }, \
      [](const Settings& s) { return format_real(s.FIELD); }
#define AL_INT(FIELD, LO, HI)                                         \
  [](Settings& s, std::string_view v) -> std::optional<std::string> { \
    long long x = 0;                                                  \
    if (auto e = check_integer(v, LO, HI, x)) return e;               \
    s.FIELD = static_cast<decltype(s.FIELD)>(x);                      \
    return {};                                                        \
  },                                                                  \
      [](const Settings& s) { return std::to_string(s.FIELD); }
#define AL_CHOICE(FIELD, TABLE)                                                    \
  [](Settings& s, std::string_view v) { return check_choice(TABLE, v, s.FIELD); }, \
      [](const Settings& s) { return std::string(lookup_name(TABLE, s.FIELD)); }
#define AL_TEXT(FIELD)                                                \
  [](Settings& s, std::string_view v) -> std::optional<std::string> { \
    if (auto e = check_utf8(v)) return e;                             \
    s.FIELD = std::string(v);                                         \
    return {};                                                        \
  },                                                                  \
      [](const Settings& s) { return s.FIELD; }
#define AL_BOOL(FIELD)                                                    \
  [](Settings& s, std::string_view v) { return check_bool(v, s.FIELD); }, \
      [](const Settings& s) { return std::string(s.FIELD ? "true" : "false"); }

std::optional<std::string> set_preset(Settings& s, std::string_view v) {
  if (v == "d2l-v2") {  // the book's older edition, §10.2
    s.data_function = TargetFunction::D2lV2;
    s.data_n_train = 50;
    s.data_noise = 0.5;
  } else if (v == "d2l-v1") {  // the book's newer edition, §11.2
    s.data_function = TargetFunction::D2lV1;
    s.data_n_train = 40;
    s.data_noise = 1.0;
  } else {
    return quote_for_message(v) + " is not one of d2l-v2|d2l-v1";
  }
  s.data_preset = std::string(v);
  s.data_x_min = 0.0;
  s.data_x_max = 5.0;
  s.query_min = 0.0;
  s.query_max = 5.0;
  s.query_step = 0.1;
  return {};
}

// input.src and input.tgt are read word by word into a model: their length bounds tokenising
// and, with the model's max_len, what one run of a transformer figure costs.
constexpr std::size_t kMaxSentenceBytes = 4096;

std::optional<std::string> check_sentence(std::string_view text, std::string& out) {
  if (auto e = check_utf8(text)) return e;
  if (text.size() > kMaxSentenceBytes)
    return std::to_string(text.size()) + " bytes is longer than " +
           std::to_string(kMaxSentenceBytes);
  out = std::string(text);
  return {};
}

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

std::optional<std::string> set_pe_dim(Settings& s, std::string_view v) {
  long long d = 0;
  if (auto e = check_integer(v, 2, 1024, d)) return e;
  if (d % 2 != 0) return quote_for_message(v) + " is odd (sin and cos come in pairs of columns)";
  s.pe_dim = static_cast<int>(d);
  return {};
}

std::optional<std::string> set_w0(Settings& s, std::string_view v) {
  if (v == "random") return s.train_w0.reset(), std::nullopt;
  double w = 0;
  if (check_real(v, -1000.0, 1000.0, w))
    return quote_for_message(v) + " is not 'random' or a number in -1000 to 1000";
  s.train_w0 = w;
  return {};
}

const std::vector<SettingInfo>& registry() {
  static const std::vector<SettingInfo> r = [] {
    std::vector<SettingInfo> entries = {
        {"data.preset", "dataset preset; also sets data.function, data.n_train, data.noise",
         "d2l-v2|d2l-v1", "", set_preset, [](const Settings& s) { return s.data_preset; }},
        {"data.seed", "seed of the generated data and of w0", "0 to 2^53", "",
         AL_INT(data_seed, 0, 9007199254740992LL)},
        {"data.n_train", "number of generated training points", "1 to 100000", "",
         AL_INT(data_n_train, 1, 100000)},
        {"data.noise", "standard deviation of the Gaussian noise on y", "0 to 100", "",
         AL_REAL(data_noise, 0.0, 100.0)},
        {"data.function", "target function f", choices(kFunctions), "",
         AL_CHOICE(data_function, kFunctions)},
        {"data.x_min", "training x ~ U[x_min, x_max)", "-1000 to 1000", "",
         AL_REAL(data_x_min, -1000.0, 1000.0)},
        {"data.x_max", "training x ~ U[x_min, x_max)", "-1000 to 1000", "",
         AL_REAL(data_x_max, -1000.0, 1000.0)},
        {"data.query_min", "first query x", "-1000 to 1000", "",
         AL_REAL(query_min, -1000.0, 1000.0)},
        {"data.query_max", "queries run up to (not including) this x", "-1000 to 1000", "",
         AL_REAL(query_max, -1000.0, 1000.0)},
        {"data.query_step", "spacing of the query grid", "0.0001 to 1000", "",
         AL_REAL(query_step, 1e-4, 1000.0)},
        {"data.csv", "CSV file of x,y training points (empty: generated data)", "a file path", "",
         AL_TEXT(data_csv)},
        {"kernel", "kernel of the Nadaraya-Watson estimator", choices(kKernels), "",
         AL_CHOICE(kernel, kKernels)},
        {"kernel.w", "inverse kernel width w (sigma = 1/w)", "0.001 to 1000", "",
         AL_REAL(kernel_w, 1e-3, 1e3)},
        {"train.lr", "SGD learning rate of the parametric model", "0 to 1000", "",
         AL_REAL(train_lr, 0.0, 1e3)},
        {"train.epochs", "epochs trained for figures and at start-up", "0 to 100000", "",
         AL_INT(train_epochs, 0, 100000)},
        {"train.w0", "initial w of the parametric model", "random or -1000 to 1000", "", set_w0,
         [](const Settings& s) {
           return s.train_w0 ? format_real(*s.train_w0) : std::string("random");
         }},
        {"train.batch", "minibatch size (0: full batch)", "0 to 100000", "",
         AL_INT(train_batch, 0, 100000)},
        {"train.speed", "epochs per second while training plays in the app", "0.1 to 1000", "",
         AL_REAL(train_speed, 0.1, 1000.0)},
        {"train.step_epochs", "epochs added by the app's \"+N epochs\" button", "1 to 100000", "",
         AL_INT(train_step_epochs, 1, 100000)},
        {"attention.estimator", "estimator whose weights the attention figure shows",
         choices(kEstimators), "", AL_CHOICE(attention_estimator, kEstimators)},
        {"attention.kind",
         "which attention of the Transformer the transformer-attention image draws",
         choices(kAttentionKinds), "", AL_CHOICE(attention_kind, kAttentionKinds)},
        {"attention.layer",
         "layer (block) of attention.kind that transformer-query-steps shows, from 0", "0 to 999",
         "", AL_INT(attention_layer, 0, 999)},
        {"attention.head", "head that transformer-query-steps shows, from 0", "0 to 999", "",
         AL_INT(attention_head, 0, 999)},
        {"attention.query",
         "query (a position on the query side of attention.kind) that transformer-query-steps "
         "follows from its scores to its weights, from 0",
         "0 to 9999", "", AL_INT(attention_query, 0, 9999)},
        {"attention.heads",
         "heads the Transformer lab's grid shows: all, or heads from 0 as in 0,2",
         "all or distinct heads 0 to 999, comma-separated", "", set_heads, get_heads},
        {"attention.average",
         "the Transformer lab's grid: every head, each layer's mean over heads, or each head's "
         "mean over layers",
         choices(kAttentionAverages), "", AL_CHOICE(attention_average, kAttentionAverages)},
        {"attention.enlarged",
         "the Transformer lab's grid shows only the selected map (attention.layer, "
         "attention.head), large",
         "true|false", "", AL_BOOL(attention_enlarged)},
        {"model.path",
         "Transformer model file (.safetensors) of the transformer figures (empty: none)",
         "a file path", "", AL_TEXT(model_path)},
        {"model.source",
         "the model the Transformer lab shows: the file at model.path, or the model training in "
         "the window",
         choices(kModelSources), "", AL_CHOICE(model_source, kModelSources)},
        {"input.src", "source sentence of the transformer figures, words split on spaces",
         "text of at most 4096 bytes", "",
         [](Settings& s, std::string_view v) { return check_sentence(v, s.input_src); },
         [](const Settings& s) { return s.input_src; }},
        {"input.tgt", "target words the decoder is teacher-forced on (empty: greedy decoding)",
         "text of at most 4096 bytes", "",
         [](Settings& s, std::string_view v) { return check_sentence(v, s.input_tgt); },
         [](const Settings& s) { return s.input_tgt; }},
        {"decode.max_steps",
         "tokens greedy decoding produces at most when the model emits no <eos> before",
         "1 to 1000", "", AL_INT(decode_max_steps, 1, 1000)},
        {"decode.step",
         "decoder steps the Transformer figures show (0: all); the run as it was after that many "
         "tokens",
         "0 to 1000", "", AL_INT(decode_step, 0, 1000)},
        {"decode.temperature", "softmax temperature of the next-token probabilities", "0.05 to 10",
         "", AL_REAL(decode_temperature, 0.05, 10.0)},
        {"pe.dim", "encoding dimension d of the positional-encoding figure", "even, 2 to 1024", "",
         set_pe_dim, [](const Settings& s) { return std::to_string(s.pe_dim); }},
        {"pe.positions", "positions (rows) of the positional-encoding figure", "1 to 10000", "",
         AL_INT(pe_positions, 1, 10000)},
        {"scoring.seed", "seed of the random queries of the scoring figure", "0 to 2^53", "",
         AL_INT(scoring_seed, 0, 9007199254740992LL)},
        {"tf.d_model", "model width d of `attention-lab train` (divisible by tf.heads)",
         "1 to 1024", "", AL_INT(tf_d_model, 1, 1024)},
        {"tf.heads", "attention heads of `attention-lab train`", "1 to 64", "",
         AL_INT(tf_heads, 1, 64)},
        {"tf.layers", "encoder layers and decoder layers (each) of `attention-lab train`",
         "1 to 16", "", AL_INT(tf_layers, 1, 16)},
        {"tf.ffn", "hidden units of the position-wise FFN of `attention-lab train`", "1 to 8192",
         "", AL_INT(tf_ffn, 1, 8192)},
        {"tf.steps", "training steps (batches) of `attention-lab train`", "1 to 1000000", "",
         AL_INT(tf_steps, 1, 1000000)},
        {"tf.batch", "sequences per training step of `attention-lab train`", "1 to 4096", "",
         AL_INT(tf_batch, 1, 4096)},
        {"tf.lr", "peak Adam learning rate of `attention-lab train`", "1e-06 to 1", "",
         AL_REAL(tf_lr, 1e-6, 1.0)},
        {"tf.seed", "seed of the initial weights and the training data of `attention-lab train`",
         "0 to 2^53", "", AL_INT(tf_seed, 0, 9007199254740992LL)},
        {"tf.seq_len", "digits per sequence of the copy, reverse and sort tasks", "1 to 100", "",
         AL_INT(tf_seq_len, 1, 100)},
        {"tf.dropout", "dropout probability while training (0: off)", "0 to 0.9", "",
         AL_REAL(tf_dropout, 0.0, 0.9)},
        {"tf.task", "task of the window's training and the transformer-training figure",
         choices(kTasks), "", AL_CHOICE(tf_task, kTasks)},
        {"tf.speed",
         "training steps per second at most while training plays in the app (0: no limit)",
         "0 to 100000", "", AL_REAL(tf_speed, 0.0, 100000.0)},
        {"tf.step_steps", "training steps of the app's Step button", "1 to 100000", "",
         AL_INT(tf_step_steps, 1, 100000)},
        {"view.colormap", "heatmap colormap", choices(kColormaps), "",
         AL_CHOICE(view_colormap, kColormaps)},
        {"view.truth", "show the true function", "true|false", "", AL_BOOL(view_truth)},
        {"view.points", "show the training points", "true|false", "", AL_BOOL(view_points)},
        {"view.average", "show average pooling", "true|false", "", AL_BOOL(view_average)},
        {"view.nadaraya_watson", "show the Nadaraya-Watson curve", "true|false", "",
         AL_BOOL(view_nadaraya_watson)},
        {"view.parametric", "show the parametric model's curve", "true|false", "",
         AL_BOOL(view_parametric)},
        {"view.query", "selected query index (-1: none), highlighted in every view",
         "-1 to 1000000", "", AL_INT(view_query, -1, 1000000)},
        {"view.font_size", "font size in points at 1x scale", "8 to 64", "",
         AL_REAL(view_font_size, 8.0, 64.0)},
        {"app.lab", "the lab the app shows (also `attention-lab --lab NAME`)", choices(kAppLabs),
         "", AL_CHOICE(app_lab, kAppLabs)},
        {"view.presentation", "presentation mode: the app draws everything 1.75x larger",
         "true|false", "", AL_BOOL(view_presentation)},
        {"view.bottom", "the app's figure below the regression plot and the heatmap",
         choices(kBottomViews), "", AL_CHOICE(view_bottom, kBottomViews)},
        {"view.legend",
         "where legends go (auto: inside where they cover no data, else outside the axes)",
         choices(kLegendPlacements), "", AL_CHOICE(view_legend, kLegendPlacements)},
        {"view.tf_bottom", "the Transformer lab's figure below the attention grid",
         choices(kTransformerBottoms), "", AL_CHOICE(view_tf_bottom, kTransformerBottoms)},
    };
    const Settings defaults;
    for (auto& info : entries) info.default_value = info.get(defaults);
    return entries;
  }();
  return r;
}

#undef AL_REAL
#undef AL_INT
#undef AL_CHOICE
#undef AL_TEXT
#undef AL_BOOL

}  // namespace

std::string_view name(Kernel k) {
  return lookup_name(kKernels, k);
}
std::string_view name(TargetFunction f) {
  return lookup_name(kFunctions, f);
}
std::string_view name(Estimator e) {
  return lookup_name(kEstimators, e);
}
std::string_view name(Colormap c) {
  return lookup_name(kColormaps, c);
}
std::string_view name(AppLab l) {
  return lookup_name(kAppLabs, l);
}
std::string_view title(AppLab l) {
  return lookup_title(kAppLabs, l);
}
std::string_view name(BottomView v) {
  return lookup_name(kBottomViews, v);
}
std::string_view name(TransformerAttention a) {
  return lookup_name(kAttentionKinds, a);
}
std::string_view name(LegendPlacement p) {
  return lookup_name(kLegendPlacements, p);
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
std::string_view title(TargetFunction f) {
  return lookup_title(kFunctions, f);
}
std::string_view title(Kernel k) {
  return lookup_title(kKernels, k);
}
std::string_view title(BottomView v) {
  return lookup_title(kBottomViews, v);
}
std::string_view title(TransformerAttention a) {
  return lookup_title(kAttentionKinds, a);
}

std::span<const SettingInfo> setting_registry() {
  return registry();
}

const SettingInfo* find_setting(std::string_view key) {
  for (const auto& info : registry())
    if (info.key == key) return &info;
  return nullptr;
}

std::optional<std::string> apply_setting(Settings& s, std::string_view key,
                                         std::string_view value) {
  const SettingInfo* info = find_setting(key);
  if (!info)
    return "unknown settings key " + quote_for_message(key) +
           " (see `attention-lab figure --list`)";
  Settings copy = s;
  if (auto err = info->set(copy, value)) return std::string(key) + ": " + *err;
  s = std::move(copy);
  return {};
}

std::optional<std::string> apply_settings(
    Settings& s, const std::vector<std::pair<std::string, std::string>>& assignments) {
  std::map<std::size_t, std::string_view> by_order;  // registry index -> last value given
  const auto reg = setting_registry();
  for (const auto& [key, value] : assignments) {
    const SettingInfo* info = find_setting(key);
    if (!info)
      return "unknown settings key " + quote_for_message(key) +
             " (see `attention-lab figure --list`)";
    by_order[static_cast<std::size_t>(info - reg.data())] = value;
  }
  Settings copy = s;
  for (const auto& [index, value] : by_order)
    if (auto err = apply_setting(copy, reg[index].key, value)) return err;
  s = std::move(copy);
  return {};
}

std::optional<std::pair<std::string, std::string>> split_assignment(std::string_view arg) {
  auto eq = arg.find('=');
  if (eq == std::string_view::npos || eq == 0) return {};
  return std::pair{std::string(arg.substr(0, eq)), std::string(arg.substr(eq + 1))};
}

}  // namespace al
