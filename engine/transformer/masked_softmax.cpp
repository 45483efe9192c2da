// Forward and backward of the book's masked softmax, one query row at a time.
#include "engine/transformer/masked_softmax.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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

// In double (the finite-difference checks) and where SSE2 is missing: Eigen's exp, flushed to
// exactly 0 below log(smallest normal) — what the book's masked scores (−1e6) give — because
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

#if defined(__SSE2__)
// e^x for x ≤ 0, four floats at a time: Eigen's exp costs about twice as much without AVX, and the
// softmax is most of an attention layer's time after the matrix products.
//   e^x = 2^k · e^r,  k = round(x / ln 2),  r = x − k ln 2 ∈ [−ln2/2, ln2/2]
// (ln 2 split into a part exact in float and a correction, so k ln 2 loses nothing); e^r by its
// Taylor series to r⁷ (truncation < r⁸/8! ≈ 5e-9 relative); 2^k built as the float bits
// (k + 127) << 23; below log(smallest normal float) exactly 0, as above.
__m128 exp_nonpositive(__m128 x) {
  const __m128 lowest = _mm_set1_ps(std::log(std::numeric_limits<float>::min()));
  const __m128 keep = _mm_cmple_ps(lowest, x);  // all ones where the result is not 0
  const __m128 xc = _mm_max_ps(x, lowest);
  // k = trunc(x log2(e) − ½) = round(x / ln 2) for x ≤ 0
  const __m128i k =
      _mm_cvttps_epi32(_mm_sub_ps(_mm_mul_ps(xc, _mm_set1_ps(1.44269504f)), _mm_set1_ps(0.5f)));
  const __m128 kf = _mm_cvtepi32_ps(k);
  const __m128 r = _mm_add_ps(_mm_sub_ps(xc, _mm_mul_ps(kf, _mm_set1_ps(0.693359375f))),
                              _mm_mul_ps(kf, _mm_set1_ps(2.12194440e-4f)));
  __m128 p = _mm_set1_ps(1.0f / 5040);
  for (const float c : {1.0f / 720, 1.0f / 120, 1.0f / 24, 1.0f / 6, 0.5f, 1.0f, 1.0f})
    p = _mm_add_ps(_mm_mul_ps(p, r), _mm_set1_ps(c));
  const __m128 two_k = _mm_castsi128_ps(_mm_slli_epi32(_mm_add_epi32(k, _mm_set1_epi32(127)), 23));
  return _mm_and_ps(_mm_mul_ps(p, two_k), keep);
}

float exp_shifted(float* z, Eigen::Index n, float shift) {
  const __m128 s = _mm_set1_ps(shift);
  __m128 sum = _mm_setzero_ps();
  Eigen::Index j = 0;
  for (; j + 4 <= n; j += 4) {
    const __m128 e = exp_nonpositive(_mm_sub_ps(_mm_loadu_ps(z + j), s));
    _mm_storeu_ps(z + j, e);
    sum = _mm_add_ps(sum, e);
  }
  float lanes[4], tail[4] = {shift, shift, shift, shift};  // the last 1–3 entries, padded
  _mm_storeu_ps(lanes, sum);
  float total = (lanes[0] + lanes[1]) + (lanes[2] + lanes[3]);
  if (j == n) return total;
  std::copy(z + j, z + n, tail);
  _mm_storeu_ps(tail, exp_nonpositive(_mm_sub_ps(_mm_loadu_ps(tail), s)));
  for (Eigen::Index t = 0; t < n - j; ++t) total += tail[t];
  std::copy(tail, tail + (n - j), z + j);
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
void masked_softmax_inplace(Mat<S>& scores, std::span<const int> lens) {
  const Eigen::Index nk = scores.cols();
  for (Eigen::Index r = 0; r < scores.rows(); ++r) {
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
