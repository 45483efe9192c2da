// BLEU with clipped n-gram precisions and the brevity penalty.
#include "engine/bahdanau/bleu.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace al::bahdanau {

double bleu(const std::vector<std::string>& prediction, const std::vector<std::string>& label,
            int k) {
  const int len_pred = static_cast<int>(prediction.size());
  const int len_label = static_cast<int>(label.size());
  if (len_pred == 0) return 0.0;
  double score = std::exp(std::min(0.0, 1.0 - static_cast<double>(len_label) / len_pred));
  const auto ngram = [](const std::vector<std::string>& words, int at, int n) {
    return std::vector<std::string>(words.begin() + at, words.begin() + at + n);
  };
  for (int n = 1; n <= std::min(k, len_pred); ++n) {
    std::map<std::vector<std::string>, int> label_counts;
    for (int i = 0; i + n <= len_label; ++i) ++label_counts[ngram(label, i, n)];
    int matches = 0;
    for (int i = 0; i + n <= len_pred; ++i) {
      const auto it = label_counts.find(ngram(prediction, i, n));
      if (it != label_counts.end() && it->second > 0) {
        ++matches;
        --it->second;
      }
    }
    score *= std::pow(static_cast<double>(matches) / (len_pred - n + 1), std::pow(0.5, n));
  }
  return score;
}

}  // namespace al::bahdanau
