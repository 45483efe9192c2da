// Running a Transformer on input.src / input.tgt: token ids per architecture, a teacher-forced
// forward pass or greedy decoding, and the trace and logits of the one sequence.
#include "transformer_run.hpp"

#include <algorithm>

#include "engine/memory_budget.hpp"
#include "engine/transformer/decode.hpp"
#include "engine/transformer/memory_estimate.hpp"
#include "number_format.hpp"

namespace al::fig {
namespace {

using tf::Arch;

// Ids of `words` in `vocab` (<unk> for unknown words when it has one).
Expected<std::vector<int>> word_ids(const tf::Vocab& vocab, const std::vector<std::string>& words,
                                    const std::string& key, const std::string& side) {
  std::vector<int> ids;
  for (const std::string& w : words) {
    const int id = vocab.id(w);
    if (id < 0)
      return Error{key + ": '" + w + "' is not in the model's " + side +
                   " vocabulary, which has no <unk>"};
    ids.push_back(id);
  }
  return ids;
}

std::optional<std::string> check_length(const std::string& what, std::size_t tokens, int max_len) {
  if (tokens <= static_cast<std::size_t>(max_len)) return std::nullopt;
  return what + " " + std::to_string(tokens) + " tokens, more than the model's max_len " +
         std::to_string(max_len);
}

// Refuses a run whose working set (the model, the forward pass over `positions` decoder positions
// and its attention trace) would not fit the memory budget, before anything is allocated.
std::optional<std::string> check_memory_of_run(const tf::ModelConfig& c, std::size_t src_len,
                                               std::size_t positions) {
  return check_memory(
      tf::inference_working_set(c, static_cast<int>(src_len), static_cast<int>(positions)),
      "shorten input.src or input.tgt, lower decode.max_steps, or use a smaller model.path");
}

std::vector<int> concat(std::vector<int> a, const std::vector<int>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

Expected<TransformerRun> teacher_forced(const tf::Transformer<float>& model,
                                        const std::vector<int>& src,
                                        const std::vector<std::string>& tgt_words) {
  const tf::ModelConfig& c = model.config;
  const tf::Vocab& tgt_vocab = c.tgt_vocab;
  if (c.arch == Arch::Encoder)
    return Error{
        "input.tgt: an encoder-only model has no decoder to teacher-force (leave it empty)"};
  auto tgt = word_ids(tgt_vocab, tgt_words, "input.tgt", "target");
  if (!tgt) return Error{tgt.error()};

  // Decoder input: <bos> + target (encoder-decoder); prompt + <bos> + target (decoder-only).
  tf::TokenBatch batch;
  batch.size = 1;
  std::vector<int> tgt_in = concat({tgt_vocab.bos()}, tgt.value());
  if (c.arch == Arch::Decoder) {
    tgt_in = concat(src, tgt_in);
  } else {
    batch.src = src;
    batch.src_len = static_cast<int>(src.size());
    batch.src_valid = {batch.src_len};
  }
  if (auto e = check_length("input.tgt: the decoder input has", tgt_in.size(), c.max_len))
    return Error{*e};
  if (auto e = check_memory_of_run(c, src.size(), tgt_in.size())) return Error{*e};
  batch.tgt_len = static_cast<int>(tgt_in.size());
  batch.tgt_in = tgt_in;
  batch.labels.assign(tgt_in.size(), -1);  // no loss: only the forward pass is wanted

  tf::Transformer<float>::Cache cache;
  TransformerRun run;
  run.logits = model.forward(batch, cache).cast<double>();
  run.trace = tf::attention_trace(model, cache);
  run.position_tokens = tgt_vocab.decode(tgt_in);
  run.teacher_forced = true;
  return run;
}

// Why greedy decoding of `ids` ended, when it was not at <eos>: the figures show it in a note.
std::string stop_note(const tf::ModelConfig& c, const std::vector<int>& ids, int max_steps) {
  if (ids.empty() || ids.back() == c.tgt_vocab.eos()) return "";
  if (static_cast<int>(ids.size()) == max_steps)
    return "No <eos> in " + count(static_cast<std::size_t>(max_steps), "token") +
           ": decoding stopped at decode.max_steps.";
  return "No <eos> before the model's max_len (" + std::to_string(c.max_len) +
         "): decoding stopped there.";
}

Expected<TransformerRun> greedy(const tf::Transformer<float>& model, const std::vector<int>& src,
                                int max_steps) {
  const tf::ModelConfig& c = model.config;
  // Decoder positions: <bos> and every token fed back, after the prompt of a decoder-only model;
  // never more than max_len.
  const std::size_t prompt = c.arch == Arch::Decoder ? src.size() : 0;
  const std::size_t positions =
      std::min(prompt + static_cast<std::size_t>(max_steps), static_cast<std::size_t>(c.max_len));
  if (auto e = check_memory_of_run(c, src.size(), positions)) return Error{*e};
  auto decoded = tf::greedy_decode(model, src, max_steps);
  if (!decoded) return Error{"input.src: " + decoded.error()};
  const std::vector<int>& ids = decoded.value().ids;
  TransformerRun run;
  run.trace = std::move(decoded.value().trace);
  run.logits = decoded.value().logits.cast<double>();
  if (c.arch == Arch::Encoder) {  // one output per source position
    run.position_tokens = c.src_vocab.decode(src);
    run.output = c.tgt_vocab.decode(ids);
    return run;
  }
  // Step t read <bos> (t = 0) or the token step t - 1 chose; a decoder-only model's first step
  // sits after its prompt.
  run.first_position = c.arch == Arch::Decoder ? static_cast<int>(src.size()) : 0;
  for (Eigen::Index t = 0; t < run.logits.rows(); ++t)
    run.position_tokens.push_back(
        c.tgt_vocab.token(t == 0 ? c.tgt_vocab.bos() : ids[static_cast<std::size_t>(t - 1)]));
  for (int id : ids) {
    if (id == c.tgt_vocab.eos()) break;
    run.output.push_back(c.tgt_vocab.token(id));
  }
  run.note = stop_note(c, ids, max_steps);
  return run;
}

}  // namespace

std::vector<std::string> split_words(const std::string& text) {
  std::vector<std::string> words;
  std::string word;
  for (char ch : text + ' ') {
    if (ch == ' ' || ch == '\t') {
      if (!word.empty()) words.push_back(std::move(word));
      word.clear();
    } else {
      word += ch;
    }
  }
  return words;
}

Expected<TransformerRun> run_transformer(const tf::Transformer<float>& model, const Settings& s) {
  const tf::ModelConfig& c = model.config;
  const std::vector<std::string> words = split_words(s.input_src);
  if (words.empty())
    return Error{"input.src: no words (give the source sentence, e.g. \"i'm home .\")"};
  const tf::Vocab& vocab = model.input_vocab();
  auto ids = word_ids(vocab, words, "input.src", c.arch == Arch::Decoder ? "target" : "source");
  if (!ids) return Error{ids.error()};
  std::vector<int> src = ids.value();
  if (c.arch == Arch::EncoderDecoder && vocab.eos() >= 0) src.push_back(vocab.eos());
  // A decoder-only prompt is followed by <bos> in the same sequence.
  const int room = c.max_len - (c.arch == Arch::Decoder ? 1 : 0);
  if (auto e = check_length("input.src: the source has", src.size(), room)) return Error{*e};

  const std::vector<std::string> tgt_words = split_words(s.input_tgt);
  auto run = tgt_words.empty() ? greedy(model, src, s.decode_max_steps)
                               : teacher_forced(model, src, tgt_words);
  if (run) run.value().source = vocab.decode(src);
  return run;
}

}  // namespace al::fig
