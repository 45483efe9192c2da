// BLEU (k = 2) against the book's check values (spec §10.7), and its edge cases.
#include <gtest/gtest.h>

#include <cmath>

#include "engine/bahdanau/bleu.hpp"
#include "engine/transformer/vocab.hpp"

namespace al::bahdanau {
namespace {

double bleu_of(const char* prediction, const char* label) {
  return bleu(tf::tokenize(prediction), tf::tokenize(label), 2);
}

TEST(Bleu, BookCheckValues) {
  EXPECT_DOUBLE_EQ(bleu_of("va !", "va !"), 1.0);
  EXPECT_NEAR(bleu_of("il est malade .", "il est calme ."), 0.658, 5e-4);
  EXPECT_NEAR(bleu_of("je suis certain .", "je suis chez moi ."), 0.512, 5e-4);
  EXPECT_DOUBLE_EQ(bleu_of("il court .", "il est calme ."), 0.0);
  // Exactly: √(3/4) · (1/3)^(1/4), and that times the brevity penalty e^(1 − 5/4).
  EXPECT_NEAR(bleu_of("il est malade .", "il est calme ."),
              std::sqrt(0.75) * std::pow(1.0 / 3, 0.25), 1e-15);
  EXPECT_NEAR(bleu_of("je suis certain .", "je suis chez moi ."),
              std::exp(-0.25) * std::sqrt(0.75) * std::pow(1.0 / 3, 0.25), 1e-15);
}

TEST(Bleu, ClippedCountsAndShortPredictions) {
  // "va va va" against "va !": one "va" matches (clipped), no bigram does.
  EXPECT_DOUBLE_EQ(bleu_of("va va va", "va !"), 0.0);
  // A one-word prediction has no bigrams: only p_1 counts, and the brevity penalty e^(1 − 2/1).
  EXPECT_NEAR(bleu_of("va", "va !"), std::exp(-1.0), 1e-15);
  // An empty prediction scores 0 (the book's formula would divide by zero).
  EXPECT_EQ(bleu({}, tf::tokenize("va !")), 0.0);
}

}  // namespace
}  // namespace al::bahdanau
