// Associative recall, the task the self-attention lab trains on: a sequence of key-value pairs,
// '?' and one of the keys; the answer is the value paired with that key, e.g.
//   b 5 e 2 a 7 g 0 ? a   →   7
// Keys are distinct letters (the first `keys` of a, b, c, ...), values digits (the first `values`
// of 0, 1, 2, ..., repeats allowed). Where the pair sits carries no information, so the right
// answer needs attention to exactly one position: the value after the queried key.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/expected.hpp"
#include "engine/rng.hpp"

namespace al::sa {

struct TaskConfig {
  int pairs = 4;  // in each generated sequence (a typed one may have 1 to kMaxTypedPairs)
  int keys = 8;
  int values = 8;
};

// The most pairs a typed example may hold: the network has no position embedding, so it answers
// sequences longer than it was trained on.
inline constexpr int kMaxTypedPairs = 16;

// "sa.pairs: 9 pairs need 9 distinct keys, but sa.keys is 8", or nothing when it is valid.
std::optional<std::string> validate(const TaskConfig& c);

// The tokens, by id: the keys, the values, '?', and "<s>", the context of the first token (it
// never appears in a sequence: see network.hpp).
class Vocab {
 public:
  explicit Vocab(const TaskConfig& c);
  int size() const { return static_cast<int>(tokens_.size()); }
  // The tokens the network can answer: every one but <s>, which is last.
  int outputs() const { return size() - 1; }
  int key(int i) const { return i; }
  int value(int i) const { return keys_ + i; }
  int question() const { return keys_ + values_; }
  int start() const { return keys_ + values_ + 1; }
  bool is_key(int id) const { return id >= 0 && id < keys_; }
  bool is_value(int id) const { return id >= keys_ && id < keys_ + values_; }
  const std::string& token(int id) const { return tokens_[static_cast<std::size_t>(id)]; }
  std::optional<int> id(std::string_view token) const;
  // "keys a to h, values 0 to 7", for messages.
  std::string describe() const;

 private:
  int keys_, values_;
  std::vector<std::string> tokens_;
};

struct Example {
  std::vector<int> tokens;  // k v k v ... ? k: 2·pairs + 2 ids
  int answer = 0;           // the id of the queried key's value
};

// A sequence of c.pairs distinct keys with random values, and a random one of them queried.
Example random_example(const TaskConfig& c, Rng& rng);

// A typed example ("a 1 b 2 c 3 ? b": words separated by spaces). Fails with one line naming
// sa.input: an unknown token, a value where a key belongs, a key used twice, no '?', a query
// that is no pair's key.
Expected<Example> parse_example(std::string_view text, const TaskConfig& c);

// The tokens as text, separated by spaces.
std::string example_text(const Example& e, const Vocab& vocab);

}  // namespace al::sa
