// Epochs of Bahdanau training (see epoch.hpp).
#include "engine/bahdanau/epoch.hpp"

#include <cmath>

#include "engine/short_number.hpp"
#include "engine/thinned.hpp"

namespace al::bahdanau {

Epoch train_epoch(TrainingRun& run, int number) {
  Epoch e;
  e.point.epoch = number;
  const int steps = steps_per_epoch(run.config());
  for (int i = 0; i < steps; ++i) {
    const double loss = run.step().loss;
    if (!std::isfinite(loss)) {
      e.diverged = true;
      return e;
    }
    e.point.train_loss += loss / steps;
  }
  const EvalStats eval = run.evaluate();
  e.point.set_loss = eval.loss;
  e.point.bleu = eval.mean_bleu();
  e.point.exact = eval.exact();
  e.test = eval.test;
  return e;
}

std::string divergence_message(int epoch, double lr) {
  std::string m = "bahdanau.lr: the loss diverged in epoch ";
  m += std::to_string(epoch);
  m += " with bahdanau.lr ";
  m += shortest_number(lr);
  m += "; use a smaller one";
  return m;
}

EpochHistory train_epochs(const TrainConfig& config, int epochs) {
  TrainingRun run(config);
  Thinned<EpochPoint> points(kMaxHistoryPoints);
  EpochHistory h;
  for (int n = 1; n <= epochs; ++n) {
    const Epoch e = train_epoch(run, n);
    if (e.diverged) {
      h.message = divergence_message(n, config.adam.lr);
      break;
    }
    points.add(e.point);
  }
  h.points = points.points();
  return h;
}

}  // namespace al::bahdanau
