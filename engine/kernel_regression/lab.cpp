// The lab: validates settings, builds the data, and recomputes only the estimates a change
// touches. Every settings change goes through update(); every change of points through
// set_points().
#include "lab.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <utility>

#include "engine/memory_budget.hpp"
#include "engine/short_number.hpp"
#include "engine/user_text.hpp"

namespace al {
namespace {

// Each estimate keeps its whole queries x keys matrix; three of them at this size take 600 MB.
constexpr long long kMaxAttentionWeights = 25000000;

// Keys whose values the generated or loaded points depend on.
bool points_differ(const Settings& a, const Settings& b) {
  return a.data_seed != b.data_seed || a.data_n_train != b.data_n_train ||
         a.data_noise != b.data_noise || a.data_function != b.data_function ||
         a.data_x_min != b.data_x_min || a.data_x_max != b.data_x_max || a.data_csv != b.data_csv;
}
bool queries_differ(const Settings& a, const Settings& b) {
  return a.query_min != b.query_min || a.query_max != b.query_max || a.query_step != b.query_step;
}

// What one key's range cannot say: relations between keys.
std::optional<std::string> check_relations(const Settings& s) {
  if (s.data_csv.empty() && !(s.data_x_max > s.data_x_min))
    return "data.x_max: " + short_number(s.data_x_max) + " must be greater than data.x_min (" +
           short_number(s.data_x_min) + ")";
  if (!(s.query_max > s.query_min))
    return "data.query_max: " + short_number(s.query_max) +
           " must be greater than data.query_min (" + short_number(s.query_min) + ")";
  if ((s.query_max - s.query_min) / s.query_step > kMaxQueries * (1.0 + 1e-9))
    return "data.query_step: " + short_number(s.query_step) + " gives more than " +
           std::to_string(kMaxQueries) + " queries from data.query_min to data.query_max";
  return {};
}

// The query grid, and f on it when f is known.
void set_queries(Dataset& d, const Settings& s, bool truth_known) {
  d.queries = query_grid(s.query_min, s.query_max, s.query_step);
  d.truth.assign(d.queries.size(), std::numeric_limits<double>::quiet_NaN());
  if (truth_known)
    for (std::size_t k = 0; k < d.queries.size(); ++k)
      d.truth[k] = evaluate(s.data_function, d.queries[k]);
}

std::optional<std::string> check_size(const Dataset& d, const std::string& what) {
  const auto weights =
      static_cast<long long>(d.x.size()) * static_cast<long long>(d.queries.size());
  if (weights > kMaxAttentionWeights)
    return what + ": " + std::to_string(d.x.size()) + " training points x " +
           std::to_string(d.queries.size()) + " queries is more than " +
           std::to_string(kMaxAttentionWeights) +
           " attention weights; use fewer points or a larger data.query_step";
  // Within that count, the matrices must still fit this machine's memory budget.
  if (auto e = check_memory(lab_working_set(static_cast<std::int64_t>(d.x.size()),
                                            static_cast<std::int64_t>(d.queries.size())),
                            "use fewer points or a larger data.query_step"))
    return what + ": " + *e;
  return {};
}

// The points the settings describe (generated, or read from data.csv) with their queries.
Expected<Dataset> build_dataset(const Settings& s) {
  Dataset d;
  if (!s.data_csv.empty()) {
    auto points = load_points_csv(s.data_csv);
    if (!points) return Error{points.error()};
    d.x = std::move(points.value().x);
    d.y = std::move(points.value().y);
    d.source = "csv " + s.data_csv;
  } else {
    d = generate_dataset(s);
    for (std::size_t i = 0; i < d.x.size(); ++i)
      if (!std::isfinite(d.y[i]))
        return Error{"data.x_min: f(x) = " + std::string(title(s.data_function)) +
                     " is undefined at x = " + short_number(d.x[i]) +
                     "; use data.x_min >= 0 or another data.function"};
  }
  set_queries(d, s, s.data_csv.empty());
  if (auto err = check_size(d, s.data_csv.empty() ? "data.n_train" : printable(s.data_csv)))
    return Error{*err};
  return d;
}

}  // namespace

std::uint64_t Lab::next_revision() {
  static std::atomic<std::uint64_t> counter{0};
  return ++counter;
}

Lab::Lab() {
  data_ = build_dataset(settings_).value();  // the defaults always build
  recompute_all();
}

Expected<Lab> Lab::create(const Settings& s) {
  Lab lab;
  if (auto err = lab.update(s)) return Error{*err};
  return lab;
}

std::optional<std::string> Lab::update(const Settings& next) {
  // Validate through the registry, in its order (a preset before the keys it sets), every key
  // whose text differs from what the settings so far give.
  Settings s = settings_;
  for (const auto& info : setting_registry()) {
    const std::string text = info.get(next);
    if (text != info.get(s))
      if (auto err = apply_setting(s, info.key, text)) return err;
  }
  if (auto err = check_relations(s)) return err;

  const bool new_points = points_differ(settings_, s);
  const bool new_queries = queries_differ(settings_, s);
  Dataset d;
  bool truth_known = truth_known_;
  if (new_points) {
    auto built = build_dataset(s);
    if (!built) return built.error();
    d = std::move(built.value());
    truth_known = s.data_csv.empty();
  } else if (new_queries) {
    d = data_;
    set_queries(d, s, truth_known);
    if (auto err = check_size(d, "data.query_step")) return err;
  }

  const Settings old = std::exchange(settings_, s);
  revision_ = next_revision();
  if (new_points || new_queries) {
    data_ = std::move(d);
    truth_known_ = truth_known;
  }
  if (new_points) {
    recompute_all();
    return {};
  }
  if (new_queries) {
    average_ = average_pooling(data_.queries, data_.x, data_.y);
    recompute_nadaraya_watson();
    recompute_parametric();
  } else if (s.kernel != old.kernel || s.kernel_w != old.kernel_w) {
    recompute_nadaraya_watson();
  }

  // Training. A new w0, fewer epochs than trained, or a new learning rate after divergence
  // (the way out of it) start over; otherwise the trainer continues where it is.
  const bool lr_changed = s.train_lr != old.train_lr;
  if (s.train_w0 != old.train_w0 || s.train_epochs < trainer_.epoch() ||
      (lr_changed && trainer_.diverged())) {
    retrain();
    return {};
  }
  if (lr_changed) trainer_.set_learning_rate(s.train_lr);
  if (s.train_batch != old.train_batch) trainer_.set_batch(s.train_batch);
  if (s.train_epochs > trainer_.epoch()) train_to(s.train_epochs);
  return {};
}

std::optional<std::string> Lab::set(std::string_view key, std::string_view value) {
  Settings next = settings_;
  if (auto err = apply_setting(next, key, value)) return err;
  return update(next);
}

// Edited points keep the true curve when they started as generated data: the user is moving
// the book's points and f still helps to judge the fit. Points from a CSV have no known f.
std::optional<std::string> Lab::set_points(std::vector<double> x, std::vector<double> y) {
  if (x.size() != y.size())
    return "points: " + std::to_string(x.size()) + " x values but " + std::to_string(y.size()) +
           " y values";
  if (x.empty()) return "points: at least one training point is needed";
  for (std::size_t i = 0; i < x.size(); ++i) {  // numbered from 1, as a person counts
    if (!std::isfinite(x[i])) return "point " + std::to_string(i + 1) + ": x is not finite";
    if (!std::isfinite(y[i])) return "point " + std::to_string(i + 1) + ": y is not finite";
  }
  sort_points(x, y);
  Dataset d;
  d.x = std::move(x);
  d.y = std::move(y);
  d.source = kEditedSource;
  set_queries(d, settings_, truth_known_);
  if (auto err = check_size(d, "points")) return err;
  data_ = std::move(d);
  settings_.data_csv.clear();
  recompute_all();
  return {};
}

// Point edits keep the points sorted by inserting at the sorted position (after equal x), so the
// stable sort in set_points leaves them in place and the index is known.
int Lab::add_point(double x, double y) {
  auto xs = data_.x, ys = data_.y;
  const auto at = std::upper_bound(xs.begin(), xs.end(), x) - xs.begin();
  xs.insert(xs.begin() + at, x);
  ys.insert(ys.begin() + at, y);
  return set_points(std::move(xs), std::move(ys)) ? -1 : static_cast<int>(at);
}

int Lab::move_point(int index, double x, double y) {
  if (index < 0 || index >= static_cast<int>(data_.x.size())) return -1;
  auto xs = data_.x, ys = data_.y;
  xs.erase(xs.begin() + index);
  ys.erase(ys.begin() + index);
  const auto at = std::upper_bound(xs.begin(), xs.end(), x) - xs.begin();
  xs.insert(xs.begin() + at, x);
  ys.insert(ys.begin() + at, y);
  return set_points(std::move(xs), std::move(ys)) ? -1 : static_cast<int>(at);
}

void Lab::delete_point(int index) {
  if (index < 0 || index >= static_cast<int>(data_.x.size()) || data_.x.size() == 1) return;
  auto xs = data_.x, ys = data_.y;
  xs.erase(xs.begin() + index);
  ys.erase(ys.begin() + index);
  set_points(std::move(xs), std::move(ys));
}

void Lab::regenerate() {
  auto built = build_dataset(settings_);
  if (!built) return;  // the CSV has become unreadable: keep what is shown
  data_ = std::move(built.value());
  truth_known_ = settings_.data_csv.empty();
  recompute_all();
}

const Estimate& Lab::estimate(Estimator e) const {
  switch (e) {
    case Estimator::Average:
      return average_;
    case Estimator::NadarayaWatson:
      return nw_;
    case Estimator::Parametric:
      return parametric_;
  }
  return nw_;
}

void Lab::recompute_all() {
  ++data_revision_;
  revision_ = next_revision();
  average_ = average_pooling(data_.queries, data_.x, data_.y);
  recompute_nadaraya_watson();
  retrain();
}

void Lab::recompute_nadaraya_watson() {
  al::nadaraya_watson(data_.queries, data_.x, data_.y, settings_.kernel, settings_.kernel_w, nw_);
}

void Lab::retrain() {
  training_message_.clear();
  const double w0 = settings_.train_w0.value_or(default_w0(settings_.data_seed));
  trainer_.reset(data_.x, data_.y, w0, settings_.train_lr, settings_.train_batch,
                 settings_.data_seed);
  train_to(settings_.train_epochs);
}

void Lab::train_to(int epochs) {
  const auto n = data_.x.size();
  if (trainer_.epoch() < epochs && !trainer_.diverged()) {
    if (n > static_cast<std::size_t>(kMaxTrainingPoints))
      training_message_ = "not trained: " + std::to_string(n) + " points is more than " +
                          std::to_string(kMaxTrainingPoints) +
                          " (each epoch costs n^2); the parametric curve uses w0";
    else if (n < 2)
      training_message_ =
          "not trained: training predicts each point from the others, so it needs at least 2 "
          "points";
    else
      while (trainer_.epoch() < epochs && trainer_.step_epoch()) {
      }
  }
  if (trainer_.diverged()) training_message_ = trainer_.message();
  training_warning_ = al::training_warning(trainer_.history(), data_.x);
  recompute_parametric();
}

// The learned model at test time: every training point is a key (no leave-one-out). It is
// recomputed after every epoch while training plays, into the same storage.
void Lab::recompute_parametric() {
  al::nadaraya_watson(data_.queries, data_.x, data_.y, Kernel::Gaussian, trainer_.w(), parametric_);
}

std::optional<std::string> check_selected_query(const Lab& lab) {
  const int query = lab.settings().view_query;
  const auto queries = lab.data().queries.size();
  if (query < 0 || static_cast<std::size_t>(query) < queries) return {};
  return "view.query: " + std::to_string(query) + " is out of range (" + std::to_string(queries) +
         " queries)";
}

}  // namespace al
