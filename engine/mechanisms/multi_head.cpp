// Multi-head attention head by head (see multi_head.hpp).
#include "multi_head.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "engine/rng.hpp"
#include "engine/transformer/dot_product_attention.hpp"
#include "engine/transformer/linear.hpp"

namespace al::mh {
namespace {

Mat matrix_of(const Vectors& v) {
  Mat m(v.count(), v.dim);
  for (int r = 0; r < v.count(); ++r)
    for (int c = 0; c < v.dim; ++c) m(r, c) = v.at(r, c);
  return m;
}

// The typed vectors, or `rows` x `cols` of ones or N(0, 1) draws.
Mat input_of(const Vectors& typed, MultiHeadInput fill, int rows, int cols, Rng& rng) {
  if (!typed.empty()) return matrix_of(typed);
  if (fill == MultiHeadInput::Ones) return Mat::Ones(rows, cols);
  Mat m(rows, cols);
  for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = rng.normal();
  return m;
}

// A projection to d from `in` numbers, Xavier-uniform as the Transformer engine's layers start.
Mat projection(int d, int in, Rng& rng) {
  Mat W(d, in);
  tf::xavier_uniform(W, in, d, rng);
  return W;
}

}  // namespace

double Problem::scale() const {
  return 1.0 / std::sqrt(static_cast<double>(head_dim()));
}

bool Problem::masks(int b) const {
  return !valid_lens.empty() &&
         valid_lens[static_cast<std::size_t>(b)] < keys[static_cast<std::size_t>(b)].rows();
}

Expected<Problem> problem_of(const MultiHeadSettings& s) {
  const int d = s.mh_hiddens, h = s.mh_heads;
  if (d % h != 0)
    return Error{"mh.heads: num_hiddens mh.hiddens = " + std::to_string(d) +
                 " is not divisible by mh.heads = " + std::to_string(h) +
                 " (each head takes d/h of it)"};
  const int nk = s.mh_keys.empty() ? s.mh_n_kv : s.mh_keys.count();
  if (!s.mh_values.empty() && s.mh_values.count() != nk)
    return Error{"mh.values: " + std::to_string(s.mh_values.count()) + " values for " +
                 std::to_string(nk) + " keys"};
  const std::size_t lens = s.mh_valid_lens.size();
  if (lens > 1 && lens != static_cast<std::size_t>(s.mh_batch))
    return Error{"mh.valid_lens: " + std::to_string(lens) + " lengths for mh.batch = " +
                 std::to_string(s.mh_batch) + " sequences (give one per sequence, or one for all)"};
  const int dq = s.mh_queries.empty() ? s.mh_dim : s.mh_queries.dim;
  const int dk = s.mh_keys.empty() ? s.mh_dim : s.mh_keys.dim;
  const int dv = s.mh_values.empty() ? dk : s.mh_values.dim;

  Problem p;
  p.heads = h;
  // The weights first, so that the inputs' sizes do not change them.
  Rng rng(s.mh_seed);
  p.W_q = projection(d, dq, rng);
  p.W_k = projection(d, dk, rng);
  p.W_v = projection(d, dv, rng);
  p.W_o = projection(d, d, rng);
  const int nq = s.mh_queries.empty() ? s.mh_n_queries : s.mh_queries.count();
  for (int b = 0; b < s.mh_batch; ++b) {
    p.queries.push_back(input_of(s.mh_queries, s.mh_input, nq, dq, rng));
    p.keys.push_back(input_of(s.mh_keys, s.mh_input, nk, dk, rng));
    p.values.push_back(s.mh_values.empty() ? p.keys.back() : matrix_of(s.mh_values));
    if (lens > 0)
      p.valid_lens.push_back(std::min(nk, s.mh_valid_lens[lens == 1 ? 0 : std::size_t(b)]));
  }
  return p;
}

Mat head_rows(const Mat& W, int head, int head_dim) {
  return W.middleRows(static_cast<Eigen::Index>(head) * head_dim, head_dim);
}

std::vector<Sequence> attend(const Problem& p) {
  const int dh = p.head_dim();
  std::vector<Sequence> out;
  for (int b = 0; b < p.batch(); ++b) {
    const auto at = static_cast<std::size_t>(b);
    const Mat Q = p.queries[at] * p.W_q.transpose();
    const Mat K = p.keys[at] * p.W_k.transpose();
    const Mat V = p.values[at] * p.W_v.transpose();
    // The book's 1-D valid length, one entry per query row (masked_softmax.hpp).
    const std::vector<int> lens =
        p.valid_lens.empty()
            ? std::vector<int>{}
            : std::vector<int>(static_cast<std::size_t>(Q.rows()), p.valid_lens[at]);
    Sequence seq;
    seq.concat.resize(Q.rows(), p.hiddens());
    for (int j = 0; j < p.heads; ++j) {
      Head head;
      head.Q = Q.middleCols(j * dh, dh);
      head.K = K.middleCols(j * dh, dh);
      head.V = V.middleCols(j * dh, dh);
      head.scores = head.Q * head.K.transpose() * p.scale();
      head.output = tf::dot_product_attention<double>(head.Q, head.K, head.V, lens, head.weights);
      seq.concat.middleCols(j * dh, dh) = head.output;
      seq.heads.push_back(std::move(head));
    }
    seq.output = seq.concat * p.W_o.transpose();
    out.push_back(std::move(seq));
  }
  return out;
}

}  // namespace al::mh
