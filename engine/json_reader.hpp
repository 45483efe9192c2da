// The one JSON reader: sessions, model-file headers and the model config inside them are read here.
// nlohmann-json (Debian's nlohmann-json3-dev) does the parsing; its SAX interface lets this reader
// add the checks a file of unknown origin needs while the value is built, before a hostile file
// can cost much memory:
//   - strict RFC 8259 (nlohmann's lexer): no comments, trailing commas, NaN or Infinity, control
//     characters or invalid UTF-8 in strings, or numbers beyond a double;
//   - no object key given twice (readers disagree on which one counts); the message names the
//     key and the path of its object ('points', 'a.b[2]');
//   - at most `max_depth` nested arrays and objects, `max_values` values and `max_bytes` bytes.
// Every error is one printable line: the problem and where ("invalid JSON at line 3, column 1:
// ..."), or the size ("JSON text of N bytes is over the limit of M bytes"). The place is the last
// byte the parser read: the offending byte, the closing quote of a duplicate key, the bracket
// that opens one level too many, or the byte after a number.
//
// Numbers are as nlohmann gives them: integer literals as int64 (negative) or uint64
// (non-negative), other numbers (and integers beyond 64 bits) as finite doubles.
#pragma once

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>

#include "engine/expected.hpp"

namespace al {

struct JsonLimits {
  std::size_t max_bytes;
  std::size_t max_values;  // scalars, arrays and objects (keys not counted)
  std::size_t max_depth;   // arrays and objects nested in each other: 1 allows [1, 2], not [[]]
};

// One JSON value surrounded by optional whitespace (and an optional UTF-8 byte order mark).
Expected<nlohmann::json> read_json(std::string_view text, const JsonLimits& limits);

// What a value is, with its article, for messages: "null", "a boolean", "a number", "a string",
// "an array", "an object".
const char* json_described(const nlohmann::json& v);

// An integer literal's value when it fits in int64; nothing for any other value ("2.0", "1e2").
std::optional<std::int64_t> json_int64(const nlohmann::json& v);

}  // namespace al
