// Matrix types shared by every layer of the Transformer engine, and the trainable parameter.
//
// Layout: a batch of B sequences of T tokens is ONE row-major matrix of B·T rows and d columns; row
// b·T + t holds token t of sequence b. Position-wise layers (linear maps, LayerNorm, FFN) are then
// a single matrix product over the whole batch, and attention works on the row block of one
// sequence. Every layer is a template on the scalar: float for speed, double for finite-difference
// checks.
#pragma once

#include <Eigen/Core>

namespace al::tf {

template <class S>
using Mat = Eigen::Matrix<S, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
template <class S>
using RowVec = Eigen::Matrix<S, 1, Eigen::Dynamic>;

// A trainable tensor and its gradient, which backward passes accumulate into (+=), so a parameter
// used twice (or a batch split in parts) sums its contributions. Biases are 1 × n rows.
template <class S>
struct Param {
  Mat<S> value;
  Mat<S> grad;

  void resize(Eigen::Index rows, Eigen::Index cols) {
    value.setZero(rows, cols);
    grad.setZero(rows, cols);
  }
  void zero_grad() { grad.setZero(value.rows(), value.cols()); }
  bool empty() const { return value.size() == 0; }
};

}  // namespace al::tf
