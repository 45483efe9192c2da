// What the positional-encoding lab shows about the sinusoidal table P of the Transformer
// (tf::sinusoidal_positions: P[i, 2j] = sin(i w_j), P[i, 2j+1] = cos(i w_j), w_j = 10000^(-2j/d)):
//   - its columns alternate like the bits of a counter, each pair slower than the one before;
//   - the dot product of two rows depends only on their offset:
//       P_i . P_k = sum_j sin(i w_j) sin(k w_j) + cos(i w_j) cos(k w_j) = sum_j cos((i - k) w_j);
//   - a fixed rotation moves a pair by delta positions, whatever the position:
//       [p_{i+delta,2j}; p_{i+delta,2j+1}] = R_j(delta) [p_{i,2j}; p_{i,2j+1}],
//       R_j(delta) = [[cos delta w_j, sin delta w_j], [-sin delta w_j, cos delta w_j]].
#pragma once

#include <Eigen/Core>

#include "engine/transformer/tensor.hpp"

namespace al::pe {

// P's pair j (columns 2j, 2j+1) at a position that may lie between integers:
// (sin(x w_j), cos(x w_j)).
Eigen::Vector2d pair_at(double position, int pair, int d);

// R_j(delta) above.
Eigen::Matrix2d rotation(int pair, double delta, int d);

// P_i . P_k for every pair of rows of P: rows x rows.
tf::Mat<double> row_dot_products(const tf::Mat<double>& P);

// The cosine of the angle between every two rows: (A_i . A_k) / (|A_i| |A_k|), 0 where a row is
// zero. Compares a learned position table with P whatever their rows' lengths.
tf::Mat<double> row_cosines(const tf::Mat<double>& A);

// The closed form of P_i . P_{i+offset} for the sinusoidal P of width d: sum_j cos(offset w_j).
double dot_at_offset(double offset, int d);

// The book's binary counter: row i holds the bits of i, most significant first (rows x bits).
tf::Mat<double> binary_counter(int rows, int bits);

}  // namespace al::pe
