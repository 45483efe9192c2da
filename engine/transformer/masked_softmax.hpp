// Masked softmax exactly as the book's masked_softmax (D2L §11.3, spec §1.4): for a query row with
// valid length L, every score at key index ≥ L is replaced by −1e6 before the softmax over keys.
// Masked weights therefore come out exactly 0, and L = 0 gives uniform weights (not NaN).
//
// Valid lengths are stored flattened, one entry per query row of a batch (row b·nq + q); an empty
// list means no mask. The helpers build that list from the book's 1-D (B,) and 2-D (B, nq) forms.
#pragma once

#include <span>
#include <vector>

#include "engine/transformer/tensor.hpp"

namespace al::tf {

inline constexpr double kMaskedScore = -1e6;

// 1-D valid lengths (B,): each value repeated for the nq queries of its sequence.
std::vector<int> row_lens_1d(std::span<const int> per_sequence, int nq);
// 2-D valid lengths (B, nq): flattened row by row.
std::vector<int> row_lens_2d(const std::vector<std::vector<int>>& per_query);
// Causal self-attention: query t of each sequence sees keys 0..offset + t (the book's training-mode
// dec_valid_lens = [1, 2, …, T]; offset > 0 when earlier keys are already cached).
std::vector<int> row_lens_causal(int batch, int nq, int offset = 0);

// Forward, in place on one score matrix S (nq, nk) with `lens` for its nq rows (or empty):
//   z_j = S_j if j < L else −1e6;  P_j = exp(z_j − max z) / Σ_k exp(z_k − max z)
template <class S>
void masked_softmax_inplace(Mat<S>& scores, std::span<const int> lens);
// The same on rows [first, first + count) only (`lens` still one entry per row of `scores`, or
// empty): attention takes the softmax of a block of rows while its scores are in cache.
template <class S>
void masked_softmax_rows(Mat<S>& scores, Eigen::Index first, Eigen::Index count,
                         std::span<const int> lens);
template <class S>
Mat<S> masked_softmax(const Mat<S>& scores, std::span<const int> lens);

// Backward, given the forward's output P and dL/dP (both (nq, nk)):
//   dz_j = P_j (dP_j − Σ_k P_k dP_k);  dS_j = dz_j for j < L, and 0 for masked keys (they were
//   replaced by a constant), so a row with L = 0 passes no gradient at all.
template <class S>
Mat<S> masked_softmax_backward(const Mat<S>& P, const Mat<S>& dP, std::span<const int> lens);
// The same, turning dP into dS in place (no temporary: attention backward uses it per head).
template <class S>
void masked_softmax_backward_inplace(const Mat<S>& P, Mat<S>& dP, std::span<const int> lens);

// The book's batched call masked_softmax(X (B, nq, nk), valid_lens): `row_lens` holds B·nq entries
// (from row_lens_1d or row_lens_2d) or is empty.
template <class S>
std::vector<Mat<S>> masked_softmax(const std::vector<Mat<S>>& X, std::span<const int> row_lens);

}  // namespace al::tf
