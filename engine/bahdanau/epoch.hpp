// One epoch of Bahdanau training as the lab counts it: steps_per_epoch() training steps, then the
// evaluation (the teacher-forced loss over the whole phrase set and the BLEU of the book's four
// test sentences). The window's trainer, the bahdanau-training figure and the benchmark of the
// time to translate the test sentences all train by these epochs, so their numbers agree.
#pragma once

#include <string>
#include <vector>

#include "engine/bahdanau/training.hpp"

namespace al::bahdanau {

// One epoch as the lab plots it (the book's F9 per epoch, and BLEU).
struct EpochPoint {
  int epoch = 0;
  double train_loss = 0.0;  // the mean of the epoch's batch losses
  double set_loss = 0.0;    // teacher-forced over every pair of the set, after the epoch
  double bleu = 0.0;        // mean BLEU of the four test sentences, after the epoch
  int exact = 0;            // test sentences translated exactly
};

struct Epoch {
  EpochPoint point;
  std::vector<Translation> test;  // the four test sentences after it
  bool diverged = false;  // a loss was not finite: the epoch stopped there, with no evaluation
};

// Trains `run` for the epoch numbered `number` (from 1) and evaluates it.
Epoch train_epoch(TrainingRun& run, int number);

// The message of a run stopped by a loss that is no longer finite in epoch `epoch`.
std::string divergence_message(int epoch, double lr);

struct EpochHistory {
  std::vector<EpochPoint> points;  // as the window keeps them (Thinned beyond its maximum)
  std::string message;             // why training stopped early; empty when it did not
};

// `epochs` epochs of a new run of `config` (which must pass validate()) on this thread, stopping
// at the first that diverges.
EpochHistory train_epochs(const TrainConfig& config, int epochs);

}  // namespace al::bahdanau
