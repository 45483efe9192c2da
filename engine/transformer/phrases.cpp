// Reading the phrase set and building its vocabularies.
#include "engine/transformer/phrases.hpp"

#include <algorithm>
#include <map>

namespace al::tf {

Expected<std::vector<PhrasePair>> parse_phrases(std::string_view text, std::string_view name) {
  std::vector<PhrasePair> pairs;
  int line_no = 0;
  for (std::size_t start = 0; start < text.size();) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    const auto at = [&](const std::string& what) {
      return Error{std::string(name) + ":" + std::to_string(line_no) + ": " + what};
    };
    const std::size_t tab = line.find('\t');
    if (tab == std::string_view::npos || line.find('\t', tab + 1) != std::string_view::npos)
      return at("expected English, one tab, French");
    PhrasePair p{tokenize(line.substr(0, tab)), tokenize(line.substr(tab + 1))};
    if (p.src.empty() || p.tgt.empty()) return at("an empty sentence");
    pairs.push_back(std::move(p));
  }
  if (pairs.empty()) return Error{std::string(name) + ": no sentence pairs"};
  return pairs;
}

Vocab build_vocab(const std::vector<std::vector<std::string>>& sentences, int min_freq) {
  std::map<std::string, int> counts;
  for (const auto& s : sentences)
    for (const std::string& w : s) ++counts[w];
  std::vector<std::string> tokens = {"<pad>", "<bos>", "<eos>", "<unk>"};
  std::vector<std::pair<std::string, int>> frequent;
  for (const auto& [word, n] : counts)
    if (n >= min_freq && std::find(tokens.begin(), tokens.end(), word) == tokens.end())
      frequent.emplace_back(word, n);
  std::stable_sort(frequent.begin(), frequent.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  for (const auto& [word, n] : frequent) tokens.push_back(word);
  return Vocab(std::move(tokens));
}

const PhraseSet& builtin_phrases() {
  static const PhraseSet set = [] {
    PhraseSet s;
    // The compiled-in text is checked by the tests; a broken edit of it fails them.
    s.pairs = parse_phrases(builtin_phrases_text(), "assets/phrases/eng-fra.txt").value();
    std::vector<std::vector<std::string>> src, tgt;
    for (const PhrasePair& p : s.pairs) {
      src.push_back(p.src);
      tgt.push_back(p.tgt);
    }
    s.src_vocab = build_vocab(src, 2);
    s.tgt_vocab = build_vocab(tgt, 2);
    return s;
  }();
  return set;
}

}  // namespace al::tf
