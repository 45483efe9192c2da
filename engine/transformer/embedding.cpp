// Embedding lookups (forward: gather rows, backward: scatter-add) and the sinusoidal table.
#include "engine/transformer/embedding.hpp"

#include <cmath>

#include "engine/transformer/linear.hpp"

namespace al::tf {

double positional_frequency(int column, int d) {
  return std::pow(10000.0, -2.0 * (column / 2) / static_cast<double>(d));
}

template <class S>
Mat<S> sinusoidal_positions(int max_len, int d) {
  Mat<S> P(max_len, d);
  for (int i = 0; i < max_len; ++i)
    for (int c = 0; c < d; ++c) {
      const double angle = i * positional_frequency(c, d);
      P(i, c) = static_cast<S>(c % 2 == 0 ? std::sin(angle) : std::cos(angle));
    }
  return P;
}

template <class S>
void Embedding<S>::init(int count_, int d, Rng& rng) {
  weight.resize(count_, d);
  xavier_uniform(weight.value, count_, d, rng);
}

template <class S>
Mat<S> Embedding<S>::forward(std::span<const int> ids, S scale) const {
  Mat<S> Y(static_cast<Eigen::Index>(ids.size()), dim());
  for (std::size_t n = 0; n < ids.size(); ++n) Y.row(n) = weight.value.row(ids[n]) * scale;
  return Y;
}

template <class S>
void Embedding<S>::backward(std::span<const int> ids, const Mat<S>& dY, S scale) {
  for (std::size_t n = 0; n < ids.size(); ++n) weight.grad.row(ids[n]) += dY.row(n) * scale;
}

template Mat<float> sinusoidal_positions(int, int);
template Mat<double> sinusoidal_positions(int, int);
template struct Embedding<float>;
template struct Embedding<double>;

}  // namespace al::tf
