// A training run on a built-in task: the model, its optimiser and the data stream, stepped by the
// caller (synchronously; trainer.hpp runs one on a background thread). Seeded: the same
// TrainConfig gives the same model after the same number of steps, dropout masks included.
//
// Held-out evaluation decodes greedily (with the KV cache) sequences drawn from a separate seeded
// stream and scores them position by position against the expected output (+ <eos>). For the
// phrase task that stream draws pairs of the set itself: like the book, which translates
// sentences it trained on, it measures how well the set was learnt, not generalisation.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "engine/rng.hpp"
#include "engine/transformer/adam.hpp"
#include "engine/transformer/dropout.hpp"
#include "engine/transformer/tasks.hpp"

namespace al::tf {

struct TrainConfig {
  ModelConfig model;  // vocabularies are filled in from the task
  TaskConfig task;
  AdamConfig adam;
  int batch = 64;
  int warmup = 100;  // steps of linear learning-rate warm-up
  std::uint64_t seed = 1;
  int eval_examples = 200;
  // Dropout probability while training, 0 ≤ p < 1 (0: off). Not part of the model: inference
  // and model files have none.
  double dropout = 0.0;
};

// The reverse-task model of the issue: 8 digits, d = 32, 2 + 2 layers, 4 heads, ffn 64.
TrainConfig reverse_task_config();
// The old edition's translation model on the phrase set: d = 32, 2 + 2 layers, 4 heads, ffn 64,
// Adam at 0.005.
TrainConfig phrases_task_config();
std::optional<std::string> validate(const TrainConfig& c);

struct StepStats {
  double loss = 0.0;
  double token_accuracy = 0.0;  // teacher-forced argmax accuracy on this batch
  double grad_norm = 0.0;
};

struct EvalStats {
  double token_accuracy = 0.0;     // over every expected output position
  double sequence_accuracy = 0.0;  // outputs entirely right
};

// A fixed held-out example of the task as text (tokens joined by spaces): the first sequence
// TrainingRun::evaluate() scores. run_transformer(model, source, "", …) (run.hpp) decodes it as
// the task feeds it; `expected` is the right output, without <eos>.
struct TaskProbe {
  std::string source, expected;
};
TaskProbe task_probe(const TrainConfig& c);

class TrainingRun {
 public:
  explicit TrainingRun(const TrainConfig& config);  // config must pass validate()

  StepStats step();
  EvalStats evaluate(int examples) const;
  int steps() const { return adam_.steps(); }
  const Transformer<float>& model() const { return model_; }
  const TrainConfig& config() const { return config_; }

 private:
  TrainConfig config_;
  Transformer<float> model_;
  Transformer<float> replica_;  // the second half of each batch runs on this copy (see step)
  Adam<float> adam_;
  Rng data_;
  Dropout dropout_, dropout2_;  // the masks of the first and of the second half
};

}  // namespace al::tf
