// A small strict JSON reader and writer (RFC 8259) for model-file headers: the engine depends on
// Eigen and the standard library only, so it cannot use a JSON library.
//
// Strict on purpose, because its input comes from files of unknown origin: no comments, no
// trailing commas, no NaN or Infinity, no duplicate object keys, no control characters or invalid
// UTF-8 in strings (escapes, \uXXXX and surrogate pairs included, are decoded to UTF-8), nesting
// deeper than kMaxDepth and texts longer than the caller's limit are rejected. Errors are one line:
// what was expected and where ("line 1, column 17").
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/expected.hpp"

namespace al::tf::json {

inline constexpr int kMaxDepth = 64;

enum class Type { Null, Bool, Number, String, Array, Object };
// With its article, for messages: "null", "a boolean", "a number", "a string", "an array",
// "an object".
const char* described(Type t);

struct Member;

struct Value {
  Type type = Type::Null;
  bool boolean = false;
  double number = 0.0;
  std::string text;             // a string's decoded UTF-8; a number's literal as written
  std::vector<Value> items;     // array elements
  std::vector<Member> members;  // object members, in file order

  static Value null();
  static Value from_bool(bool b);
  static Value from_number(double x);  // non-finite x gives null (JSON has no literal)
  static Value from_integer(std::int64_t i);
  static Value from_string(std::string s);
  static Value array(std::vector<Value> items);
  static Value object(std::vector<Member> members);

  bool is(Type t) const { return type == t; }
  // The member called `key` of an object, or null (also for other types).
  const Value* find(std::string_view key) const;
  // A number written as an integer literal (no fraction, no exponent) that fits in int64.
  std::optional<std::int64_t> integer() const;
};

struct Member {
  std::string key;
  Value value;
};

// Parses one JSON value surrounded by optional whitespace.
Expected<Value> parse(std::string_view text, std::size_t max_bytes);

// Compact JSON text; numbers keep the literal they were parsed from (or built with).
std::string dump(const Value& v);
// `s` as a JSON string literal, quotes included. `s` should be valid UTF-8 (see valid_utf8): other
// bytes are copied as they are, and a strict reader rejects them.
std::string quote(std::string_view s);
bool valid_utf8(std::string_view s);

}  // namespace al::tf::json
