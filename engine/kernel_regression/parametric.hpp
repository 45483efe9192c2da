// The parametric Nadaraya–Watson model of the book's §10.2: a Gaussian kernel whose inverse width
// w is learned by SGD on the summed squared error, each training point predicted from all the
// others (leave-one-out keys, n x (n - 1)).
//
//   f_i(w) = sum_{j != i} a_ij y_j,   a_ij = softmax_j( -((x_i - x_j) w)^2 / 2 )
//   L(w)   = sum_i (f_i(w) - y_i)^2
//   dL/dw  = sum_i 2 (f_i - y_i) sum_j a_ij y_j (g_ij - gbar_i),
//            g_ij = -w (x_i - x_j)^2,  gbar_i = sum_j a_ij g_ij
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace al {

struct LossAndGrad {
  double loss = 0.0;
  double grad = 0.0;  // dL/dw
};

// Loss and its analytic gradient over the training rows `rows` (all rows when empty).
LossAndGrad parametric_loss(const std::vector<double>& x, const std::vector<double>& y, double w,
                            const std::vector<int>& rows = {});

struct EpochRecord {
  int epoch = 0;      // 1-based
  double loss = 0.0;  // summed squared error over all points, before this epoch's updates
  double w = 0.0;     // w after this epoch's updates
};

class ParametricTrainer {
 public:
  // Starts over at w0 on the given data. batch = 0 means full batch (one step per epoch);
  // otherwise each epoch visits the points in a shuffled order (from `seed`) in steps of `batch`.
  void reset(std::vector<double> x, std::vector<double> y, double w0, double lr, int batch,
             std::uint64_t seed);
  // Takes effect from the next step, without a reset.
  void set_learning_rate(double lr) { lr_ = lr; }
  void set_batch(int batch) { batch_ = batch; }

  // Runs one epoch. If a loss, gradient or w stops being finite (too large a learning rate), the
  // epoch is undone, diverged() becomes true, message() says why, and later calls do nothing.
  bool step_epoch();

  double w() const { return w_; }
  double w0() const { return w0_; }
  double learning_rate() const { return lr_; }
  int epoch() const { return static_cast<int>(history_.size()); }
  const std::vector<EpochRecord>& history() const { return history_; }
  bool diverged() const { return diverged_; }
  const std::string& message() const { return message_; }

 private:
  std::vector<double> x_, y_;
  double w_ = 0.0, w0_ = 0.0, lr_ = 0.5;
  int batch_ = 0;
  std::uint64_t seed_ = 0;
  std::vector<EpochRecord> history_;
  bool diverged_ = false;
  std::string message_;
};

// A warning when training goes wrong without diverging, or empty: the loss has risen above its
// best (too large a learning rate, or noise that the model cannot fit), or w has grown so large
// that each prediction uses only its nearest key, where the gradient vanishes and the loss
// stalls. `x` are the training inputs (their spacing tells when w is that large).
std::string training_warning(const std::vector<EpochRecord>& history, const std::vector<double>& x);

// w0 when train.w0 is not set: U[0, 1) from the data seed (its own stream, so the data do not
// shift when training settings change).
double default_w0(std::uint64_t seed);

}  // namespace al
