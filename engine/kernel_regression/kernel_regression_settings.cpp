#include "kernel_regression_settings.hpp"

#include "engine/setting_table.hpp"
#include "engine/settings.hpp"
#include "engine/user_text.hpp"

namespace al {
namespace {

constexpr NameTable<Kernel, 6> kKernels{{
    {Kernel::Gaussian, "gaussian", "Gaussian"},
    {Kernel::Boxcar, "boxcar", "Boxcar"},
    {Kernel::Constant, "constant", "Constant"},
    {Kernel::Epanechnikov, "epanechnikov", "Epanechnikov"},
    {Kernel::Triangular, "triangular", "Triangular"},
    {Kernel::Laplace, "laplace", "Laplace"},
}};
constexpr NameTable<TargetFunction, 5> kFunctions{{
    {TargetFunction::D2lV2, "d2l-v2", "2 sin x + x^0.8"},
    {TargetFunction::D2lV1, "d2l-v1", "2 sin x + x"},
    {TargetFunction::Sin, "sin", "sin x"},
    {TargetFunction::Step, "step", "step at x = 2.5"},
    {TargetFunction::Abs, "abs", "|x - 2.5|"},
}};
constexpr NameTable<Estimator, 3> kEstimators{{
    {Estimator::Average, "average", "Average pooling"},
    {Estimator::NadarayaWatson, "nadaraya-watson", "Nadaraya-Watson"},
    {Estimator::Parametric, "parametric", "Parametric (learned w)"},
}};
constexpr NameTable<BottomView, 2> kBottomViews{{
    {BottomView::Training, "training", "Training: loss and learned w"},
    {BottomView::Kernels, "kernels", "Kernels K(u)"},
}};

// A path is opened and read; longer than any file system's limit is a mistake.
constexpr std::size_t kMaxPathBytes = 4096;

// data.preset sets the book's data of either edition at once; keys given with it win, since the
// registry applies it first.
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
    return not_one_of(v, "d2l-v2|d2l-v1");
  }
  s.data_preset = std::string(v);
  s.data_x_min = 0.0;
  s.data_x_max = 5.0;
  s.query_min = 0.0;
  s.query_max = 5.0;
  s.query_step = 0.1;
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

std::string get_w0(const Settings& s) {
  return s.train_w0 ? shortest_number(*s.train_w0) : std::string("random");
}

using S = KernelRegressionSettings;

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
std::string_view name(BottomView v) {
  return lookup_name(kBottomViews, v);
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

std::vector<SettingInfo> kernel_regression_setting_table() {
  return {
      {"data.preset", "dataset preset; also sets data.function, data.n_train, data.noise",
       "d2l-v2|d2l-v1", "", set_preset, [](const Settings& s) { return s.data_preset; }},
      integer_setting("data.seed", "seed of the generated data and of w0", &S::data_seed, 0,
                      kMaxSeed),
      integer_setting("data.n_train", "number of generated training points", &S::data_n_train, 1,
                      100000),
      real_setting("data.noise", "standard deviation of the Gaussian noise on y", &S::data_noise,
                   0.0, 100.0),
      choice_setting("data.function", "target function f", &S::data_function, kFunctions),
      real_setting("data.x_min", "training x ~ U[x_min, x_max)", &S::data_x_min, -1000.0, 1000.0),
      real_setting("data.x_max", "training x ~ U[x_min, x_max)", &S::data_x_max, -1000.0, 1000.0),
      real_setting("data.query_min", "first query x", &S::query_min, -1000.0, 1000.0),
      real_setting("data.query_max", "queries run up to (not including) this x", &S::query_max,
                   -1000.0, 1000.0),
      real_setting("data.query_step", "spacing of the query grid", &S::query_step, 1e-4, 1000.0),
      text_setting("data.csv", "CSV file of x,y training points (empty: generated data)",
                   "a file path", &S::data_csv, kMaxPathBytes),
      choice_setting("kernel", "kernel of the Nadaraya-Watson estimator", &S::kernel, kKernels),
      real_setting("kernel.w", "inverse kernel width w (sigma = 1/w)", &S::kernel_w, 1e-3, 1e3),
      real_setting("train.lr", "SGD learning rate of the parametric model", &S::train_lr, 0.0, 1e3),
      integer_setting("train.epochs", "epochs trained for figures and at start-up",
                      &S::train_epochs, 0, 100000),
      {"train.w0", "initial w of the parametric model", "random or -1000 to 1000", "", set_w0,
       get_w0},
      integer_setting("train.batch", "minibatch size (0: full batch)", &S::train_batch, 0, 100000),
      real_setting("train.speed", "epochs per second while training plays in the app",
                   &S::train_speed, 0.1, 1000.0),
      integer_setting("train.step_epochs", "epochs added by the app's \"+N epochs\" button",
                      &S::train_step_epochs, 1, 100000),
      choice_setting("attention.estimator", "estimator whose weights the attention figure shows",
                     &S::attention_estimator, kEstimators),
      bool_setting("view.truth", "show the true function", &S::view_truth),
      bool_setting("view.points", "show the training points", &S::view_points),
      bool_setting("view.average", "show average pooling", &S::view_average),
      bool_setting("view.nadaraya_watson", "show the Nadaraya-Watson curve",
                   &S::view_nadaraya_watson),
      bool_setting("view.parametric", "show the parametric model's curve", &S::view_parametric),
      integer_setting("view.query", "selected query index (-1: none), highlighted in every view",
                      &S::view_query, -1, 1000000),
      choice_setting("view.bottom", "the app's figure below the regression plot and the heatmap",
                     &S::view_bottom, kBottomViews),
  };
}

}  // namespace al
