// Forward and backward of the book's masked softmax, one query row at a time.
#include "engine/transformer/masked_softmax.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "engine/isa/kernels.hpp"

namespace al::tf {

std::vector<int> row_lens_1d(std::span<const int> per_sequence, int nq) {
  std::vector<int> rows;
  rows.reserve(per_sequence.size() * static_cast<std::size_t>(nq));
  for (int len : per_sequence) rows.insert(rows.end(), static_cast<std::size_t>(nq), len);
  return rows;
}

std::vector<int> row_lens_2d(const std::vector<std::vector<int>>& per_query) {
  std::vector<int> rows;
  for (const auto& seq : per_query) rows.insert(rows.end(), seq.begin(), seq.end());
  return rows;
}

std::vector<int> row_lens_causal(int batch, int nq, int offset) {
  std::vector<int> rows;
  rows.reserve(static_cast<std::size_t>(batch) * static_cast<std::size_t>(nq));
  for (int b = 0; b < batch; ++b)
    for (int t = 0; t < nq; ++t) rows.push_back(offset + t + 1);
  return rows;
}

namespace {

// z[j] ← exp(z[j] − shift) for j < n, every z[j] ≤ shift; returns Σ_j z[j]. In double (the
// finite-difference checks): Eigen's exp, flushed to exactly 0 below log(smallest normal) — what
// the book's masked scores (−1e6) give — because Eigen clamps its argument and would return a
// denormal there.
double exp_shifted(double* z, Eigen::Index n, double shift) {
  Eigen::Map<Eigen::ArrayXd> row(z, n);
  const double lowest = std::log(std::numeric_limits<double>::min());
  row -= shift;
  row = (row < lowest).select(0.0, row.exp());
  return row.sum();
}

// Eight floats at a time, compiled for the CPU's widest vectors (engine/isa/): Eigen's exp costs
// about twice as much, and the softmax is most of an attention layer's time after the products.
float exp_shifted(float* z, Eigen::Index n, float shift) {
  return kernels().exp_shifted(z, n, shift);
}

}  // namespace

// Per row: the valid scores' maximum m, e_j = exp(z_j − m) for j < L, normalised; masked entries
// are exactly 0 (exp(−1e6 − m) underflows), and L = 0 makes every score −1e6: uniform weights.
template <class S>
void masked_softmax_rows(Mat<S>& scores, Eigen::Index first, Eigen::Index count,
                         std::span<const int> lens) {
  const Eigen::Index nk = scores.cols();
  for (Eigen::Index r = first; r < first + count; ++r) {
    S* z = scores.row(r).data();
    const Eigen::Index valid =
        lens.empty() ? nk : std::clamp<Eigen::Index>(lens[static_cast<std::size_t>(r)], 0, nk);
    if (valid == 0) {
      std::fill(z, z + nk, S(1) / static_cast<S>(nk));
      continue;
    }
    Eigen::Map<Eigen::Array<S, 1, Eigen::Dynamic>> row(z, valid);
    row *= S(1) / exp_shifted(z, valid, row.maxCoeff());
    std::fill(z + valid, z + nk, S(0));
  }
}

template <class S>
void masked_softmax_inplace(Mat<S>& scores, std::span<const int> lens) {
  masked_softmax_rows(scores, 0, scores.rows(), lens);
}

template <class S>
Mat<S> masked_softmax(const Mat<S>& scores, std::span<const int> lens) {
  Mat<S> P = scores;
  masked_softmax_inplace(P, lens);
  return P;
}

template <class S>
void masked_softmax_backward_inplace(const Mat<S>& P, Mat<S>& dP, std::span<const int> lens) {
  const Eigen::Index nk = P.cols();
  for (Eigen::Index r = 0; r < P.rows(); ++r) {
    const S dot = P.row(r).dot(dP.row(r));
    dP.row(r).array() = P.row(r).array() * (dP.row(r).array() - dot);
    if (!lens.empty()) {
      const Eigen::Index valid = std::clamp<Eigen::Index>(lens[static_cast<std::size_t>(r)], 0, nk);
      dP.row(r).tail(nk - valid).setZero();
    }
  }
}

template <class S>
Mat<S> masked_softmax_backward(const Mat<S>& P, const Mat<S>& dP, std::span<const int> lens) {
  Mat<S> dS = dP;
  masked_softmax_backward_inplace(P, dS, lens);
  return dS;
}

template <class S>
std::vector<Mat<S>> masked_softmax(const std::vector<Mat<S>>& X, std::span<const int> row_lens) {
  std::vector<Mat<S>> out;
  std::size_t row = 0;
  for (const Mat<S>& x : X) {
    const auto nq = static_cast<std::size_t>(x.rows());
    out.push_back(masked_softmax(x, row_lens.empty() ? row_lens : row_lens.subspan(row, nq)));
    row += nq;
  }
  return out;
}

template void masked_softmax_rows(Mat<float>&, Eigen::Index, Eigen::Index, std::span<const int>);
template void masked_softmax_rows(Mat<double>&, Eigen::Index, Eigen::Index, std::span<const int>);
template void masked_softmax_inplace(Mat<float>&, std::span<const int>);
template void masked_softmax_inplace(Mat<double>&, std::span<const int>);
template Mat<float> masked_softmax(const Mat<float>&, std::span<const int>);
template Mat<double> masked_softmax(const Mat<double>&, std::span<const int>);
template Mat<float> masked_softmax_backward(const Mat<float>&, const Mat<float>&,
                                            std::span<const int>);
template Mat<double> masked_softmax_backward(const Mat<double>&, const Mat<double>&,
                                             std::span<const int>);
template void masked_softmax_backward_inplace(const Mat<float>&, Mat<float>&, std::span<const int>);
template void masked_softmax_backward_inplace(const Mat<double>&, Mat<double>&,
                                              std::span<const int>);
template std::vector<Mat<float>> masked_softmax(const std::vector<Mat<float>>&,
                                                std::span<const int>);
template std::vector<Mat<double>> masked_softmax(const std::vector<Mat<double>>&,
                                                 std::span<const int>);

}  // namespace al::tf
