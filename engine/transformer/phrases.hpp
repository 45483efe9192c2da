// The English→French phrase set of the translation task: a few hundred short sentence pairs in
// the book's style that the project wrote itself (assets/phrases/eng-fra.txt, compiled into the
// engine so the task needs no file at run time), read and tokenised as the book does.
//
// The text format: one pair per line, English, a tab, French; empty lines and lines starting with
// # are ignored. Both sides go through tokenize() (lowercase, a space before , . ! ?).
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/expected.hpp"
#include "engine/transformer/vocab.hpp"

namespace al::tf {

struct PhrasePair {
  std::vector<std::string> src, tgt;  // tokenised
};

// `name` (the file name) prefixes every message: "<name>:<line>: ...".
Expected<std::vector<PhrasePair>> parse_phrases(std::string_view text, std::string_view name);

// The vocabulary of tokenised sentences, as the book builds it: <pad> <bos> <eos> <unk> first
// (ids 0–3, as every task vocabulary), then every token seen at least `min_freq` times, most
// frequent first (ties in byte order). Rarer tokens become <unk>.
Vocab build_vocab(const std::vector<std::vector<std::string>>& sentences, int min_freq);

struct PhraseSet {
  std::vector<PhrasePair> pairs;
  Vocab src_vocab, tgt_vocab;  // min_freq 2, as the book
};

// The built-in set, parsed once (thread-safe) from the compiled-in text.
const PhraseSet& builtin_phrases();
std::string_view builtin_phrases_text();  // assets/phrases/eng-fra.txt as it was built

// The book's four test sentences and their reference translations (all in the built-in set).
inline constexpr std::array<std::pair<std::string_view, std::string_view>, 4> kBookTestSentences = {
    {{"go .", "va !"},
     {"i lost .", "j'ai perdu ."},
     {"he's calm .", "il est calme ."},
     {"i'm home .", "je suis chez moi ."}}};

}  // namespace al::tf
