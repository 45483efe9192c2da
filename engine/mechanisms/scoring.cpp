// The scoring lab's numerics (see scoring.hpp).
#include "scoring.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "engine/rng.hpp"
#include "engine/transformer/additive_attention.hpp"
#include "engine/transformer/dot_product_attention.hpp"
#include "engine/transformer/linear.hpp"

namespace al::scoring {
namespace {

Mat matrix_of(const Vectors& v) {
  Mat m(v.count(), v.dim);
  for (int r = 0; r < v.count(); ++r)
    for (int c = 0; c < v.dim; ++c) m(r, c) = v.at(r, c);
  return m;
}

std::string shape(Eigen::Index rows, Eigen::Index cols) {
  std::string out = std::to_string(rows);
  out += " x ";
  out += std::to_string(cols);
  return out;
}

// A typed parameter must have the shape the queries and keys ask for.
std::optional<std::string> check_shape(const char* key, const Mat& m, Eigen::Index rows,
                                       Eigen::Index cols) {
  if (m.rows() == rows && m.cols() == cols) return {};
  std::string message = key;
  message += ": ";
  message += shape(m.rows(), m.cols());
  message += ", the queries and keys need ";
  message += shape(rows, cols);
  message += " (or leave it empty for random parameters from scoring.seed)";
  return message;
}

}  // namespace

Parameters random_parameters(int d_q, int d_k, int hidden, std::uint64_t seed) {
  Rng rng(seed);
  tf::AdditiveAttention<double> additive;
  additive.init(d_q, d_k, hidden, rng);
  Parameters p;
  p.W_q = additive.W_q.weight.value;
  p.W_k = additive.W_k.weight.value;
  p.w_v = additive.w_v.weight.value.row(0);
  p.W.resize(d_q, d_k);
  tf::xavier_uniform(p.W, d_k, d_q, rng);
  return p;
}

Expected<Problem> problem_of(const ScoringSettings& s) {
  Problem p;
  p.Q = matrix_of(s.scoring_queries);
  p.K = matrix_of(s.scoring_keys);
  const Eigen::Index nk = p.K.rows(), d_q = p.Q.cols(), d_k = p.K.cols();
  if (s.scoring_values.empty()) {
    p.values = Eigen::VectorXd::LinSpaced(nk, 1.0, static_cast<double>(nk));
  } else if (static_cast<Eigen::Index>(s.scoring_values.size()) != nk) {
    return Error{"scoring.values: " + std::to_string(s.scoring_values.size()) + " values for " +
                 std::to_string(nk) + " keys (one per key, or empty for 1, 2, 3, ...)"};
  } else {
    p.values = Eigen::Map<const Eigen::VectorXd>(s.scoring_values.data(), nk);
  }
  p.function = s.scoring_function;
  p.temperature = s.scoring_temperature;
  p.valid_len = std::clamp(s.scoring_valid_len, 0, static_cast<int>(nk));
  const bool dot = p.function == ScoringFunction::Dot || p.function == ScoringFunction::ScaledDot;
  if (dot && d_q != d_k)
    return Error{"scoring.keys: keys of " + std::to_string(d_k) + " numbers and queries of " +
                 std::to_string(d_q) +
                 " have no dot product (scoring.function=additive or general take any sizes)"};

  p.parameters = random_parameters(static_cast<int>(d_q), static_cast<int>(d_k), s.scoring_hidden,
                                   s.scoring_seed);
  Parameters& w = p.parameters;
  const Eigen::Index h = s.scoring_hidden;
  if (!s.scoring_w_q.empty()) w.W_q = matrix_of(s.scoring_w_q);
  if (!s.scoring_w_k.empty()) w.W_k = matrix_of(s.scoring_w_k);
  if (!s.scoring_w_v.empty())
    w.w_v = Eigen::Map<const Eigen::RowVectorXd>(s.scoring_w_v.data(),
                                                 static_cast<Eigen::Index>(s.scoring_w_v.size()));
  if (!s.scoring_w.empty()) w.W = matrix_of(s.scoring_w);
  if (p.function == ScoringFunction::Additive) {
    if (auto e = check_shape("scoring.w_q", w.W_q, h, d_q)) return Error{*e};
    if (auto e = check_shape("scoring.w_k", w.W_k, h, d_k)) return Error{*e};
    if (auto e = check_shape("scoring.w_v", w.w_v, 1, h)) return Error{*e};
  }
  if (p.function == ScoringFunction::General)
    if (auto e = check_shape("scoring.w", w.W, d_q, d_k)) return Error{*e};
  return p;
}

Result score(const Problem& p) {
  Result r;
  switch (p.function) {
    case ScoringFunction::Dot:
      r.scores = p.Q * p.K.transpose();
      break;
    case ScoringFunction::ScaledDot:
      r.scale = 1.0 / std::sqrt(static_cast<double>(p.Q.cols()));
      r.scores = (p.Q * p.K.transpose()) * r.scale;
      break;
    case ScoringFunction::Additive: {
      // The Transformer engine's additive attention computes the scores (its cache keeps them
      // before the mask); its own softmax has no temperature, so the weights are taken below.
      tf::AdditiveAttention<double> additive;
      additive.W_q.weight.value = p.parameters.W_q;
      additive.W_k.weight.value = p.parameters.W_k;
      additive.w_v.weight.value = p.parameters.w_v;
      tf::AdditiveAttention<double>::Cache cache;
      additive.forward(p.Q, p.K, Mat(p.values), {}, cache);
      r.scores = cache.scores;
      break;
    }
    case ScoringFunction::General:
      r.scores = p.Q * p.parameters.W * p.K.transpose();
      break;
  }
  const Eigen::Index nq = p.Q.rows(), nk = p.K.rows();
  r.logits.resize(nq, nk);
  r.weights.resize(nq, nk);
  for (Eigen::Index i = 0; i < nq; ++i) {
    tf::QueryScores<double> q;
    q.raw = r.scores.row(i);
    tf::finish_query_scores(q, 1.0 / p.temperature, p.valid_len);
    r.logits.row(i) = q.masked;
    r.weights.row(i) = q.weights;
  }
  r.outputs = r.weights * p.values;
  return r;
}

}  // namespace al::scoring
