// Training the Bahdanau model on the phrase set (engine/transformer/phrases.hpp), as the book
// trains it: teacher forcing (decoder input <bos> + y, labels y + <eos>), batches padded with
// <pad> and masked (the attention ignores padded source positions, the loss padded labels),
// cross-entropy averaged over the real tokens, Adam with the gradients clipped to global norm 1.
// Batches are drawn uniformly from the set (with replacement) from a seeded stream, so the same
// TrainConfig gives the same model after the same number of steps.
//
// evaluate() measures how well the set was learnt, like the book, which translates sentences it
// trained on: the teacher-forced loss over every pair, and greedy translations of the book's four
// test sentences with their BLEU (k = 2).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/bahdanau/model_file.hpp"
#include "engine/rng.hpp"
#include "engine/transformer/adam.hpp"

namespace al::bahdanau {

struct TrainConfig {
  Config model;  // the vocabularies are filled in from the phrase set
  tf::AdamConfig adam;
  int batch = 64;
  std::uint64_t seed = 1;
};

// The old edition's model (E = H = 32, L = 2) with Adam at 0.005, clipping at 1, batches of 64.
TrainConfig phrases_config();
std::optional<std::string> validate(const TrainConfig& c);
// Steps of one epoch: as many batches as cover the phrase set once (batches are drawn with
// replacement, so an epoch sees the set's size in pairs, not each pair once).
int steps_per_epoch(const TrainConfig& c);
// One training step's working set in bytes (model, gradients and Adam's moments, the batch's
// records), for the memory budget.
double training_working_set(const TrainConfig& c);

struct StepStats {
  double loss = 0.0;
  double token_accuracy = 0.0;  // teacher-forced argmax accuracy on this batch
  double grad_norm = 0.0;       // before clipping
};

struct Translation {
  std::string source, reference;
  std::vector<std::string> output;
  double bleu = 0.0;
};

struct EvalStats {
  double loss = 0.0;  // teacher-forced, every pair of the set
  double token_accuracy = 0.0;
  std::vector<Translation> test;  // the book's four test sentences
  double mean_bleu() const;
  int exact() const;  // test sentences translated exactly
};

// The greedy translations of the book's four test sentences (at most 10 tokens each, the old
// edition's num_steps) and their BLEU.
std::vector<Translation> translate_test_sentences(const Model& model);

class TrainingRun {
 public:
  explicit TrainingRun(const TrainConfig& config);  // config must pass validate()

  StepStats step();
  EvalStats evaluate() const;
  // Adam's learning rate from the next step on (the moments are kept).
  void set_lr(double lr) { adam_.config().lr = lr; }
  int steps() const { return adam_.steps(); }
  const Model& model() const { return model_; }
  const TrainConfig& config() const { return config_; }

 private:
  TrainConfig config_;
  Model model_;
  tf::Adam<float> adam_;
  Rng data_;
};

}  // namespace al::bahdanau
