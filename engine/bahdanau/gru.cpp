// Forward and backward of GRU layers and stacks, in plain element-wise loops where the gates are
// combined and matrix products for the two weight matrices.
#include "engine/bahdanau/gru.hpp"

#include <cmath>

#include "engine/transformer/linear.hpp"

namespace al::bahdanau {
namespace {

template <class S>
S sigmoid(S a) {
  return S(1) / (S(1) + std::exp(-a));
}

}  // namespace

template <class S>
void GruLayer<S>::init(int input, int hidden, Rng& rng) {
  weight_ih.resize(3 * hidden, input);
  weight_hh.resize(3 * hidden, hidden);
  bias_ih.resize(1, 3 * hidden);
  bias_hh.resize(1, 3 * hidden);
  tf::xavier_uniform(weight_ih.value, input, 3 * hidden, rng);
  tf::xavier_uniform(weight_hh.value, hidden, 3 * hidden, rng);
  const double bound = 1.0 / std::sqrt(static_cast<double>(hidden));
  for (Param<S>* b : {&bias_ih, &bias_hh})
    for (Eigen::Index i = 0; i < b->value.size(); ++i)
      b->value.data()[i] = static_cast<S>(rng.uniform(-bound, bound));
}

template <class S>
Mat<S> GruLayer<S>::input_gates(const Mat<S>& X) const {
  Mat<S> GI = X * weight_ih.value.transpose();
  GI.rowwise() += bias_ih.value.row(0);
  return GI;
}

template <class S>
Mat<S> GruLayer<S>::input_gates_backward(const Mat<S>& X, const Mat<S>& dGI) {
  weight_ih.grad.noalias() += dGI.transpose() * X;
  bias_ih.grad.row(0) += dGI.colwise().sum();
  return dGI * weight_ih.value;
}

// GH = h W_hhᵀ + b_hh;  r, z, n and h' per element as in the header.
template <class S>
Mat<S> GruLayer<S>::step(const Mat<S>& GI, const Mat<S>& h_prev, StepCache& c) const {
  const Eigen::Index B = h_prev.rows(), H = h_prev.cols();
  Mat<S> GH = h_prev * weight_hh.value.transpose();
  GH.rowwise() += bias_hh.value.row(0);
  c.h_prev = h_prev;
  c.r.resize(B, H);
  c.z.resize(B, H);
  c.n.resize(B, H);
  c.hn.resize(B, H);
  Mat<S> h(B, H);
  for (Eigen::Index b = 0; b < B; ++b)
    for (Eigen::Index j = 0; j < H; ++j) {
      const S r = sigmoid(GI(b, j) + GH(b, j));
      const S z = sigmoid(GI(b, H + j) + GH(b, H + j));
      const S hn = GH(b, 2 * H + j);
      const S n = std::tanh(GI(b, 2 * H + j) + r * hn);
      c.r(b, j) = r;
      c.z(b, j) = z;
      c.n(b, j) = n;
      c.hn(b, j) = hn;
      h(b, j) = (S(1) - z) * n + z * h_prev(b, j);
    }
  return h;
}

template <class S>
Mat<S> GruLayer<S>::step_backward(const StepCache& c, const Mat<S>& dh, Mat<S>& dh_prev) {
  const Eigen::Index B = dh.rows(), H = dh.cols();
  Mat<S> dGI(B, 3 * H), dGH(B, 3 * H);
  dh_prev.resize(B, H);
  for (Eigen::Index b = 0; b < B; ++b)
    for (Eigen::Index j = 0; j < H; ++j) {
      const S r = c.r(b, j), z = c.z(b, j), n = c.n(b, j), g = dh(b, j);
      const S dn = g * (S(1) - z);
      const S dz = g * (c.h_prev(b, j) - n);
      const S da_n = dn * (S(1) - n * n);
      const S da_z = dz * z * (S(1) - z);
      const S da_r = da_n * c.hn(b, j) * r * (S(1) - r);
      dGI(b, j) = dGH(b, j) = da_r;
      dGI(b, H + j) = dGH(b, H + j) = da_z;
      dGI(b, 2 * H + j) = da_n;
      dGH(b, 2 * H + j) = da_n * r;
      dh_prev(b, j) = g * z;
    }
  weight_hh.grad.noalias() += dGH.transpose() * c.h_prev;
  bias_hh.grad.row(0) += dGH.colwise().sum();
  dh_prev.noalias() += dGH * weight_hh.value;
  return dGI;
}

template <class S>
void Gru<S>::init(int input, int hidden, int num_layers, Rng& rng) {
  layers.assign(static_cast<std::size_t>(num_layers), {});
  for (std::size_t k = 0; k < layers.size(); ++k)
    layers[k].init(k == 0 ? input : hidden, hidden, rng);
}

namespace {

// Whether step t of sequence b is padding.
bool padding(const std::vector<int>& valid, int b, int t) {
  return !valid.empty() && t >= valid[static_cast<std::size_t>(b)];
}

}  // namespace

template <class S>
Mat<S> Gru<S>::forward(const Mat<S>& X, int batch, const std::vector<Mat<S>>& h0,
                       std::vector<Mat<S>>& final, Cache& cache, std::span<const int> valid) const {
  const int T = batch > 0 ? static_cast<int>(X.rows()) / batch : 0;
  cache.batch = batch;
  cache.steps = T;
  cache.valid.assign(valid.begin(), valid.end());
  cache.inputs.assign(layers.size(), {});
  cache.steps_of.assign(layers.size(), {});
  final.assign(layers.size(), {});
  Mat<S> Y = X;
  for (std::size_t k = 0; k < layers.size(); ++k) {
    const GruLayer<S>& layer = layers[k];
    cache.inputs[k] = std::move(Y);
    const Mat<S> GI = layer.input_gates(cache.inputs[k]);
    Y.resize(static_cast<Eigen::Index>(T) * batch, layer.hidden_size());
    cache.steps_of[k].resize(static_cast<std::size_t>(T));
    Mat<S> h = h0[k];
    for (int t = 0; t < T; ++t) {
      Mat<S> next = layer.step(GI.middleRows(t * batch, batch), h, cache.steps_of[k][t]);
      for (int b = 0; b < batch; ++b)
        if (padding(cache.valid, b, t)) next.row(b) = h.row(b);
      h = std::move(next);
      Y.middleRows(t * batch, batch) = h;
    }
    final[k] = std::move(h);
  }
  return Y;
}

// Top layer first; within a layer the last step first, dh carrying dL/dh_t back in time. A padded
// step copied its state: its gradient goes straight to h_{t−1}, and the step's gates get none.
template <class S>
Mat<S> Gru<S>::backward(const Cache& cache, const Mat<S>& dY, const std::vector<Mat<S>>& dfinal,
                        std::vector<Mat<S>>& dh0) {
  const int B = cache.batch, T = cache.steps;
  dh0.assign(layers.size(), {});
  Mat<S> d = dY;
  for (std::size_t k = layers.size(); k-- > 0;) {
    GruLayer<S>& layer = layers[k];
    Mat<S> dGI(d.rows(), 3 * layer.hidden_size());
    Mat<S> dh = dfinal[k], dh_prev;
    for (int t = T; t-- > 0;) {
      dh += d.middleRows(t * B, B);
      Mat<S> carried = Mat<S>::Zero(B, dh.cols());
      for (int b = 0; b < B; ++b)
        if (padding(cache.valid, b, t)) {
          carried.row(b) = dh.row(b);
          dh.row(b).setZero();
        }
      dGI.middleRows(t * B, B) = layer.step_backward(cache.steps_of[k][t], dh, dh_prev);
      dh = dh_prev + carried;
    }
    dh0[k] = std::move(dh);
    d = layer.input_gates_backward(cache.inputs[k], dGI);
  }
  return d;
}

template struct GruLayer<float>;
template struct GruLayer<double>;
template struct Gru<float>;
template struct Gru<double>;

}  // namespace al::bahdanau
