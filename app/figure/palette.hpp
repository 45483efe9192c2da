// Every fixed colour of the figures in one table: the book's matplotlib series colours and the
// light print style (white background, dark text, grey grid).
#pragma once

#include <cstdint>

#include "figure.hpp"

namespace al::fig {

// 0xRRGGBB to a colour with the given alpha.
constexpr Color hex_color(std::uint32_t rgb, float alpha = 1.0f) {
  return Color{static_cast<float>((rgb >> 16) & 0xff) / 255.0f,
               static_cast<float>((rgb >> 8) & 0xff) / 255.0f,
               static_cast<float>(rgb & 0xff) / 255.0f, alpha};
}

namespace palette {

// Series: d2l.plot's format cycle '-', 'm--', 'g-.', 'r:' and the training points 'o' (C1).
inline constexpr Color kTruth = hex_color(0x1f77b4);           // C0, solid
inline constexpr Color kNadarayaWatson = hex_color(0xbf00bf);  // matplotlib 'm', dashed
inline constexpr Color kParametric = hex_color(0x2ca02c);      // C2 green, dash-dot
inline constexpr Color kAverage = hex_color(0xd62728);         // C3 red, dotted
inline constexpr Color kPoints = hex_color(0xff7f0e, 0.5f);    // C1, alpha 0.5
inline constexpr Color kGuide = hex_color(0x555555);           // the selected query
// A Transformer's training: the batch loss (C0), held-out token (C2) and sequence (C3) accuracy.
inline constexpr Color kLoss = hex_color(0x1f77b4);
inline constexpr Color kTokenAccuracy = hex_color(0x2ca02c);
inline constexpr Color kSequenceAccuracy = hex_color(0xd62728);

// A Bahdanau alignment diagram: the links (opacity: the weight) and the followed pair's link.
inline constexpr Color kAlignmentLink = hex_color(0x1f77b4);
inline constexpr Color kFollowedLink = hex_color(0xd62728);
// Its training: loss on the batches (C0), over the whole set (C1), BLEU (C2).
inline constexpr Color kTrainLoss = hex_color(0x1f77b4);
inline constexpr Color kSetLoss = hex_color(0xff7f0e);
inline constexpr Color kBleu = hex_color(0x2ca02c);
inline constexpr Color kUnknownToken = hex_color(0xd62728);  // a word the vocabulary lacks
// The scoring lab's plane: queries (C0), keys (C1) and each query's output (C3).
inline constexpr Color kQuery = hex_color(0x1f77b4);
inline constexpr Color kKey = hex_color(0xff7f0e);
inline constexpr Color kOutput = hex_color(0xd62728);
// Print style.
inline constexpr Color kBackground = hex_color(0xffffff);
inline constexpr Color kText = hex_color(0x222222);
inline constexpr Color kNoteText = hex_color(0x555555);
inline constexpr Color kAxis = hex_color(0x444444);
inline constexpr Color kGrid = hex_color(0xdddddd);
inline constexpr Color kLegendBox = hex_color(0xffffff, 0.85f);
inline constexpr Color kLegendEdge = hex_color(0xcccccc);
inline constexpr Color kUndefinedCell = hex_color(0x808080);  // heatmap rows with no weights

}  // namespace palette
}  // namespace al::fig
