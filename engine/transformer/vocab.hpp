// A vocabulary: token strings and their ids, with the book's special tokens <pad>, <bos>, <eos> and
// <unk> (each optional; −1 when absent), and the book's tokenisation of a sentence.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace al::tf {

class Vocab {
 public:
  Vocab() = default;
  explicit Vocab(std::vector<std::string> tokens);

  int size() const { return static_cast<int>(tokens_.size()); }
  const std::vector<std::string>& tokens() const { return tokens_; }
  const std::string& token(int id) const { return tokens_.at(static_cast<std::size_t>(id)); }
  // The id of `token`, or <unk>'s id (−1 when there is no <unk>).
  int id(std::string_view token) const;
  bool contains(std::string_view token) const;

  int pad() const { return pad_; }
  int bos() const { return bos_; }
  int eos() const { return eos_; }
  int unk() const { return unk_; }

  std::vector<int> encode(const std::vector<std::string>& words) const;
  std::vector<std::string> decode(const std::vector<int>& ids) const;

  bool operator==(const Vocab& o) const { return tokens_ == o.tokens_; }

 private:
  std::vector<std::string> tokens_;
  std::unordered_map<std::string, int> ids_;
  int pad_ = -1, bos_ = -1, eos_ = -1, unk_ = -1;
};

// The book's preprocessing: no-break spaces (U+00A0, U+202F, as French typography puts before
// ! and ?) become spaces, lowercase (ASCII letters), a space before , . ! ? when it follows
// anything but a space, then split on whitespace. "Go." → {"go", "."}.
std::vector<std::string> tokenize(std::string_view sentence);

}  // namespace al::tf
