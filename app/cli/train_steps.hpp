// The step loop of `attention-lab train` for any model's training run (a Transformer's or a
// Bahdanau model's): steps under a progress bar, stopping at the first non-finite loss or when
// the caller says the run is good enough.
#pragma once

#include <chrono>
#include <cmath>
#include <string>

#include "app/figure/number_format.hpp"
#include "engine/expected.hpp"
#include "progress.hpp"

namespace al::cli {

template <class Stats>
struct TrainedSteps {
  Stats last;            // the last step's statistics
  int steps = 0;         // steps taken: fewer than asked when `done` ended the run early
  double seconds = 0.0;  // wall time of the steps
};

// `steps` steps of `run`, reported as "LABEL: … loss 0.0123"; when a loss is not finite, the
// error `divergence(step)` (a message naming the model's learning-rate key). After each step
// `done(step)` may end the run early (true).
template <class Run, class DivergenceMessage, class Done>
auto train_steps(Run& run, int steps, const std::string& label, DivergenceMessage divergence,
                 Done done) -> Expected<TrainedSteps<decltype(run.step())>> {
  Progress progress(label, steps);
  const auto start = std::chrono::steady_clock::now();
  TrainedSteps<decltype(run.step())> out;
  for (int step = 1; step <= steps; ++step) {
    out.last = run.step();
    if (!std::isfinite(out.last.loss)) {
      progress.finish();
      return Error{divergence(step)};
    }
    progress.update(step, "loss " + fig::significant(out.last.loss, 4));
    out.steps = step;
    if (done(step)) break;
  }
  progress.finish();
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return out;
}

}  // namespace al::cli
