// The lab: settings in, data and estimates out. It is the one model that the GUI, the command
// line and the figures read. Everything it shows is a function of its settings plus, when the
// user has edited them, its training points; updates recompute only what a change touches
// (dragging kernel.w recomputes the Nadaraya–Watson estimate and nothing else).
//
// Training is part of the settings: the parametric model is always trained for `train.epochs`
// epochs. Playing in the app raises train.epochs one epoch at a time; Reset sets it to 0. So a
// session file or `--set` reproduces exactly what the window shows.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dataset.hpp"
#include "nadaraya_watson.hpp"
#include "parametric.hpp"
#include "points_csv.hpp"
#include "engine/settings.hpp"

namespace al {

class Lab {
 public:
  // The defaults: the book's dataset (d2l-v2), trained for train.epochs.
  Lab();
  // Fails (with the message of the first problem) if the settings name a CSV that cannot be read.
  static Expected<Lab> create(const Settings& s);

  const Settings& settings() const { return settings_; }

  // Applies new settings, recomputing what changed. On error (a value out of range, an unreadable
  // CSV) nothing changes and the message names the key or file.
  std::optional<std::string> update(const Settings& next);
  std::optional<std::string> set(std::string_view key, std::string_view value);

  const Dataset& data() const { return data_; }
  // Replaces the training points with the user's own (sorted by x; data.csv is cleared).
  // Rejects non-finite values and an empty set.
  std::optional<std::string> set_points(std::vector<double> x, std::vector<double> y);
  // Point editing in sorted order; each returns the point's index after re-sorting, or -1 (and
  // changes nothing) for a non-finite coordinate or an index out of range.
  int add_point(double x, double y);
  int move_point(int index, double x, double y);
  void delete_point(int index);  // the last point cannot be deleted: there must be a key
  // Draws new generated data for the current data.* settings (dropping user edits).
  void regenerate();

  const Estimate& average() const { return average_; }
  const Estimate& nadaraya_watson() const { return nw_; }
  const Estimate& parametric() const { return parametric_; }
  const Estimate& estimate(Estimator e) const;

  const ParametricTrainer& trainer() const { return trainer_; }
  // Set when training cannot reach train.epochs (diverged, or too many points): one line.
  const std::string& training_message() const { return training_message_; }
  // Set when training runs but goes wrong (rising loss, saturated w): one line, else empty.
  const std::string& training_warning() const { return training_warning_; }

  // Rises whenever the training points change (undo history and caches compare it).
  std::uint64_t data_revision() const { return data_revision_; }
  // Rises whenever anything the lab shows may have changed (settings, points, training): views
  // rebuild their figures only when it does.
  std::uint64_t revision() const { return revision_; }
  // Whether the points are the user's edits rather than what the data.* settings give.
  bool points_edited() const { return data_.source == kEditedSource; }
  static constexpr const char* kEditedSource = "edited";

 private:
  void recompute_all();
  void recompute_nadaraya_watson();
  void retrain();               // from w0 up to train.epochs
  void train_to(int epochs);    // continue up to train.epochs
  void recompute_parametric();  // the prediction at the current learned w

  Settings settings_;
  Dataset data_;
  Estimate average_, nw_, parametric_;
  ParametricTrainer trainer_;
  std::string training_message_;
  std::string training_warning_;
  std::uint64_t data_revision_ = 0;
  std::uint64_t revision_ = next_revision();
  // Revisions are unique across labs (a session replaces the lab: its views must not mistake the
  // new lab's revision for the old one's).
  static std::uint64_t next_revision();
  bool truth_known_ = true;  // f is known: generated points and the user's edits of them
};

// Training over n points costs n^2 per epoch (leave-one-out keys); above this the lab refuses
// to train and says so.
inline constexpr int kMaxTrainingPoints = 20000;

// The selected query (view.query) must be one of the lab's queries, or -1 for none. The window
// tolerates a selection the query grid has shrunk below (it highlights nothing), but a session
// or a command line that names one is refused with this message: "view.query: 999 is out of
// range (50 queries)".
std::optional<std::string> check_selected_query(const Lab& lab);

}  // namespace al
