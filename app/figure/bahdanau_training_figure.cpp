// bahdanau-training: loss and BLEU per epoch.
#include "bahdanau_training_figure.hpp"

#include <algorithm>

#include "builder_helpers.hpp"
#include "engine/bahdanau/train_config.hpp"
#include "engine/transformer/phrases.hpp"
#include "palette.hpp"

namespace al::fig {
namespace {

// Epochs are marked while at most this many are in view.
constexpr std::size_t kMaxEpochMarkers = 50;

// "exact: 3 of 4 (all 4 first at epoch 68)": the last epoch's exact translations, and when all
// four first came out right (what "trained" means for the book's model).
std::string exact_note(const std::vector<bahdanau::EpochPoint>& history) {
  const int all = static_cast<int>(tf::kBookTestSentences.size());
  std::string note = "exact: ";
  note += std::to_string(history.back().exact);
  note += " of ";
  note += std::to_string(all);
  const auto first = std::find_if(history.begin(), history.end(),
                                  [&](const bahdanau::EpochPoint& p) { return p.exact == all; });
  if (first != history.end()) {
    note += " (all ";
    note += std::to_string(all);
    note += " first at epoch ";
    note += std::to_string(first->epoch);
    note += ")";
  }
  return note;
}

}  // namespace

Figure bahdanau_training_figure(const std::vector<bahdanau::EpochPoint>& history,
                                const std::string& note, const FigureContext& ctx) {
  std::vector<double> epoch, train, set, bleu;
  for (const bahdanau::EpochPoint& p : history) {
    epoch.push_back(p.epoch);
    train.push_back(p.train_loss);
    set.push_back(p.set_loss);
    bleu.push_back(p.bleu);
  }
  const Axis epochs{"epoch", 0.0, std::max(1.0, epoch.empty() ? 1.0 : epoch.back())};

  Panel losses;
  losses.title = "Loss (book F9)";
  losses.x = epochs;
  double top = 1e-6;
  for (const auto* v : {&train, &set})
    if (!v->empty()) top = std::max(top, *std::max_element(v->begin(), v->end()));
  losses.y = {"cross-entropy", 0.0, 1.05 * top};
  losses.legend = LegendPlacement::Auto;
  losses.series.push_back(line("batches", epoch, train, palette::kTrainLoss, Dash::Solid));
  losses.series.push_back(line("whole set", epoch, set, palette::kSetLoss, Dash::Dashed));
  losses.note = note;
  if (note.empty() && epoch.empty()) losses.note = "No epochs yet: press Play.";

  Panel score;
  score.title = "BLEU of the 4 test sentences (mean)";
  score.x = epochs;
  score.y = {"BLEU", 0.0, 1.02};
  score.series.push_back(line("", epoch, bleu, palette::kBleu, Dash::Solid));
  Series dots = markers("", epoch, bleu, palette::kBleu);
  dots.max_markers = kMaxEpochMarkers;
  score.series.push_back(std::move(dots));

  if (!history.empty()) score.note = exact_note(history);

  Figure f;
  f.name = "bahdanau-training";
  f.cols = 2;
  f.width = 760;
  f.height = 320;
  f.panels = {std::move(losses), std::move(score)};
  f.table.columns = {"epoch", "train_loss", "set_loss", "bleu", "exact"};
  if (!ctx.table) return f;
  for (const bahdanau::EpochPoint& p : history)
    f.table.rows.push_back({static_cast<double>(p.epoch), cell(p.train_loss), cell(p.set_loss),
                            cell(p.bleu), static_cast<double>(p.exact)});
  return f;
}

Expected<Figure> bahdanau_training_figure(const Settings& s, const FigureContext& ctx) {
  const bahdanau::TrainConfig config = bahdanau::train_config(s);
  if (auto e = bahdanau::check_training(config)) return Error{*e};
  const bahdanau::EpochHistory h = bahdanau::train_epochs(config, s.bahdanau_epochs);
  return bahdanau_training_figure(h.points, h.message, ctx);
}

}  // namespace al::fig
