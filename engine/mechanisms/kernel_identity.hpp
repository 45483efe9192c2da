// Scaled dot-product attention is an RBF kernel times a magnitude term (seed 003, "Attention is
// Kernel Trick Reloaded"). From ‖q − k‖² = ‖q‖² + ‖k‖² − 2 q·k:
//   q·k/√d = −‖q − k‖²/(2√d) + (‖q‖² + ‖k‖²)/(2√d)
//   exp(q·k/√d) = RBF(q, k) · M(q, k),   RBF = exp(−‖q − k‖²/(2√d)),   M = exp((‖q‖² + ‖k‖²)/(2√d))
// so the softmax over keys of q·k/√d equals the product RBF · M normalised over the keys. The
// softmax removes only what is the same for every key of a query: the factor exp(‖q‖²/(2√d)) of
// M. What is left, exp(‖k‖²/(2√d)), differs between keys, so the RBF alone normalised is the
// attention only when every key has the same norm.
//
// With scalar keys and queries (d = 1) the RBF is exp(−(q − k)²/2): the Gaussian kernel of the
// Nadaraya–Watson estimator, whose weights are that RBF normalised, with no magnitude term.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/expected.hpp"
#include "engine/mechanisms/kernel_identity_settings.hpp"
#include "engine/transformer/tensor.hpp"

namespace al::identity {

using Mat = tf::Mat<double>;

struct Identity {
  Mat dot_weights;  // softmax_k(q·k/√d), the Transformer engine's masked softmax
  Mat rbf, magnitude;  // exp(−‖q − k‖²/(2√d)) and exp((‖q‖² + ‖k‖²)/(2√d)); M may overflow to inf
  Mat product_weights;  // RBF · M normalised over keys, taken from the sum of their logarithms
                        // (so it never overflows where M does)
  Mat rbf_weights;  // RBF alone normalised over keys: not the attention unless ‖k‖ is constant
  double max_difference = 0;       // max |product_weights − dot_weights|: rounding only
  double rbf_only_difference = 0;  // max |rbf_weights − dot_weights|
  int overflowed = 0;              // entries of M beyond the largest double
};

// Q (nq, d), K (nk, d).
Identity kernel_identity(const Mat& Q, const Mat& K);

// The queries and keys the settings describe: typed, or random N(0, 1) from identity.seed (queries
// first, then keys). A random side takes the typed side's dimension. Fails naming the key when
// typed queries and keys differ in dimension.
struct Inputs {
  Mat Q, K;
};
Expected<Inputs> inputs_of(const KernelIdentitySettings& s);

// Bytes the identity's matrices take for nq queries and nk keys (checked against the memory
// budget before they are allocated).
double identity_bytes(int nq, int nk);

// The Nadaraya–Watson link: for scalar queries x and keys x_i and the Gaussian kernel with w,
// the engine's Nadaraya–Watson weights (float, as the kernel-regression lab stores them) beside
// the RBF of w x and w x_i normalised (d = 1), and the dot-product attention of the same scalars,
// which is not the same (it has the magnitude term).
struct NadarayaWatsonLink {
  Mat nw_weights, rbf_weights, dot_weights;
  double max_difference = 0;  // max |nw − rbf|: float rounding of the stored weights
  double dot_difference = 0;  // max |dot − nw|: the magnitude term at work
};
// Fails when its matrices would exceed the memory budget (naming data.n_train).
Expected<NadarayaWatsonLink> nadaraya_watson_link(const std::vector<double>& queries,
                                                  const std::vector<double>& keys, double w);

}  // namespace al::identity
