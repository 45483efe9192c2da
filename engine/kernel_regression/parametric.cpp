// The parametric Nadaraya–Watson model: its leave-one-out loss and gradient, and SGD on w.
#include "parametric.hpp"

#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <utility>

#include "engine/parallel.hpp"
#include "engine/rng.hpp"
#include "engine/short_number.hpp"
#include "engine/vector_exp.hpp"

namespace al {
namespace {

// Row i's squared error and its derivative in w:
//
//   s_j = -(w d_j)^2 / 2,  d_j = x_j - x_i,   a_j = softmax_{j != i}(s_j)   (max subtracted)
//   f   = sum_j a_j y_j,   g_j = ds_j/dw = -w d_j^2,   gbar = sum_j a_j g_j
//   df/dw = sum_j a_j y_j (g_j - gbar) = sum_j a_j (y_j - f)(g_j - gbar)
//   loss = (f - y_i)^2,    dloss/dw = 2 (f - y_i) df/dw
//
// The centred form of df/dw (a covariance under a) avoids cancelling two large sums.
// `a` and `g` are scratch space of n doubles. A row with no other point has nothing to learn
// from: it adds 0.
using ConstArray = Eigen::Map<const Eigen::ArrayXd>;

LossAndGrad row_loss(const ConstArray& x, const ConstArray& y, double w, Eigen::Index i,
                     Eigen::ArrayXd& a, Eigen::ArrayXd& g) {
  if (x.size() < 2) return {};
  g = -w * (x - x[i]).square();  // g_j, and s_j = w g_j / 2
  a = 0.5 * w * g;
  a[i] = -std::numeric_limits<double>::infinity();
  a -= a.maxCoeff();
  exp_nonpositive(a);
  a[i] = 0.0;
  a *= 1.0 / a.sum();
  const double f = (a * y).sum();
  const double gbar = (a * g).sum();
  const double dfdw = (a * (y - f) * (g - gbar)).sum();
  const double r = f - y[i];
  return {r * r, 2.0 * r * dfdw};
}

}  // namespace

LossAndGrad parametric_loss(const std::vector<double>& x, const std::vector<double>& y, double w,
                            const std::vector<int>& rows) {
  const auto n = static_cast<Eigen::Index>(x.size());
  const ConstArray xs(x.data(), n), ys(y.data(), n);
  std::vector<int> all;
  if (rows.empty()) {
    all.resize(static_cast<std::size_t>(n));
    std::iota(all.begin(), all.end(), 0);
  }
  const std::vector<int>& use = rows.empty() ? all : rows;
  const int m = static_cast<int>(use.size());

  // Per-row terms first, summed afterwards in row order: the same total on any thread count.
  std::vector<LossAndGrad> terms(use.size());
  parallel_rows(m, static_cast<double>(m) * static_cast<double>(n), [&](int begin, int end) {
    Eigen::ArrayXd a(n), g(n);
    for (int r = begin; r < end; ++r)
      terms[static_cast<std::size_t>(r)] =
          row_loss(xs, ys, w, use[static_cast<std::size_t>(r)], a, g);
  });
  LossAndGrad total;
  for (const auto& t : terms) {
    total.loss += t.loss;
    total.grad += t.grad;
  }
  return total;
}

void ParametricTrainer::reset(std::vector<double> x, std::vector<double> y, double w0, double lr,
                              int batch, std::uint64_t seed) {
  x_ = std::move(x);
  y_ = std::move(y);
  w_ = w0_ = w0;
  lr_ = lr;
  batch_ = batch;
  seed_ = seed;
  history_.clear();
  diverged_ = false;
  message_.clear();
}

// One epoch of SGD, w <- w - lr dL/dw with L summed over the step's rows: one step over all rows
// (full batch, also when batch >= n), or steps of `batch` rows in an order shuffled by
// Rng(seed + epoch). A w beyond +-1e6 counts as diverged: the kernel is then far narrower than
// any spacing of the data and the gradient has stopped meaning anything.
bool ParametricTrainer::step_epoch() {
  if (diverged_) return false;
  const int epoch = this->epoch() + 1;
  const double w_before = w_;
  auto usable = [](double w) { return std::isfinite(w) && std::abs(w) <= 1e6; };

  const LossAndGrad start = parametric_loss(x_, y_, w_);  // the epoch's loss, at w before it
  bool ok = std::isfinite(start.loss) && std::isfinite(start.grad);
  const auto n = static_cast<int>(x_.size());
  if (ok && (batch_ <= 0 || batch_ >= n)) {
    w_ -= lr_ * start.grad;
    ok = usable(w_);
  } else if (ok) {
    std::vector<int> order(static_cast<std::size_t>(n));
    std::iota(order.begin(), order.end(), 0);
    Rng rng(seed_ + static_cast<std::uint64_t>(epoch));
    for (int i = n - 1; i > 0; --i) {  // Fisher–Yates
      const auto j = static_cast<int>(rng.uniform() * (i + 1));
      std::swap(order[static_cast<std::size_t>(i)], order[static_cast<std::size_t>(j)]);
    }
    for (int begin = 0; begin < n && ok; begin += batch_) {
      const std::vector<int> rows(order.begin() + begin,
                                  order.begin() + std::min(n, begin + batch_));
      const LossAndGrad step = parametric_loss(x_, y_, w_, rows);
      w_ -= lr_ * step.grad;
      ok = std::isfinite(step.grad) && usable(w_);
    }
  }
  if (!ok) {
    w_ = w_before;
    diverged_ = true;
    message_ = "training diverged at epoch " + std::to_string(epoch) + " (learning rate " +
               short_number(lr_) + " is too large); kept w = " + short_number(w_);
    return false;
  }
  history_.push_back({epoch, start.loss, w_});
  return true;
}

std::string training_warning(const std::vector<EpochRecord>& history,
                             const std::vector<double>& x) {
  if (history.size() < 2) return {};
  const EpochRecord& last = history.back();
  // Saturated (checked first: it also makes the loss rise or stall, and it says why): at u = 8 a
  // neighbour one median gap away gets e^-32 of the nearest key's weight, so each leave-one-out
  // prediction is its nearest key and dL/dw is zero to machine precision.
  std::vector<double> gaps;
  for (std::size_t i = 1; i < x.size(); ++i)
    if (x[i] > x[i - 1]) gaps.push_back(x[i] - x[i - 1]);
  if (!gaps.empty()) {
    std::nth_element(gaps.begin(), gaps.begin() + static_cast<long>(gaps.size() / 2), gaps.end());
    const double gap = gaps[gaps.size() / 2];
    if (std::abs(last.w) * gap > 8.0)
      return "w = " + short_number(last.w) +
             " is saturated: sigma = 1/|w| = " + short_number(1.0 / std::abs(last.w)) +
             " is far below the points' spacing (" + short_number(gap) +
             "), so each prediction uses only its nearest key and the loss stalls; Reset with a "
             "smaller train.lr";
  }
  // Rising: 1 % above the best epoch's loss, well past the jitter of minibatch SGD near a minimum.
  const auto best = std::min_element(history.begin(), history.end(),
                                     [](const auto& a, const auto& b) { return a.loss < b.loss; });
  if (last.loss > best->loss * 1.01)
    return "the loss rose from " + short_number(best->loss) + " (epoch " +
           std::to_string(best->epoch) + ") to " + short_number(last.loss) +
           ": train.lr may be too large, or the points too noisy to fit";
  return {};
}

double default_w0(std::uint64_t seed) {
  return Rng(seed ^ 0x9E3779B97F4A7C15ULL).uniform();
}

}  // namespace al
