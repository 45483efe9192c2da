// The kernel-regression lab's knobs: the data, the Nadaraya–Watson kernel, the parametric model's
// training and what the lab's views show. Their keys, ranges and help are the table in
// kernel_regression_settings.cpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace al {

struct SettingInfo;

enum class Kernel { Gaussian, Boxcar, Constant, Epanechnikov, Triangular, Laplace };
enum class TargetFunction { D2lV2, D2lV1, Sin, Step, Abs };
enum class Estimator { Average, NadarayaWatson, Parametric };
// Which figure the lab shows under the regression plot and the heatmap.
enum class BottomView { Training, Kernels };

std::string_view name(Kernel k);
std::string_view name(TargetFunction f);
std::string_view name(Estimator e);
std::string_view name(BottomView v);
// Human-readable formula or title for legends and labels, e.g. "2 sin x + x^0.8".
std::string_view title(TargetFunction f);
std::string_view title(Kernel k);
std::string_view title(BottomView v);  // "Kernels K(u)"

struct KernelRegressionSettings {
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

  // attention.estimator: which estimator's matrix the attention figure shows.
  Estimator attention_estimator = Estimator::NadarayaWatson;

  // view.*: what the lab's views draw. They change no numbers.
  bool view_truth = true;
  bool view_points = true;
  bool view_average = true;
  bool view_nadaraya_watson = true;
  bool view_parametric = true;
  int view_query = -1;  // selected query index, -1 for none: highlighted in every view
  BottomView view_bottom = BottomView::Training;

  bool operator==(const KernelRegressionSettings&) const = default;
};

std::vector<SettingInfo> kernel_regression_setting_table();

}  // namespace al
