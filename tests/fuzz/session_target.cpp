// Fuzz target: session files (app/session/session.hpp), read into a Lab whose estimates are then
// checked, and written back.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <utility>
#include <vector>

#include "app/session/session.hpp"
#include "engine/json_reader.hpp"
#include "engine/parallel.hpp"
#include "targets.hpp"

namespace al::fuzz {
namespace {

using nlohmann::json;

// from_json builds the Lab the session describes, which may ask for 10^5 points, 10^6 queries and
// 10^5 epochs. A fuzz run must stay fast and on one thread, so inputs whose settings ask for more
// than this are skipped: every estimate (queries × keys) and every training epoch (n²) below
// kParallelWork, where the engine would start threads, and training at most this many kernel
// evaluations in all.
constexpr double kMaxTrainingWork = 2e6;

// Whether a lab of `n` points with settings `s` is within the bounds above.
bool affordable(double n, const Settings& s) {
  const double queries = (s.query_max - s.query_min) / s.query_step + 1;
  if (!(n * queries < kParallelWork)) return false;
  const bool trains = s.train_epochs > 0 && n >= 2 && n <= kMaxTrainingPoints;
  return !trains || (n * n < kParallelWork && s.train_epochs * n * n <= kMaxTrainingWork);
}

// Whether from_json stays within the bounds: the settings it would apply are read the same way
// (a lab of the defaults is built first, then one of the session's points when it has some).
// The JSON reader's limits here are looser than the session's, so no session from_json reads
// escapes this check.
bool affordable(std::string_view text) {
  const auto parsed =
      read_json(text, {.max_bytes = text.size(), .max_values = SIZE_MAX, .max_depth = 64});
  // Whatever from_json rejects before building a lab costs nothing.
  if (!parsed || !parsed.value().is_object()) return true;
  const json& doc = parsed.value();
  std::vector<std::pair<std::string, std::string>> assignments;
  if (const auto s = doc.find("settings"); s != doc.end() && s->is_object())
    for (const auto& [key, value] : s->items())
      if (auto v = session::value_text(value)) assignments.emplace_back(key, *v);
  std::size_t points = 0;
  if (const auto p = doc.find("points"); p != doc.end() && p->is_object()) {
    if (const auto x = p->find("x"); x != p->end() && x->is_array()) points = x->size();
    assignments.emplace_back("data.csv", "");
  }
  Settings s;
  if (apply_settings(s, assignments)) return true;
  // A CSV named by the settings is read from the file system: not the session reader's input
  // (the CSV reader has its own target).
  if (!s.data_csv.empty()) return false;
  return affordable(s.data_n_train, s) && affordable(static_cast<double>(points), s);
}

// Every estimate covers every query and key; a defined row of weights is a probability
// distribution, so its prediction (a weighted mean of the y values) lies between their extremes;
// an undefined row (no key in reach) is all zero with a NaN prediction.
Problem check_estimate(std::string_view which, const Estimate& e, const Dataset& d) {
  const auto queries = static_cast<Eigen::Index>(d.queries.size());
  const auto keys = static_cast<Eigen::Index>(d.x.size());
  if (e.prediction.size() != queries || e.weights.rows() != queries || e.weights.cols() != keys)
    return std::string(which) + ": " + std::to_string(e.weights.rows()) + " x " +
           std::to_string(e.weights.cols()) + " weights for " + std::to_string(queries) +
           " queries and " + std::to_string(keys) + " keys";
  const auto [lo, hi] = std::minmax_element(d.y.begin(), d.y.end());
  const double slack = 1e-9 * std::max(std::abs(*lo), std::abs(*hi));
  for (Eigen::Index k = 0; k < queries; ++k) {
    const auto row = e.weights.row(k).cast<double>();
    const double sum = row.sum(), f = e.prediction[k];
    const std::string at = std::string(which) + ", query " + std::to_string(k) + ": ";
    if (keys > 0 && row.minCoeff() < 0) return at + "a negative weight";
    if (std::isnan(f) && sum != 0)
      return at + "undefined but its weights sum to " + std::to_string(sum);
    if (!std::isnan(f) && std::abs(sum - 1) > 1e-5)
      return at + "weights sum to " + std::to_string(sum);
    if (f < *lo - slack || f > *hi + slack) return at + "prediction outside the y range";
  }
  return {};
}

}  // namespace

Problem session(Bytes bytes) {
  const std::string_view text = as_text(bytes);
  if (!affordable(text)) return {};
  const auto lab = session::from_json(text, "fuzz.json");
  if (!lab) {
    if (!lab.error().starts_with("fuzz.json: "))
      return "the error does not start with the file name: " + lab.error();
    return check_message("session", lab.error());
  }
  const Lab& l = lab.value();
  for (const Estimator e : {Estimator::Average, Estimator::NadarayaWatson, Estimator::Parametric})
    if (auto p = check_estimate(name(e), l.estimate(e), l.data())) return p;

  // What the app saves, it restores: the saved session loads and saves to the same text.
  const std::string saved = session::to_json(l);
  const auto again = session::from_json(saved, "saved.json");
  if (!again) return "a saved session does not load: " + again.error();
  if (session::to_json(again.value()) != saved) return "a saved session loads as another one";
  return {};
}

}  // namespace al::fuzz
