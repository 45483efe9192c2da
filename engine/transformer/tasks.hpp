// Built-in tasks generated on the fly (nothing downloaded): copy, reverse or sort a random string
// of digits, or translate a sentence of the English→French phrase set (phrases.hpp). The digit
// tasks share one vocabulary (<pad> <bos> <eos> <unk> 0 … 9); the phrase task has one per language.
// Every task vocabulary starts with <pad> <bos> <eos> <unk> at ids 0–3, so a batch is laid out the
// same whichever side's vocabulary it is given. Batches for each architecture (see model.hpp):
//   encoder–decoder: src = x + <eos>; decoder input = <bos> + y; labels = y + <eos>
//   encoder-only:    src = x;         labels = y (one output per source position)
//   decoder-only:    input = x + <bos> + y; labels = y + <eos> under <bos> + y, −1 under x
// The phrase task needs an encoder–decoder model (its sides differ in length and vocabulary).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/rng.hpp"
#include "engine/settings.hpp"
#include "engine/transformer/config.hpp"
#include "engine/transformer/model.hpp"

namespace al::tf {

// The tasks are named once, with the settings (tf.task): al::name(TaskKind), al::parse_task.
using al::TaskKind;

struct TaskConfig {
  TaskKind kind = TaskKind::Reverse;
  int min_len = 8;  // digit tasks: sequence lengths are uniform in [min_len, max_len]
  int max_len = 8;
  int digits = 10;  // digit tasks: symbols 0 … digits − 1 (at most 10)
};

std::optional<std::string> validate(const TaskConfig& t);
// The longest source or target sequence the task produces (special tokens not counted).
int longest_sequence(const TaskConfig& t);

// One example: source and target ids (no special tokens).
struct Example {
  std::vector<int> src, tgt;
};

struct TaskVocabs {
  Vocab src, tgt;
};
Vocab task_vocab();  // the digit tasks' vocabulary
TaskVocabs task_vocabs(TaskKind k);
// A random example: digits drawn afresh, or a pair of the phrase set drawn uniformly.
Example sample_example(const TaskConfig& task, Rng& rng);
TokenBatch make_batch(const std::vector<Example>& examples, Arch arch, const Vocab& vocab);
// The ids a model is asked to continue for `e`: src + <eos> (encoder–decoder), src otherwise.
std::vector<int> model_input(const Example& e, Arch arch, const Vocab& vocab);
// What the model should output for `e`: y + <eos>, or y for an encoder-only model.
std::vector<int> expected_output(const Example& e, Arch arch, const Vocab& vocab);

}  // namespace al::tf
