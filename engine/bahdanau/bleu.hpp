// BLEU as the book defines it (D2L §10.7 / §11.4, bleu(pred_seq, label_seq, k)):
//   exp(min(0, 1 − len_label / len_pred)) · Π_{n=1..min(k, len_pred)} p_n^(1/2^n)
// where p_n is the clipped n-gram precision: the share of the prediction's n-grams found in the
// label, each label n-gram matching at most as many times as it occurs there. An empty prediction
// scores 0 (the book's formula divides by its length).
#pragma once

#include <string>
#include <vector>

namespace al::bahdanau {

double bleu(const std::vector<std::string>& prediction, const std::vector<std::string>& label,
            int k = 2);

}  // namespace al::bahdanau
