#include "positional_encoding.hpp"

#include <cmath>

#include "engine/transformer/embedding.hpp"

namespace al::pe {

Eigen::Vector2d pair_at(double position, int pair, int d) {
  const double angle = position * tf::positional_frequency(2 * pair, d);
  return {std::sin(angle), std::cos(angle)};
}

Eigen::Matrix2d rotation(int pair, double delta, int d) {
  const double a = delta * tf::positional_frequency(2 * pair, d);
  Eigen::Matrix2d r;
  r << std::cos(a), std::sin(a), -std::sin(a), std::cos(a);
  return r;
}

tf::Mat<double> row_dot_products(const tf::Mat<double>& P) {
  return P * P.transpose();
}

tf::Mat<double> row_cosines(const tf::Mat<double>& A) {
  tf::Mat<double> c = row_dot_products(A);
  const Eigen::VectorXd norm = c.diagonal().cwiseSqrt();
  for (Eigen::Index i = 0; i < c.rows(); ++i)
    for (Eigen::Index k = 0; k < c.cols(); ++k)
      c(i, k) = norm(i) > 0 && norm(k) > 0 ? c(i, k) / (norm(i) * norm(k)) : 0.0;
  return c;
}

double dot_at_offset(double offset, int d) {
  double sum = 0.0;
  for (int j = 0; j < d / 2; ++j) sum += std::cos(offset * tf::positional_frequency(2 * j, d));
  return sum;
}

tf::Mat<double> binary_counter(int rows, int bits) {
  tf::Mat<double> b(rows, bits);
  for (int i = 0; i < rows; ++i)
    for (int c = 0; c < bits; ++c) b(i, c) = (i >> (bits - 1 - c)) & 1;
  return b;
}

}  // namespace al::pe
