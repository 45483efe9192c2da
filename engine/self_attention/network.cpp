// Forward and backward of the self-attention network, layer by layer (each backward undoes the
// forward line with the same number).
#include "engine/self_attention/network.hpp"

#include <cmath>

#include "engine/transformer/dot_product_attention.hpp"

namespace al::sa {

void Network::init(int vocab, int outputs, int dim, Rng& rng) {
  token.init(vocab, dim, rng);
  context.init(vocab, dim, rng);
  query.init(dim, dim, true, rng);
  key.init(dim, dim, true, rng);
  value.init(dim, dim, true, rng);
  output.init(dim, outputs, true, rng);
}

Pass forward(const Network& net, std::span<const Example> examples, const Vocab& vocab) {
  Pass p;
  p.batch = static_cast<int>(examples.size());
  p.length = examples.empty() ? 0 : static_cast<int>(examples.front().tokens.size());
  const int T = p.length;
  for (const Example& e : examples)
    for (int t = 0; t < T; ++t) {
      p.tokens.push_back(e.tokens[static_cast<std::size_t>(t)]);
      p.before.push_back(t == 0 ? vocab.start() : e.tokens[static_cast<std::size_t>(t - 1)]);
    }
  // (1) x_t = E[tok_t] + C[tok_(t-1)]
  p.X = net.token.forward(p.tokens, 1.0) + net.context.forward(p.before, 1.0);
  // (2) Q, K, V = X W_qᵀ + b_q, X W_kᵀ + b_k, X W_vᵀ + b_v
  p.Q = net.query.forward(p.X);
  p.K = net.key.forward(p.X);
  p.V = net.value.forward(p.X);
  // (3) per sequence: P = softmax(Q Kᵀ/√d), Y = P V
  p.Y.resize(p.X.rows(), net.dim());
  p.weights.resize(static_cast<std::size_t>(p.batch));
  for (int b = 0; b < p.batch; ++b)
    p.Y.middleRows(b * T, T) = tf::dot_product_attention<double>(
        p.Q.middleRows(b * T, T), p.K.middleRows(b * T, T), p.V.middleRows(b * T, T), {},
        p.weights[static_cast<std::size_t>(b)]);
  // (4) h = y_(T-1) of each sequence;  z = W_o h + b_o
  p.H.resize(p.batch, net.dim());
  for (int b = 0; b < p.batch; ++b) p.H.row(b) = p.Y.row(b * T + T - 1);
  p.logits = net.output.forward(p.H);
  return p;
}

void backward(Network& net, const Pass& p, const Mat& dlogits) {
  const int T = p.length;
  // (4) dW_o += dzᵀ H, db_o += Σ dz;  dh = dz W_o, which reaches only the last row of each Y
  const Mat dH = net.output.backward(p.H, dlogits);
  Mat dY = Mat::Zero(p.Y.rows(), p.Y.cols());
  for (int b = 0; b < p.batch; ++b) dY.row(b * T + T - 1) = dH.row(b);
  // (3) dV = Pᵀ dY;  dS = softmax backward of (dY Vᵀ);  dQ = dS K/√d;  dK = dSᵀ Q/√d
  Mat dQ(p.Q.rows(), p.Q.cols()), dK(p.K.rows(), p.K.cols()), dV(p.V.rows(), p.V.cols());
  for (int b = 0; b < p.batch; ++b)
    tf::dot_product_attention_backward_into<double>(
        p.Q.middleRows(b * T, T), p.K.middleRows(b * T, T), p.V.middleRows(b * T, T),
        p.weights[static_cast<std::size_t>(b)], {}, dY.middleRows(b * T, T),
        dQ.middleRows(b * T, T), dK.middleRows(b * T, T), dV.middleRows(b * T, T));
  // (2) dX = dQ W_q + dK W_k + dV W_v, and each map's weight and bias gradients
  const Mat dX =
      net.query.backward(p.X, dQ) + net.key.backward(p.X, dK) + net.value.backward(p.X, dV);
  // (1) dE[tok_t] += dx_t;  dC[tok_(t-1)] += dx_t
  net.token.backward(p.tokens, dX, 1.0);
  net.context.backward(p.before, dX, 1.0);
}

}  // namespace al::sa
