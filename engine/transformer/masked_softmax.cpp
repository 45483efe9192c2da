// Forward and backward of the book's masked softmax, one query row at a time.
#include "engine/transformer/masked_softmax.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <bit>
#include <cstdint>
#include <cstring>

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

// In double (the finite-difference checks) and without GCC/Clang vector types: Eigen's exp, flushed
// to exactly 0 below log(smallest normal) — what the book's masked scores (−1e6) give — because
// Eigen clamps its argument and would return a denormal there.
template <class S>
S exp_shifted_eigen(S* z, Eigen::Index n, S shift) {
  Eigen::Map<Eigen::Array<S, Eigen::Dynamic, 1>> row(z, n);
  const S lowest = std::log(std::numeric_limits<S>::min());
  row -= shift;
  row = (row < lowest).select(S(0), row.exp());
  return row.sum();
}

// z[j] ← exp(z[j] − shift) for j < n, every z[j] ≤ shift; returns Σ_j z[j].
double exp_shifted(double* z, Eigen::Index n, double shift) {
  return exp_shifted_eigen(z, n, shift);
}

#if defined(__GNUC__)
// e^x for x ≤ 0, eight floats at a time in GCC/Clang vector types (one AVX register with
// -march=native, two SSE registers otherwise): Eigen's exp costs about twice as much, and the
// softmax is most of an attention layer's time after the matrix products.
//   e^x = 2^k · e^r,  k = round(x / ln 2),  r = x − k ln 2 ∈ [−ln2/2, ln2/2]
// (ln 2 split into a part exact in float and a correction, so k ln 2 loses nothing); e^r by its
// Taylor series to r⁷ (truncation < r⁸/8! ≈ 5e-9 relative); 2^k built as the float bits
// (k + 127) << 23; below log(smallest normal float) exactly 0, as above. Each lane is computed
// alone, with separate multiplies and adds (-ffp-contract=off), so the width changes no result.
constexpr int kLanes = 8;
using Floats = float __attribute__((vector_size(4 * kLanes)));
using Ints = std::int32_t __attribute__((vector_size(4 * kLanes)));

Floats exp_nonpositive(Floats x) {
  const float lowest = std::log(std::numeric_limits<float>::min());
  const Ints keep = lowest <= x;  // all ones where the result is not 0
  const Floats xc = keep ? x : lowest;
  // t = x log2(e) + 1.5·2²³ + 127 is rounded to an integer (floats there are 1 apart), so it holds
  // k = round(x / ln 2) exactly, and its low mantissa bits are k + 127, the exponent bits of 2^k.
  constexpr float offset = 1.5f * (1 << 23) + 127;
  const Floats t = xc * 1.44269504f + offset;
  const Floats kf = t - offset;
  const Floats r = (xc - kf * 0.693359375f) + kf * 2.12194440e-4f;
  Floats p = Floats{} + 1.0f / 5040;
  for (const float c : {1.0f / 720, 1.0f / 120, 1.0f / 24, 1.0f / 6, 0.5f, 1.0f, 1.0f})
    p = p * r + c;
  const Floats two_k = std::bit_cast<Floats>(std::bit_cast<Ints>(t) << 23);
  return std::bit_cast<Floats>(std::bit_cast<Ints>(p * two_k) & keep);
}

float exp_shifted(float* z, Eigen::Index n, float shift) {
  Floats sum = {}, e;
  Eigen::Index j = 0;
  for (; j + kLanes <= n; j += kLanes) {
    std::memcpy(&e, z + j, sizeof e);  // unaligned load
    e = exp_nonpositive(e - shift);
    std::memcpy(z + j, &e, sizeof e);
    sum += e;
  }
  // Lanes summed pairwise, as a tree: ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7)).
  for (int half = kLanes / 2; half > 0; half /= 2)
    for (int l = 0; l < half; ++l) sum[l] = sum[2 * l] + sum[2 * l + 1];
  float total = sum[0];
  if (j == n) return total;
  const auto rest = static_cast<std::size_t>(n - j) * sizeof(float);
  Floats tail = Floats{} + shift;  // the last 1–7 entries, padded with exp(0)s that are dropped
  std::memcpy(&tail, z + j, rest);
  tail = exp_nonpositive(tail - shift);
  for (Eigen::Index t = 0; t < n - j; ++t) total += tail[t];
  std::memcpy(z + j, &tail, rest);
  return total;
}
#else
float exp_shifted(float* z, Eigen::Index n, float shift) {
  return exp_shifted_eigen(z, n, shift);
}
#endif

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
