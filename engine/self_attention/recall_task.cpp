// Vocabulary, generation and parsing of the associative-recall task.
#include "engine/self_attention/recall_task.hpp"

#include <algorithm>
#include <numeric>

#include "engine/transformer/run.hpp"
#include "engine/user_text.hpp"

namespace al::sa {
namespace {

// A uniform integer in [0, n): the modulo bias is below 2^-50 for these small n.
int below(Rng& rng, int n) {
  return static_cast<int>(rng.next() % static_cast<std::uint64_t>(n));
}

// "sa.input: " and the parts, joined with += (chained std::string + trips GCC 12's -Wrestrict).
template <class... Parts>
Error input_error(const Parts&... parts) {
  std::string m = "sa.input: ";
  ((m += parts), ...);
  return Error{std::move(m)};
}

}  // namespace

std::optional<std::string> validate(const TaskConfig& c) {
  if (c.pairs <= c.keys) return {};
  std::string m = "sa.pairs: ";
  m += std::to_string(c.pairs);
  m += " pairs need as many distinct keys, but sa.keys is ";
  m += std::to_string(c.keys);
  return m;
}

Vocab::Vocab(const TaskConfig& c) : keys_(c.keys), values_(c.values) {
  for (int i = 0; i < keys_; ++i) tokens_.push_back(std::string(1, static_cast<char>('a' + i)));
  for (int i = 0; i < values_; ++i) tokens_.push_back(std::string(1, static_cast<char>('0' + i)));
  tokens_.push_back("?");
  tokens_.push_back("<s>");
}

std::optional<int> Vocab::id(std::string_view token) const {
  // <s> is the first token's context, never a token of a sequence.
  for (int i = 0; i < start(); ++i)
    if (tokens_[static_cast<std::size_t>(i)] == token) return i;
  return std::nullopt;
}

std::string Vocab::describe() const {
  std::string d = "keys a to ";
  d += token(key(keys_ - 1));
  d += ", values 0 to ";
  d += token(value(values_ - 1));
  return d;
}

Example random_example(const TaskConfig& c, Rng& rng) {
  const Vocab vocab(c);
  // The first c.pairs of a shuffled key list (Fisher-Yates): distinct keys in random order.
  std::vector<int> keys(static_cast<std::size_t>(c.keys));
  std::iota(keys.begin(), keys.end(), 0);
  for (int i = c.keys - 1; i > 0; --i)
    std::swap(keys[static_cast<std::size_t>(i)], keys[static_cast<std::size_t>(below(rng, i + 1))]);
  Example e;
  std::vector<int> values;
  for (int p = 0; p < c.pairs; ++p) {
    values.push_back(vocab.value(below(rng, c.values)));
    e.tokens.push_back(vocab.key(keys[static_cast<std::size_t>(p)]));
    e.tokens.push_back(values.back());
  }
  const auto asked = static_cast<std::size_t>(below(rng, c.pairs));
  e.tokens.push_back(vocab.question());
  e.tokens.push_back(vocab.key(keys[asked]));
  e.answer = values[asked];
  return e;
}

Expected<Example> parse_example(std::string_view text, const TaskConfig& c) {
  const Vocab vocab(c);
  const std::vector<std::string> words = tf::split_words(text);
  if (words.empty()) return input_error("type key-value pairs, '?' and a key, e.g. 'a 1 b 2 ? a'");
  Example e;
  for (const std::string& w : words) {
    const auto id = vocab.id(w);
    if (!id)
      return input_error(quote_for_message(w), " is not a token of the task (", vocab.describe(),
                         ", and '?')");
    e.tokens.push_back(*id);
  }
  const auto n = e.tokens.size();
  if (n < 4 || n % 2 != 0 || e.tokens[n - 2] != vocab.question())
    return input_error("expected key-value pairs, then '?' and a key, e.g. 'a 1 b 2 ? a'");
  const int pairs = static_cast<int>(n / 2 - 1);
  if (pairs > kMaxTypedPairs)
    return input_error("at most ", std::to_string(kMaxTypedPairs), " pairs, not ",
                       std::to_string(pairs));
  std::vector<bool> seen(static_cast<std::size_t>(vocab.size()), false);
  std::optional<int> answer;
  const int asked = e.tokens[n - 1];
  if (!vocab.is_key(asked))
    return input_error("the last word must be a key, not ", quote_for_message(words[n - 1]));
  for (std::size_t i = 0; i + 2 < n; i += 2) {
    const int k = e.tokens[i], v = e.tokens[i + 1];
    if (!vocab.is_key(k))
      return input_error("word ", std::to_string(i + 1), " must be a key, not ",
                         quote_for_message(words[i]));
    if (!vocab.is_value(v))
      return input_error("word ", std::to_string(i + 2), " must be a value, not ",
                         quote_for_message(words[i + 1]));
    if (seen[static_cast<std::size_t>(k)])
      return input_error("the key ", quote_for_message(words[i]),
                         " is used twice: which value would '?' ask for?");
    seen[static_cast<std::size_t>(k)] = true;
    if (k == asked) answer = v;
  }
  if (!answer)
    return input_error("the asked key ", quote_for_message(words[n - 1]), " is in no pair");
  e.answer = *answer;
  return e;
}

std::string example_text(const Example& e, const Vocab& vocab) {
  std::vector<std::string> words;
  for (int id : e.tokens) words.push_back(vocab.token(id));
  return tf::join_words(words);
}

}  // namespace al::sa
