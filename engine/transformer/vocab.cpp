// Vocabulary lookups and the book's sentence tokenisation.
#include "engine/transformer/vocab.hpp"

#include <cctype>

namespace al::tf {

Vocab::Vocab(std::vector<std::string> tokens) : tokens_(std::move(tokens)) {
  for (std::size_t i = 0; i < tokens_.size(); ++i) ids_.emplace(tokens_[i], static_cast<int>(i));
  pad_ = contains("<pad>") ? ids_.at("<pad>") : -1;
  bos_ = contains("<bos>") ? ids_.at("<bos>") : -1;
  eos_ = contains("<eos>") ? ids_.at("<eos>") : -1;
  unk_ = contains("<unk>") ? ids_.at("<unk>") : -1;
}

int Vocab::id(std::string_view token) const {
  const auto it = ids_.find(std::string(token));
  return it == ids_.end() ? unk_ : it->second;
}

bool Vocab::contains(std::string_view token) const {
  return ids_.count(std::string(token)) > 0;
}

std::vector<int> Vocab::encode(const std::vector<std::string>& words) const {
  std::vector<int> ids;
  ids.reserve(words.size());
  for (const std::string& w : words) ids.push_back(id(w));
  return ids;
}

std::vector<std::string> Vocab::decode(const std::vector<int>& ids) const {
  std::vector<std::string> words;
  words.reserve(ids.size());
  for (int i : ids) words.push_back(token(i));
  return words;
}

std::vector<std::string> tokenize(std::string_view sentence) {
  std::string plain;  // no-break spaces replaced, as the book's preprocess
  for (std::size_t i = 0; i < sentence.size(); ++i) {
    if (sentence.substr(i, 2) == "\xC2\xA0") {
      plain += ' ';
      i += 1;
    } else if (sentence.substr(i, 3) == "\xE2\x80\xAF") {
      plain += ' ';
      i += 2;
    } else {
      plain += sentence[i];
    }
  }
  std::string spaced;
  for (std::size_t i = 0; i < plain.size(); ++i) {
    const char c = plain[i];
    const bool punct = c == ',' || c == '.' || c == '!' || c == '?';
    if (punct && i > 0 && plain[i - 1] != ' ') spaced += ' ';
    spaced += c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  }
  std::vector<std::string> words;
  std::string word;
  for (char c : spaced) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      if (!word.empty()) words.push_back(std::move(word));
      word.clear();
    } else {
      word += c;
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

}  // namespace al::tf
