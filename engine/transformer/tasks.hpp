// Built-in sequence tasks generated on the fly (nothing downloaded): copy, reverse or sort a random
// string of digits. Every task shares one vocabulary (<pad> <bos> <eos> <unk> 0 … 9) and is turned
// into a TokenBatch laid out for each architecture (see model.hpp):
//   encoder–decoder: src = x + <eos>; decoder input = <bos> + y; labels = y + <eos>
//   encoder-only:    src = x;         labels = y (one output per source position)
//   decoder-only:    input = x + <bos> + y; labels = y + <eos> under <bos> + y, −1 under x
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/rng.hpp"
#include "engine/transformer/config.hpp"
#include "engine/transformer/model.hpp"

namespace al::tf {

enum class TaskKind { Copy, Reverse, Sort };

struct TaskConfig {
  TaskKind kind = TaskKind::Reverse;
  int min_len = 8;  // sequence lengths are uniform in [min_len, max_len]
  int max_len = 8;
  int digits = 10;  // symbols 0 … digits − 1 (at most 10)
};

std::optional<TaskKind> parse_task(std::string_view name);  // "copy", "reverse", "sort"
const char* name(TaskKind k);
std::optional<std::string> validate(const TaskConfig& t);

// One example: source and target ids (no special tokens).
struct Example {
  std::vector<int> src, tgt;
};

Vocab task_vocab();
Example sample_example(const TaskConfig& task, const Vocab& vocab, Rng& rng);
TokenBatch make_batch(const std::vector<Example>& examples, Arch arch, const Vocab& vocab);
// The ids a model is asked to continue for `e`: src + <eos> (encoder–decoder), src otherwise.
std::vector<int> model_input(const Example& e, Arch arch, const Vocab& vocab);
// What the model should output for `e`: y + <eos>, or y for an encoder-only model.
std::vector<int> expected_output(const Example& e, Arch arch, const Vocab& vocab);

}  // namespace al::tf
