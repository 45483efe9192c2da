// The kernel identity of scaled dot-product attention (see kernel_identity.hpp).
#include "kernel_identity.hpp"

#include <cmath>
#include <string>

#include "engine/kernel_regression/nadaraya_watson.hpp"
#include "engine/memory_budget.hpp"
#include "engine/rng.hpp"
#include "engine/transformer/masked_softmax.hpp"

namespace al::identity {
namespace {

// Matrices of (queries x keys) doubles the identity holds at once: the scaled scores, the two
// logarithms, RBF, M and three weight matrices.
constexpr double kMatrices = 8.0;

Mat matrix_of(const Vectors& v) {
  Mat m(v.count(), v.dim);
  for (int r = 0; r < v.count(); ++r)
    for (int c = 0; c < v.dim; ++c) m(r, c) = v.at(r, c);
  return m;
}

Mat random_matrix(Rng& rng, int rows, int cols) {
  Mat m(rows, cols);
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < cols; ++c) m(r, c) = rng.normal();
  return m;
}

double max_abs_difference(const Mat& a, const Mat& b) {
  return a.size() == 0 ? 0.0 : (a - b).cwiseAbs().maxCoeff();
}

}  // namespace

double identity_bytes(int nq, int nk) {
  return kMatrices * static_cast<double>(nq) * static_cast<double>(nk) * sizeof(double);
}

Identity kernel_identity(const Mat& Q, const Mat& K) {
  const double root_d = std::sqrt(static_cast<double>(Q.cols()));
  const Eigen::VectorXd q2 = Q.rowwise().squaredNorm(), k2 = K.rowwise().squaredNorm();
  const Mat scores = (Q * K.transpose()) / root_d;
  // ‖q − k‖² from the difference itself, not from the expansion the identity is about.
  Mat log_rbf(Q.rows(), K.rows()), log_magnitude(Q.rows(), K.rows());
  for (Eigen::Index i = 0; i < Q.rows(); ++i)
    for (Eigen::Index j = 0; j < K.rows(); ++j) {
      log_rbf(i, j) = -(Q.row(i) - K.row(j)).squaredNorm() / (2.0 * root_d);
      log_magnitude(i, j) = (q2[i] + k2[j]) / (2.0 * root_d);
    }
  Identity id;
  id.dot_weights = tf::masked_softmax<double>(scores, {});
  id.rbf = log_rbf.array().exp();
  id.magnitude = log_magnitude.array().exp();
  id.overflowed = static_cast<int>((!id.magnitude.array().isFinite()).count());
  id.product_weights = tf::masked_softmax<double>(Mat(log_rbf + log_magnitude), {});
  id.rbf_weights = tf::masked_softmax<double>(log_rbf, {});
  id.max_difference = max_abs_difference(id.product_weights, id.dot_weights);
  id.rbf_only_difference = max_abs_difference(id.rbf_weights, id.dot_weights);
  return id;
}

Expected<Inputs> inputs_of(const KernelIdentitySettings& s) {
  const Vectors& q = s.identity_queries;
  const Vectors& k = s.identity_keys;
  if (!q.empty() && !k.empty() && q.dim != k.dim)
    return Error{"identity.keys: keys of " + std::to_string(k.dim) + " numbers and queries of " +
                 std::to_string(q.dim) + " have no dot product"};
  const int dim = !q.empty() ? q.dim : !k.empty() ? k.dim : s.identity_dim;
  const int nq = q.empty() ? s.identity_n_queries : q.count();
  const int nk = k.empty() ? s.identity_n_keys : k.count();
  const double bytes = identity_bytes(nq, nk) + static_cast<double>(nq + nk) * dim * sizeof(double);
  if (auto e = check_memory(bytes, "lower identity.n_queries, identity.n_keys or identity.dim"))
    return Error{*e};
  Rng rng(s.identity_seed);
  Inputs in;
  in.Q = q.empty() ? random_matrix(rng, nq, dim) : matrix_of(q);
  in.K = k.empty() ? random_matrix(rng, nk, dim) : matrix_of(k);
  return in;
}

Expected<NadarayaWatsonLink> nadaraya_watson_link(const std::vector<double>& queries,
                                                  const std::vector<double>& keys, double w) {
  const double bytes =
      identity_bytes(static_cast<int>(queries.size()), static_cast<int>(keys.size()));
  if (auto e = check_memory(bytes, "lower data.n_train or the number of queries")) return Error{*e};
  NadarayaWatsonLink link;
  const std::vector<double> values(keys.size(), 0.0);
  link.nw_weights =
      nadaraya_watson(queries, keys, values, Kernel::Gaussian, w).weights.cast<double>();
  Mat Q(static_cast<Eigen::Index>(queries.size()), 1), K(static_cast<Eigen::Index>(keys.size()), 1);
  for (std::size_t i = 0; i < queries.size(); ++i)
    Q(static_cast<Eigen::Index>(i), 0) = w * queries[i];
  for (std::size_t j = 0; j < keys.size(); ++j) K(static_cast<Eigen::Index>(j), 0) = w * keys[j];
  const Identity id = kernel_identity(Q, K);
  link.rbf_weights = id.rbf_weights;
  link.dot_weights = id.dot_weights;
  link.max_difference = max_abs_difference(link.nw_weights, link.rbf_weights);
  link.dot_difference = max_abs_difference(link.dot_weights, link.nw_weights);
  return link;
}

}  // namespace al::identity
