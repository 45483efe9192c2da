// The fuzz targets' entry points. Each is compiled once and linked both into its libFuzzer
// executable (fuzz_main.cpp, built with -DAL_FUZZ=ON and clang) and into the corpus replay test
// (corpus_test.cpp, every build), so a committed input is checked exactly as it was fuzzed.
//
// Each takes arbitrary bytes. It must not crash, leak or reach undefined behaviour (the fuzzers
// run under AddressSanitizer and UndefinedBehaviorSanitizer), and it returns the first property
// it finds violated, as one line, or nothing.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace al::fuzz {

using Bytes = std::span<const std::uint8_t>;
using Problem = std::optional<std::string>;

// engine/points_csv: parse_points_csv on the bytes as text.
Problem points_csv(Bytes bytes);
// engine/transformer/model_file: load_model_from_bytes, then a forward pass, the attention trace,
// a short greedy decode and a save/load round trip; the same with engine/bahdanau/model_file; and
// the bytes as a JSON text (json_reader.hpp).
Problem model_file(Bytes bytes);
// engine/lesson: parse a lesson; errors begin FILE:LINE; every step of one that parsed applies.
Problem lesson(Bytes bytes);
// app/session: from_json into a Lab (bounded work), its estimates, and a save/load round trip.
Problem session(Bytes bytes);

inline std::string_view as_text(Bytes bytes) {
  return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

// Every reader promises errors of one printable line (engine/user_text.hpp): a message with a
// control character would break the status line and the command line's one-line errors.
inline Problem check_message(std::string_view reader, const std::string& message) {
  for (const char c : message)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
      return std::string(reader) + " error is not one printable line: " + message;
  return {};
}

}  // namespace al::fuzz
