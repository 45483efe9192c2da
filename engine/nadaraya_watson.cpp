// Average pooling and Nadaraya–Watson attention pooling over scalar keys, one query row at a time.
#include "nadaraya_watson.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <utility>

#include "kernels.hpp"
#include "parallel.hpp"
#include "vector_exp.hpp"

namespace al {
namespace {

using Eigen::Index;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// One query row of the Nadaraya–Watson weights:
//
//   a_i = K(u_i) / sum_j K(u_j),  u_i = (k_i - q) w,   f(q) = sum_i a_i y_i
//
// The Gaussian and Laplace kernels are exponentials, a_i = softmax_i(log K(u_i)), computed as
// exp(log K(u_i) - m) / sum with m = max_j log K(u_j), so no w and no spread of the data
// overflows or underflows the whole row. The maximum belongs to the key nearest to q. The other
// kernels are bounded by 1 and 0 outside |u| < 1, so K / sum K is already safe (and equal to the
// softmax of log K). A row whose weights are all 0 (no key within reach of a compact kernel)
// is undefined: f(q) = NaN, weights 0.
//
// Only keys within `reach` of q can get a non-zero weight, so with sorted keys a binary search
// limits the work to that window:
//   compact kernels  |u| < 1                        d < 1/|w|
//   Gaussian         (u^2 - u_min^2)/2 <= 709       d <= sqrt(d_min^2 + 1418/w^2)
//   Laplace          |u| - |u_min| <= 709           d <= d_min + 709/|w|
// (d = |k - q|; exp_nonpositive gives exactly 0 below -709, so the window changes nothing.)
class RowPooling {
 public:
  RowPooling(const std::vector<double>& keys, const std::vector<double>& values, Kernel kernel,
             double w)
      : keys_(keys.data()),
        values_(values.data()),
        n_(static_cast<Index>(keys.size())),
        kernel_(kernel),
        w_(w),
        sorted_(std::is_sorted(keys.begin(), keys.end())) {}

  // Writes the n weights of query q to `row` and returns f(q).
  double operator()(double q, double* row) const {
    if (n_ == 0) return kNaN;
    const bool exponential = kernel_ == Kernel::Gaussian || kernel_ == Kernel::Laplace;
    const Index nearest = exponential ? nearest_key(q) : 0;
    const auto [begin, end] = window(q, nearest);
    Eigen::Map<Eigen::ArrayXd>(row, begin).setZero();
    Eigen::Map<Eigen::ArrayXd>(row + end, n_ - end).setZero();

    Eigen::Map<Eigen::ArrayXd> a(row + begin, end - begin);
    const Eigen::Map<const Eigen::ArrayXd> k(keys_ + begin, end - begin);
    const double k_near = keys_[nearest], u_min = (k_near - q) * w_;
    switch (kernel_) {
      case Kernel::Gaussian:  // (u_min^2 - u^2)/2, factored so that no large squares cancel
        a = (-0.5 * w_ * w_) * (k - k_near) * ((k - q) + (k_near - q));
        exp_nonpositive(a);
        break;
      case Kernel::Laplace:
        a = std::abs(u_min) - ((k - q) * w_).abs();
        exp_nonpositive(a);
        break;
      case Kernel::Boxcar:
        a = (((k - q) * w_).abs() < 1.0).cast<double>();
        break;
      case Kernel::Epanechnikov:
        a = 0.75 * (1.0 - ((k - q) * w_).square()).max(0.0);
        break;
      case Kernel::Triangular:
        a = (1.0 - ((k - q) * w_).abs()).max(0.0);
        break;
      case Kernel::Constant:
        a.setOnes();
        break;
    }
    const double sum = a.sum();
    if (!(sum > 0.0)) {  // no key within reach (or a NaN query)
      a.setZero();
      return kNaN;
    }
    a *= 1.0 / sum;
    const Eigen::Map<const Eigen::ArrayXd> y(values_ + begin, end - begin);
    return (a * y).sum();
  }

 private:
  Index nearest_key(double q) const {
    if (!sorted_) {
      Index best = 0;
      for (Index i = 1; i < n_; ++i)
        if (std::abs(keys_[i] - q) < std::abs(keys_[best] - q)) best = i;
      return best;
    }
    const Index j = std::lower_bound(keys_, keys_ + n_, q) - keys_;
    if (j == n_) return n_ - 1;
    if (j == 0) return 0;
    return q - keys_[j - 1] <= keys_[j] - q ? j - 1 : j;
  }

  std::pair<Index, Index> window(double q, Index nearest) const {
    const double aw = std::abs(w_), d_min = std::abs(keys_[nearest] - q);
    double reach = std::numeric_limits<double>::infinity();
    if (has_compact_support(kernel_)) reach = 1.0 / aw;
    if (kernel_ == Kernel::Gaussian) reach = std::sqrt(d_min * d_min + 1418.0 / (aw * aw));
    if (kernel_ == Kernel::Laplace) reach = d_min + 709.0 / aw;
    if (!sorted_ || !(reach < std::numeric_limits<double>::infinity())) return {0, n_};
    // A margin well above the rounding of q - reach: the kernel itself decides at the edge.
    const double r = reach * (1.0 + 1e-9) + std::abs(q) * 1e-12;
    return {std::lower_bound(keys_, keys_ + n_, q - r) - keys_,
            std::upper_bound(keys_, keys_ + n_, q + r) - keys_};
  }

  const double* keys_;
  const double* values_;
  Index n_;
  Kernel kernel_;
  double w_;
  bool sorted_;
};

}  // namespace

int Estimate::undefined_count() const {
  return static_cast<int>(prediction.array().isNaN().count());
}

Estimate average_pooling(const std::vector<double>& queries, const std::vector<double>& keys,
                         const std::vector<double>& values) {
  const auto nq = static_cast<Index>(queries.size()), n = static_cast<Index>(keys.size());
  Estimate e;
  e.weights.setConstant(nq, n, n == 0 ? 0.0 : 1.0 / static_cast<double>(n));
  const double mean =
      n == 0 ? kNaN : std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(n);
  e.prediction.setConstant(nq, mean);
  return e;
}

Estimate nadaraya_watson(const std::vector<double>& queries, const std::vector<double>& keys,
                         const std::vector<double>& values, Kernel kernel, double w) {
  Estimate e;
  nadaraya_watson(queries, keys, values, kernel, w, e);
  return e;
}

void nadaraya_watson(const std::vector<double>& queries, const std::vector<double>& keys,
                     const std::vector<double>& values, Kernel kernel, double w, Estimate& out) {
  const auto nq = static_cast<Index>(queries.size()), n = static_cast<Index>(keys.size());
  out.weights.resize(nq, n);  // keeps the allocation when the size is unchanged
  out.prediction.resize(nq);
  const RowPooling pool(keys, values, kernel, w);
  parallel_rows(static_cast<int>(nq), static_cast<double>(nq) * static_cast<double>(n),
                [&](int begin, int end) {
                  for (int r = begin; r < end; ++r)
                    out.prediction[r] =
                        pool(queries[static_cast<std::size_t>(r)], out.weights.row(r).data());
                });
}

}  // namespace al
