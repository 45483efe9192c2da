// Training the self-attention network on associative recall: Adam (engine/transformer/adam.hpp,
// the book's global-norm clipping at 1) on the cross-entropy of the answer, one fresh batch of
// generated sequences per step, and a fixed held-out set to measure it on.
//
// Everything comes from the seed: the initial weights, the training sequences and the held-out
// set are three streams of it, so the same settings give the same run on every machine. The
// held-out set is drawn apart from the training stream; with 8 keys, 8 values and 4 pairs there
// are 27 million sequences, so a few held-out ones recurring in training changes nothing visible.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/self_attention/network.hpp"
#include "engine/settings.hpp"
#include "engine/thinned.hpp"
#include "engine/transformer/adam.hpp"

namespace al::sa {

struct TrainConfig {
  TaskConfig task;
  int dim = 16;
  int batch = 32;
  std::uint64_t seed = 1;
  double lr = 0.01;
};

// The sa.* keys' run.
TrainConfig train_config(const Settings& s);
// The task's check (validate(TaskConfig)); every other field is bounded by its key's range.
std::optional<std::string> validate(const TrainConfig& c);

// The held-out set's size and how often a run is measured on it (every kEvalEvery steps, and at
// step 0): a point per ten steps draws the curves smoothly and costs about what six steps do.
inline constexpr int kHeldOut = 200;
inline constexpr int kEvalEvery = 10;

// Mean cross-entropy of the answer and the fraction answered right (argmax over the vocabulary).
struct Score {
  double loss = 0.0;
  double accuracy = 0.0;
};

// One measurement of the curves: the held-out loss and accuracy after `step` steps.
struct CurvePoint {
  int step = 0;
  double loss = 0.0;
  double accuracy = 0.0;
};

class TrainingRun {
 public:
  explicit TrainingRun(const TrainConfig& c);  // c must pass validate()
  Score step();                                // one Adam step on a fresh batch; its batch's score
  Score evaluate() const;                      // on the held-out set
  void set_lr(double lr) { adam_.config().lr = lr; }
  int steps() const { return steps_; }
  const Network& network() const { return net_; }
  const Vocab& vocab() const { return vocab_; }
  const TrainConfig& config() const { return config_; }
  const std::vector<Example>& held_out() const { return held_out_; }

 private:
  TrainConfig config_;
  Vocab vocab_;
  Network net_;
  tf::Adam<double> adam_;
  Rng data_;
  std::vector<Example> held_out_;
  int steps_ = 0;
};

// The curve's point at the run's current step (held-out loss and accuracy).
CurvePoint measure(const TrainingRun& run);
// One step of a recorded run: the step's batch score, and the held-out point when the step count
// reaches a multiple of kEvalEvery (and the loss is finite; one that is not is the caller's to
// stop on, with divergence_message).
struct StepRecord {
  Score batch;
  std::optional<CurvePoint> point;
};
StepRecord step_and_measure(TrainingRun& run);

// "sa.lr: the loss diverged at step 12 with sa.lr 0.5; use a smaller one".
std::string divergence_message(int step, double lr);

// A run of `steps` steps on the calling thread, recorded as the window's trainer records it (the
// command line's self-attention-* figures).
struct Record {
  std::vector<CurvePoint> curve;
  std::shared_ptr<const Network> network;  // after the last step
  int steps = 0;                           // taken (fewer than asked when the loss diverged)
  std::string message;  // why it stopped early (the loss diverged); empty otherwise
};
Record train_for(const TrainConfig& c, int steps);

// One example through a network, everything the lab shows of it.
struct Answer {
  std::vector<std::string> tokens;    // the sequence, as text
  Mat weights;                        // (T, T): row t is position t's attention over positions
  std::vector<double> probabilities;  // (vocab.outputs()): softmax of the logits
  int predicted = 0;                  // argmax, an id
  int expected = 0;                   // the example's answer, an id
};
Answer answer(const Network& net, const Example& e, const Vocab& vocab);

}  // namespace al::sa
