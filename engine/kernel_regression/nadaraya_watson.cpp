// Average pooling and Nadaraya–Watson attention pooling over scalar keys, one query row at a time.
#include "nadaraya_watson.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>
#include <utility>
#include <vector>

#include "engine/isa/kernels.hpp"
#include "engine/parallel.hpp"
#include "engine/vector_exp.hpp"
#include "kernels.hpp"

#if defined(__SSE2__)
#include <immintrin.h>
#endif
#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace al {
namespace {

using Eigen::Index;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Per-thread room for one query row: its window of weights in double, the whole row in float.
struct RowScratch {
  explicit RowScratch(Index n) : window(n), row(n) {}
  Eigen::ArrayXd window;
  Eigen::ArrayXf row;
};

// A weight matrix larger than the caches is written once and read later from memory anyway.
// A plain store first reads the line it writes into the cache; a streaming (non-temporal) store
// does not, which halves the memory traffic: 100 MB of weights take about 4 ms to write instead
// of 15 on the 2-core reference machine. Small matrices stay cached for whoever reads them next.
constexpr std::size_t kStreamingBytes = std::size_t{4} << 20;

// Copies n floats from src to dst, streaming when asked (x86-64; plain stores elsewhere).
void store_row(const float* src, float* dst, Index n, bool streaming) {
#if defined(__SSE2__)
  if (streaming) {
    Index i = 0;  // _mm_stream_ps needs 16-byte aligned destinations
    for (; i < n && reinterpret_cast<std::uintptr_t>(dst + i) % 16 != 0; ++i) dst[i] = src[i];
    for (; i + 4 <= n; i += 4) _mm_stream_ps(dst + i, _mm_loadu_ps(src + i));
    for (; i < n; ++i) dst[i] = src[i];
    return;
  }
#endif
  std::copy_n(src, n, dst);
}

// A fresh 100 MB matrix is 25 600 pages of 4 KB, each zeroed by the kernel at its first write, a
// page fault each: that costs as much as computing the weights. Asked for 2 MB pages (Linux's
// transparent huge pages, which Debian gives to regions that ask), the same memory takes 50
// faults. Only the whole 2 MB pages inside the matrix are asked for; the kernel may refuse.
void prefer_huge_pages(float* data, std::size_t bytes) {
#if defined(MADV_HUGEPAGE)
  constexpr std::uintptr_t kHugePage = std::uintptr_t{2} << 20;
  const auto start = reinterpret_cast<std::uintptr_t>(data);
  const std::uintptr_t begin = (start + kHugePage - 1) & ~(kHugePage - 1),
                       end = (start + bytes) & ~(kHugePage - 1);
  if (end > begin) ::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
#else
  (void)data;
  (void)bytes;
#endif
}

// Streaming stores are not ordered with the thread's other stores: fence them before the rows
// are handed to another thread (which the end of parallel_rows does).
void finish_streaming() {
#if defined(__SSE2__)
  _mm_sfence();
#endif
}

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

  // Computes the n weights of query q into `s.row` and returns f(q). They are computed in double
  // (in s.window) and rounded to float only when stored, so f(q) is the sum over double weights.
  double operator()(double q, RowScratch& s) const {
    if (n_ == 0) return kNaN;
    const bool exponential = kernel_ == Kernel::Gaussian || kernel_ == Kernel::Laplace;
    const Index nearest = exponential ? nearest_key(q) : 0;
    const auto [begin, end] = window(q, nearest);
    s.row.head(begin).setZero();
    s.row.tail(n_ - end).setZero();
    auto stored = s.row.segment(begin, end - begin);

    // The kernel weights and their sum, a chunk at a time: each chunk's keys and weights stay in
    // the L1 cache through the kernel, the exponential and the sum.
    const double k_near = keys_[nearest];
    double sum = 0.0;
    for (Index c = begin; c < end; c += kChunk) {
      auto a = s.window.segment(c - begin, std::min(kChunk, end - c));
      sum += kernel_weights(q, k_near, keys_ + c, a);
    }
    if (!(sum > 0.0)) {  // no key within reach (or a NaN query)
      stored.setZero();
      return kNaN;
    }
    return kernels().normalise_and_pool(s.window.data(), values_ + begin, stored.data(),
                                        end - begin, sum);
  }

 private:
  // Keys at a time in the L1 cache (with their weights: 16 KB).
  static constexpr Index kChunk = 1024;

  // K(u_i) for keys[0, a.size()), or for the exponential kernels e^(log K(u_i) - log K(u_n)) with
  // u_n that of k_near, the key nearest q. Returns their sum.
  double kernel_weights(double q, double k_near, const double* keys,
                        Eigen::Ref<Eigen::ArrayXd> a) const {
    const Eigen::Map<const Eigen::ArrayXd> k(keys, a.size());
    switch (kernel_) {
      case Kernel::Gaussian:
        return kernels().gaussian_weights(keys, a.size(), q, k_near, w_, a.data());
      case Kernel::Laplace:
        a = std::abs((k_near - q) * w_) - ((k - q) * w_).abs();
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
    return kernels().sum(a.data(), a.size());
  }

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
  e.weights.setConstant(nq, n, n == 0 ? 0.0f : static_cast<float>(1.0 / static_cast<double>(n)));
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
  const std::size_t bytes = static_cast<std::size_t>(out.weights.size()) * sizeof(float);
  const bool streaming = bytes >= kStreamingBytes;
  if (streaming) prefer_huge_pages(out.weights.data(), bytes);
  parallel_rows(static_cast<int>(nq), static_cast<double>(nq) * static_cast<double>(n),
                [&](int begin, int end) {
                  RowScratch scratch(n);
                  for (int r = begin; r < end; ++r) {
                    out.prediction[r] = pool(queries[static_cast<std::size_t>(r)], scratch);
                    store_row(scratch.row.data(), out.weights.row(r).data(), n, streaming);
                  }
                  if (streaming) finish_streaming();
                });
}

}  // namespace al
