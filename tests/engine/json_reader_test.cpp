// The one JSON reader: every value type, numbers as nlohmann gives them, escapes decoded to UTF-8,
// each kind of malformed text, duplicate key and limit rejected with one line naming the line and
// column, and user text in messages kept short and printable.
#include "engine/json_reader.hpp"

#include <gtest/gtest.h>

#include <string>

namespace al {
namespace {

constexpr JsonLimits kLimits{.max_bytes = 1 << 20, .max_values = 1 << 20, .max_depth = 64};

nlohmann::json ok(std::string_view text) {
  auto v = read_json(text, kLimits);
  EXPECT_TRUE(v.ok()) << text << ": " << (v.ok() ? "" : v.error());
  return v.ok() ? v.value() : nlohmann::json();
}

std::string error_of(std::string_view text, const JsonLimits& limits = kLimits) {
  auto v = read_json(text, limits);
  return v.ok() ? "(accepted)" : v.error();
}

TEST(JsonReader, ReadsEveryType) {
  const auto v = ok(R"( {"a": [1, -2, -2.5e2, true, false, null], "b": {"c": "d"}, "e": []} )");
  ASSERT_TRUE(v.is_object());
  ASSERT_EQ(v.size(), 3u);
  const auto& a = v["a"];
  ASSERT_EQ(a.size(), 6u);
  EXPECT_TRUE(a[0].is_number_unsigned());  // nlohmann's types: non-negative integers unsigned,
  EXPECT_EQ(a[0].get<int>(), 1);
  EXPECT_FALSE(a[1].is_number_unsigned());  // negative ones signed,
  EXPECT_TRUE(a[1].is_number_integer());
  EXPECT_TRUE(a[2].is_number_float());  // the rest double
  EXPECT_EQ(a[2].get<double>(), -250.0);
  EXPECT_EQ(a[3], true);
  EXPECT_EQ(a[4], false);
  EXPECT_TRUE(a[5].is_null());
  EXPECT_EQ(v["b"]["c"], "d");
  EXPECT_TRUE(v["e"].is_array() && v["e"].empty());
  EXPECT_TRUE(ok("\xEF\xBB\xBF{}").is_object());  // a UTF-8 byte order mark is skipped
}

TEST(JsonReader, IntegersAreExactAndOnlyFromIntegerLiterals) {
  EXPECT_EQ(json_int64(ok("9007199254740993")), 9007199254740993);  // 2⁵³ + 1: not a double
  EXPECT_EQ(json_int64(ok("-7")), -7);
  EXPECT_EQ(json_int64(ok("-9223372036854775808")), INT64_MIN);
  EXPECT_EQ(json_int64(ok("9223372036854775808")), std::nullopt);  // 2⁶³: uint64 only
  EXPECT_TRUE(ok("18446744073709551616").is_number_float());       // 2⁶⁴: beyond 64 bits
  EXPECT_EQ(json_int64(ok("1e2")), std::nullopt);
  EXPECT_EQ(json_int64(ok("2.0")), std::nullopt);
  EXPECT_EQ(json_int64(ok("\"3\"")), std::nullopt);
}

TEST(JsonReader, DescribesValuesForMessages) {
  EXPECT_STREQ(json_described(ok("null")), "null");
  EXPECT_STREQ(json_described(ok("true")), "a boolean");
  EXPECT_STREQ(json_described(ok("-1.5")), "a number");
  EXPECT_STREQ(json_described(ok("\"x\"")), "a string");
  EXPECT_STREQ(json_described(ok("[]")), "an array");
  EXPECT_STREQ(json_described(ok("{}")), "an object");
}

TEST(JsonReader, DecodesEscapesToUtf8) {
  EXPECT_EQ(ok(R"("a\"b\\c\/d\b\f\n\r\t")"), "a\"b\\c/d\b\f\n\r\t");
  EXPECT_EQ(ok(R"("caf\u00e9")"), "caf\xC3\xA9");                 // é: C3 A9
  EXPECT_EQ(ok(R"("\u20AC")"), "\xE2\x82\xAC");                   // €: E2 82 AC
  EXPECT_EQ(ok(R"("\ud83d\ude00")"), "\xF0\x9F\x98\x80");         // U+1F600 from a pair
  EXPECT_EQ(ok("\"d\xC3\xA9j\xC3\xA0\""), "d\xC3\xA9j\xC3\xA0");  // raw UTF-8 kept
}

TEST(JsonReader, WrittenValuesReadBack) {
  const auto v = ok(R"({"n": -3, "x": 1e-05, "s": "tab\there \u00e9", "l": [true, null, {}]})");
  EXPECT_EQ(v.dump(), R"({"l":[true,null,{}],"n":-3,"s":"tab\there é","x":1e-05})");
  EXPECT_EQ(ok(v.dump()), v);
}

TEST(JsonReader, RejectsWhatStrictJsonDoesNotAllow) {
  const std::pair<const char*, const char*> cases[] = {
      {"[1, 2,]", "unexpected ']'"},
      {"{\"a\": 1,}", "unexpected '}'; expected string literal"},
      {"// c\n1", "invalid literal"},
      {"NaN", "invalid literal"},
      {"01", "expected end of input"},
      {"1.", "expected digit after '.'"},
      {".5", "invalid literal"},
      {"1e", "after exponent"},
      {"1e999", "number overflow parsing '1e999'"},
      {"\"abc", "missing closing quote"},
      {"\"a\tb\"", "control character U+0009 (HT) must be escaped"},
      {"\"\\x\"", "forbidden character after backslash"},
      {"\"\\u12g4\"", "must be followed by 4 hex digits"},
      {"\"\\udc00\"", "surrogate U+DC00..U+DFFF must follow U+D800..U+DBFF"},
      {"\"\\ud800x\"", "surrogate U+D800..U+DBFF must be followed by U+DC00..U+DFFF"},
      {"\"\xC0\x80\"", "ill-formed UTF-8"},          // overlong NUL
      {"\"\xED\xA0\x80\"", "ill-formed UTF-8"},      // an encoded surrogate
      {"\"\xF4\x90\x80\x80\"", "ill-formed UTF-8"},  // above U+10FFFF
      {"\"\xE2\x82\"", "ill-formed UTF-8"},          // truncated
      {"\xFF", "invalid literal"},
      {"tru", "invalid literal"},
      {"{\"a\" 1}", "expected ':'"},
      {"[1 2]", "expected ']'"},
      {"", "unexpected end of input"},
      {"1 2", "expected end of input"},
  };
  for (const auto& [text, what] : cases) {
    const std::string e = error_of(text);
    EXPECT_EQ(e.rfind("invalid JSON at line 1, column ", 0), 0u) << text << " → " << e;
    EXPECT_NE(e.find(what), std::string::npos) << text << " → " << e;
  }
}

TEST(JsonReader, ErrorsGiveLineAndColumn) {
  EXPECT_EQ(error_of("{\n  \"a\": 1,\n}"),
            "invalid JSON at line 3, column 1: syntax error while parsing object key - unexpected "
            "'}'; expected string literal");
  EXPECT_EQ(error_of("[1, x]"),
            "invalid JSON at line 1, column 5: syntax error while parsing value - invalid "
            "literal; last read: '1, x'");
  // At the end of the text: the column after its last byte.
  EXPECT_EQ(error_of("{\"a\":").rfind("invalid JSON at line 1, column 6: ", 0), 0u);
}

TEST(JsonReader, UserTextInMessagesIsShortAndPrintable) {
  // An unterminated string is the token nlohmann quotes: a megabyte of it is shortened.
  const std::string e = error_of("\"" + std::string(1 << 20, 'x'), {2 << 20, 10, 10});
  EXPECT_LT(e.size(), 300u) << e;
  EXPECT_NE(e.find("(1048577 bytes)"), std::string::npos) << e;
  // Bytes that are not UTF-8 are shown escaped, never as they are.
  EXPECT_NE(error_of("\"\xC0\x80\"").find("'\"\\xC0'"), std::string::npos) << error_of("\"\xC0\"");
}

TEST(JsonReader, RejectsDuplicateKeysNamingTheKeyAndItsObject) {
  // The position is the last byte read: the duplicate key's closing quote.
  EXPECT_EQ(error_of(R"({"a": 1, "a": 2})"),
            "invalid JSON at line 1, column 12: duplicate key 'a'");
  EXPECT_EQ(error_of(R"({"a": {"b": [0, {"c": 1, "c": 2}]}})"),
            "invalid JSON at line 1, column 28: duplicate key 'c' in 'a.b[1]'");
  // Keys are compared decoded, and shown escaped.
  EXPECT_NE(error_of(R"({"a": 1, "\u0061": 2})").find("duplicate key 'a'"), std::string::npos);
  EXPECT_NE(error_of(R"({"k\n": 1, "k\n": 2})").find("duplicate key 'k\\n'"), std::string::npos);
  // The same key in two objects is no duplicate.
  EXPECT_EQ(ok(R"({"a": {"x": 1}, "b": {"x": 2}})")["b"]["x"], 2);
}

TEST(JsonReader, LimitsDepthValuesAndSize) {
  const auto nested = [](int depth) { return std::string(depth, '[') + std::string(depth, ']'); };
  EXPECT_TRUE(read_json(nested(3), {100, 100, 3}).ok());
  EXPECT_EQ(error_of(nested(4), {100, 100, 3}),
            "invalid JSON at line 1, column 4: nested more than 3 levels deep");
  EXPECT_EQ(error_of(R"({"a": {"b": {}}})", {100, 100, 2}),
            "invalid JSON at line 1, column 13: nested more than 2 levels deep");
  // A very deep text fails at the limit instead of overflowing the stack.
  EXPECT_NE(error_of(nested(100000), {1 << 20, 1 << 20, 64}).find("nested more than 64"),
            std::string::npos);
  // Values: scalars and containers; keys are not counted.
  EXPECT_TRUE(read_json(R"({"a": [1, 2]})", {100, 4, 8}).ok());
  // A number is known to end when the byte after it has been read: that byte is the position.
  EXPECT_EQ(error_of(R"({"a": [1, 2, 3]})", {100, 4, 8}),
            "invalid JSON at line 1, column 15: more than 4 values");
  EXPECT_EQ(error_of("[1, 2]", {5, 100, 8}), "JSON text of 6 bytes is over the limit of 5 bytes");
}

}  // namespace
}  // namespace al
