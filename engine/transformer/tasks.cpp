// Sampling the built-in tasks and laying examples out as padded batches.
#include "engine/transformer/tasks.hpp"

#include <algorithm>

#include "engine/transformer/phrases.hpp"

namespace al::tf {

std::optional<std::string> validate(const TaskConfig& t) {
  if (t.kind == TaskKind::Phrases) return std::nullopt;  // lengths come from the sentences
  if (t.min_len < 1) return "task min_len must be at least 1";
  if (t.max_len < t.min_len) return "task max_len must be at least min_len";
  if (t.digits < 2 || t.digits > 10) return "task digits must be 2 to 10";
  return std::nullopt;
}

int longest_sequence(const TaskConfig& t) {
  if (t.kind != TaskKind::Phrases) return t.max_len;
  std::size_t n = 0;
  for (const PhrasePair& p : builtin_phrases().pairs) n = std::max({n, p.src.size(), p.tgt.size()});
  return static_cast<int>(n);
}

Vocab task_vocab() {
  std::vector<std::string> tokens = {"<pad>", "<bos>", "<eos>", "<unk>"};
  for (int d = 0; d < 10; ++d) tokens.push_back(std::to_string(d));
  return Vocab(std::move(tokens));
}

TaskVocabs task_vocabs(TaskKind k) {
  if (k != TaskKind::Phrases) return {task_vocab(), task_vocab()};
  const PhraseSet& set = builtin_phrases();
  return {set.src_vocab, set.tgt_vocab};
}

Example sample_example(const TaskConfig& task, Rng& rng) {
  if (task.kind == TaskKind::Phrases) {
    const PhraseSet& set = builtin_phrases();
    const PhrasePair& p = set.pairs[rng.next() % set.pairs.size()];
    return {set.src_vocab.encode(p.src), set.tgt_vocab.encode(p.tgt)};
  }
  static const Vocab digits = task_vocab();
  const int span = task.max_len - task.min_len + 1;
  const int len = task.min_len + static_cast<int>(rng.next() % static_cast<std::uint64_t>(span));
  Example e;
  for (int i = 0; i < len; ++i)
    e.src.push_back(
        digits.id(std::to_string(rng.next() % static_cast<std::uint64_t>(task.digits))));
  e.tgt = e.src;
  if (task.kind == TaskKind::Reverse) std::reverse(e.tgt.begin(), e.tgt.end());
  if (task.kind == TaskKind::Sort) std::sort(e.tgt.begin(), e.tgt.end());
  return e;
}

std::vector<int> model_input(const Example& e, Arch arch, const Vocab& vocab) {
  std::vector<int> in = e.src;
  if (arch == Arch::EncoderDecoder) in.push_back(vocab.eos());
  return in;
}

std::vector<int> expected_output(const Example& e, Arch arch, const Vocab& vocab) {
  std::vector<int> out = e.tgt;
  if (arch != Arch::Encoder) out.push_back(vocab.eos());
  return out;
}

namespace {

// Copies rows of ids into a (B, len) block padded with `pad`.
void put_row(std::vector<int>& dst, int b, int len, const std::vector<int>& row, int pad) {
  for (int t = 0; t < len; ++t)
    dst[static_cast<std::size_t>(b * len + t)] =
        t < static_cast<int>(row.size()) ? row[static_cast<std::size_t>(t)] : pad;
}

}  // namespace

TokenBatch make_batch(const std::vector<Example>& examples, Arch arch, const Vocab& vocab) {
  TokenBatch batch;
  batch.size = static_cast<int>(examples.size());
  std::vector<std::vector<int>> src, in, labels;
  for (const Example& e : examples) {
    const std::vector<int> x = model_input(e, arch, vocab), y = expected_output(e, arch, vocab);
    if (arch == Arch::Decoder) {
      std::vector<int> seq = x;
      seq.push_back(vocab.bos());
      seq.insert(seq.end(), e.tgt.begin(), e.tgt.end());
      std::vector<int> lab(x.size(), -1);
      lab.insert(lab.end(), y.begin(), y.end());
      in.push_back(std::move(seq));
      labels.push_back(std::move(lab));
    } else {
      src.push_back(x);
      if (arch == Arch::EncoderDecoder) {
        std::vector<int> dec = {vocab.bos()};
        dec.insert(dec.end(), e.tgt.begin(), e.tgt.end());
        in.push_back(std::move(dec));
      }
      labels.push_back(y);
    }
  }
  const auto longest = [](const std::vector<std::vector<int>>& rows) {
    std::size_t n = 0;
    for (const auto& r : rows) n = std::max(n, r.size());
    return static_cast<int>(n);
  };
  batch.src_len = longest(src);
  batch.src.resize(static_cast<std::size_t>(batch.size * batch.src_len));
  for (int b = 0; b < static_cast<int>(src.size()); ++b) {
    put_row(batch.src, b, batch.src_len, src[static_cast<std::size_t>(b)], vocab.pad());
    batch.src_valid.push_back(static_cast<int>(src[static_cast<std::size_t>(b)].size()));
  }
  // Labels align with the decoder input, or with the source for an encoder-only model.
  const int out_len = arch == Arch::Encoder ? batch.src_len : longest(in);
  batch.tgt_len = arch == Arch::Encoder ? 0 : out_len;
  batch.tgt_in.resize(static_cast<std::size_t>(batch.size * batch.tgt_len));
  batch.labels.resize(static_cast<std::size_t>(batch.size * out_len));
  for (int b = 0; b < batch.size; ++b) {
    if (arch != Arch::Encoder)
      put_row(batch.tgt_in, b, out_len, in[static_cast<std::size_t>(b)], vocab.pad());
    put_row(batch.labels, b, out_len, labels[static_cast<std::size_t>(b)], -1);
  }
  return batch;
}

}  // namespace al::tf
