// Attention pooling over scalar keys: average pooling and Nadaraya–Watson kernel regression.
// Each estimate is the prediction at every query and the whole query x key attention matrix.
#pragma once

#include <Eigen/Core>
#include <vector>

#include "engine/settings.hpp"

namespace al {

using RowMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
// Attention weights are stored in float, as PyTorch does: a 5000 x 5000 matrix is 100 MB instead
// of 200, half the memory to write and to keep. Each row is computed in double and rounded only
// when stored, so the predictions are those of the double weights.
using WeightMatrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

struct Estimate {
  // f(query) = sum_i weights(query, i) * y_i. NaN marks an undefined prediction: a query whose
  // kernel weights are all exactly zero (no key within reach of a compact kernel).
  Eigen::VectorXd prediction;
  // Queries x keys, each weight rounded to float. Each defined row is non-negative and sums to 1
  // (within float rounding, about 1e-7 per row); an undefined row is all zero.
  WeightMatrix weights;
  int undefined_count() const;
};

// Average pooling: every weight is 1/n.
Estimate average_pooling(const std::vector<double>& queries, const std::vector<double>& keys,
                         const std::vector<double>& values);

// Nadaraya–Watson: weights(q, i) = K((q - k_i) w) / sum_j K((q - k_j) w), computed as a softmax
// of log K with the row maximum subtracted.
Estimate nadaraya_watson(const std::vector<double>& queries, const std::vector<double>& keys,
                         const std::vector<double>& values, Kernel kernel, double w);
// The same, written into `out`: its storage is reused when the shape is unchanged, which saves
// touching fresh memory for every large matrix (as when dragging kernel.w).
void nadaraya_watson(const std::vector<double>& queries, const std::vector<double>& keys,
                     const std::vector<double>& values, Kernel kernel, double w, Estimate& out);

}  // namespace al
