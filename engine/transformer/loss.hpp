// Cross-entropy over the vocabulary with padding masked (the book's MaskedSoftmaxCELoss, averaged
// per counted token as the new edition): rows whose label is −1 count neither in the loss nor in
// the token accuracy.
#pragma once

#include <span>

#include "engine/transformer/tensor.hpp"

namespace al::tf {

struct LossResult {
  double loss = 0.0;  // mean −log p(label) over counted rows (0 when none)
  int tokens = 0;     // counted rows
  int correct = 0;    // counted rows whose argmax is the label
};

// logits (N, V), labels (N) in [0, V) or −1.
//   p = softmax(logits[n]);  L = (1/T) Σ_counted −log p[label_n]
//   dlogits[n] = (p − onehot(label_n)) / T for counted rows, 0 otherwise (when dlogits is given)
template <class S>
LossResult cross_entropy(const Mat<S>& logits, std::span<const int> labels, Mat<S>* dlogits);

}  // namespace al::tf
