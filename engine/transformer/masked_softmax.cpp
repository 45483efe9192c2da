// Forward and backward of the book's masked softmax, one query row at a time.
#include "engine/transformer/masked_softmax.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

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

template <class S>
void masked_softmax_inplace(Mat<S>& scores, std::span<const int> lens) {
  const Eigen::Index nk = scores.cols();
  for (Eigen::Index r = 0; r < scores.rows(); ++r) {
    S* z = scores.row(r).data();
    if (!lens.empty()) {
      const Eigen::Index valid = std::clamp<Eigen::Index>(lens[static_cast<std::size_t>(r)], 0, nk);
      std::fill(z + valid, z + nk, static_cast<S>(kMaskedScore));
    }
    // Eigen's vectorised exp (the softmax is most of an attention layer's time after the products)
    // clamps its argument instead of underflowing, so exp(−1e6) would come out as a tiny denormal;
    // arguments below log(smallest normal) are set to the exact 0 the book's masked weights are.
    Eigen::Map<Eigen::Array<S, 1, Eigen::Dynamic>> row(z, nk);
    const S cutoff = std::log(std::numeric_limits<S>::min());
    row -= row.maxCoeff();
    row = (row < cutoff).select(S(0), row.exp());
    row /= row.sum();
  }
}

template <class S>
Mat<S> masked_softmax(const Mat<S>& scores, std::span<const int> lens) {
  Mat<S> P = scores;
  masked_softmax_inplace(P, lens);
  return P;
}

template <class S>
Mat<S> masked_softmax_backward(const Mat<S>& P, const Mat<S>& dP, std::span<const int> lens) {
  const Eigen::Index nk = P.cols();
  Mat<S> dS(P.rows(), nk);
  for (Eigen::Index r = 0; r < P.rows(); ++r) {
    const S dot = P.row(r).dot(dP.row(r));
    dS.row(r) = (P.row(r).array() * (dP.row(r).array() - dot)).matrix();
    if (!lens.empty()) {
      const Eigen::Index valid = std::clamp<Eigen::Index>(lens[static_cast<std::size_t>(r)], 0, nk);
      dS.row(r).tail(nk - valid).setZero();
    }
  }
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

template void masked_softmax_inplace(Mat<float>&, std::span<const int>);
template void masked_softmax_inplace(Mat<double>&, std::span<const int>);
template Mat<float> masked_softmax(const Mat<float>&, std::span<const int>);
template Mat<double> masked_softmax(const Mat<double>&, std::span<const int>);
template Mat<float> masked_softmax_backward(const Mat<float>&, const Mat<float>&,
                                            std::span<const int>);
template Mat<double> masked_softmax_backward(const Mat<double>&, const Mat<double>&,
                                             std::span<const int>);
template std::vector<Mat<float>> masked_softmax(const std::vector<Mat<float>>&,
                                                std::span<const int>);
template std::vector<Mat<double>> masked_softmax(const std::vector<Mat<double>>&,
                                                 std::span<const int>);

}  // namespace al::tf
