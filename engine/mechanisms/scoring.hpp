// The scoring lab's numerics (D2L §11.3, spec §4): how each query scores each key, and how the
// masked softmax turns the scores into weights and the weights into an output, with a temperature:
//   s_ij = a(q_i, k_j)                      dot: q·k   scaled-dot: q·k/√d
//                                           additive: w_vᵀ tanh(W_q q + W_k k)   general: qᵀ W k
//   z_ij = s_ij / T, or −1e6 for j ≥ valid_len;   p_ij = softmax_j(z_ij);   o_i = Σ_j p_ij v_j
// The mask and the softmax are the Transformer engine's (masked_softmax.hpp), so masked weights
// are exactly 0 and a valid length of 0 gives the book's uniform weights.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/expected.hpp"
#include "engine/mechanisms/scoring_settings.hpp"
#include "engine/transformer/tensor.hpp"

namespace al::scoring {

using Mat = tf::Mat<double>;

// The learned parts of additive and general scoring.
struct Parameters {
  Mat W_q;                 // (h, d_q)
  Mat W_k;                 // (h, d_k)
  Eigen::RowVectorXd w_v;  // (h)
  Mat W;                   // (d_q, d_k)
};

// Xavier-uniform W_q, W_k, w_v and W, as the Transformer engine's layers start (the additive
// layer's own init, then W), so a seed gives the same parameters on every machine.
Parameters random_parameters(int d_q, int d_k, int hidden, std::uint64_t seed);

// Everything a scoring computation needs, resolved from the settings.
struct Problem {
  Mat Q;                   // (nq, d_q)
  Mat K;                   // (nk, d_k)
  Eigen::VectorXd values;  // (nk)
  ScoringFunction function = ScoringFunction::ScaledDot;
  double temperature = 1.0;
  int valid_len = 0;  // clamped to [0, nk]: nk masks nothing
  Parameters parameters;
};

struct Result {
  Mat scores;               // (nq, nk) s_ij, before temperature and mask
  Mat logits;               // (nq, nk) z_ij: s_ij / T, −1e6 where masked
  Mat weights;              // (nq, nk) p_ij
  Eigen::VectorXd outputs;  // (nq) o_i
  double scale = 1.0;       // the factor of q·k in the score (1/√d for scaled-dot, else 1)
};

// The problem the settings describe: the parameters typed or random from scoring.seed, values
// 1, 2, … when scoring.values is empty. Fails with one line naming the key at fault (values that
// do not match the keys, parameters of the wrong shape, dot products of vectors of different
// sizes).
Expected<Problem> problem_of(const ScoringSettings& s);

Result score(const Problem& p);

}  // namespace al::scoring
