// The strict JSON reader and writer of model-file headers: every value type, escapes decoded to
// UTF-8, and each kind of malformed text rejected with its line and column.
#include <gtest/gtest.h>

#include <cmath>

#include "engine/transformer/json.hpp"

namespace al::tf::json {
namespace {

constexpr std::size_t kLimit = 1 << 20;

Value ok(std::string_view text) {
  auto v = parse(text, kLimit);
  EXPECT_TRUE(v.ok()) << text << ": " << (v.ok() ? "" : v.error());
  return v.ok() ? v.value() : Value{};
}

std::string error_of(std::string_view text, std::size_t limit = kLimit) {
  auto v = parse(text, limit);
  return v.ok() ? "(accepted)" : v.error();
}

TEST(Json, ParsesEveryType) {
  const Value v = ok(R"( {"a": [1, -2.5e2, true, false, null], "b": {"c": "d"}, "e": []} )");
  ASSERT_TRUE(v.is(Type::Object));
  ASSERT_EQ(v.members.size(), 3u);
  const Value* a = v.find("a");
  ASSERT_NE(a, nullptr);
  ASSERT_EQ(a->items.size(), 5u);
  EXPECT_EQ(a->items[0].number, 1.0);
  EXPECT_EQ(a->items[1].number, -250.0);
  EXPECT_TRUE(a->items[2].boolean);
  EXPECT_TRUE(a->items[3].is(Type::Bool));
  EXPECT_FALSE(a->items[3].boolean);
  EXPECT_TRUE(a->items[4].is(Type::Null));
  EXPECT_EQ(v.find("b")->find("c")->text, "d");
  EXPECT_TRUE(v.find("e")->items.empty());
  EXPECT_EQ(v.find("zz"), nullptr);
}

TEST(Json, IntegersAreExactAndOnlyFromIntegerLiterals) {
  EXPECT_EQ(ok("9007199254740993").integer(), 9007199254740993);  // 2⁵³ + 1: not a double
  EXPECT_EQ(ok("-7").integer(), -7);
  EXPECT_FALSE(ok("1e2").integer().has_value());
  EXPECT_FALSE(ok("2.0").integer().has_value());
  EXPECT_FALSE(ok("9223372036854775808").integer().has_value());  // 2⁶³
  EXPECT_FALSE(ok("\"3\"").integer().has_value());
}

TEST(Json, DecodesEscapesToUtf8) {
  EXPECT_EQ(ok(R"("a\"b\\c\/d\b\f\n\r\t")").text, "a\"b\\c/d\b\f\n\r\t");
  EXPECT_EQ(ok(R"("caf\u00e9")").text, "caf\xC3\xA9");                 // é: C3 A9
  EXPECT_EQ(ok(R"("\u20AC")").text, "\xE2\x82\xAC");                   // €: E2 82 AC
  EXPECT_EQ(ok(R"("\ud83d\ude00")").text, "\xF0\x9F\x98\x80");         // U+1F600 from a pair
  EXPECT_EQ(ok("\"d\xC3\xA9j\xC3\xA0\"").text, "d\xC3\xA9j\xC3\xA0");  // raw UTF-8 kept
}

TEST(Json, RejectsWhatStrictJsonDoesNotAllow) {
  const std::pair<const char*, const char*> cases[] = {
      {"[1, 2,]", "expected a value"},
      {"{\"a\": 1,}", "expected a string key"},
      {"// c\n1", "expected a value"},
      {"NaN", "expected a value"},
      {"01", "unexpected text after"},
      {"1.", "after the decimal point"},
      {".5", "expected a value"},
      {"1e", "in the exponent"},
      {"1e999", "number out of range"},
      {"\"abc", "unterminated string"},
      {"\"a\tb\"", "control character"},
      {"\"\\x\"", "invalid escape"},
      {"\"\\u12g4\"", "four hex digits"},
      {"\"\\udc00\"", "unpaired low surrogate"},
      {"\"\\ud800x\"", "unpaired high surrogate"},
      {"\"\xC0\x80\"", "invalid UTF-8"},          // overlong NUL
      {"\"\xED\xA0\x80\"", "invalid UTF-8"},      // an encoded surrogate
      {"\"\xF4\x90\x80\x80\"", "invalid UTF-8"},  // above U+10FFFF
      {"\"\xE2\x82\"", "invalid UTF-8"},          // truncated
      {"tru", "invalid literal"},
      {"{\"a\": 1, \"a\": 2}", "duplicate key \"a\""},
      {"{\"a\" 1}", "expected ':'"},
      {"[1 2]", "expected ',' or ']'"},
      {"", "unexpected end of text"},
      {"1 2", "unexpected text after"},
  };
  for (const auto& [text, what] : cases)
    EXPECT_NE(error_of(text).find(what), std::string::npos) << text << " → " << error_of(text);
}

TEST(Json, ErrorsGiveLineAndColumn) {
  EXPECT_EQ(error_of("{\n  \"a\": 1,\n}"),
            "invalid JSON at line 3, column 1: expected a string key in object");
  EXPECT_EQ(error_of("[1, x]"),
            "invalid JSON at line 1, column 5: unexpected character, "
            "expected a value");
}

TEST(Json, LimitsDepthAndSize) {
  const auto nested = [](int depth) { return std::string(depth, '[') + std::string(depth, ']'); };
  EXPECT_TRUE(parse(nested(kMaxDepth), kLimit).ok());
  EXPECT_NE(error_of(nested(kMaxDepth + 1)).find("nesting deeper than 64"), std::string::npos);
  // A very deep text fails at the limit instead of overflowing the stack.
  EXPECT_FALSE(parse(nested(100000), kLimit).ok());
  EXPECT_EQ(error_of("[1, 2]", 5), "JSON text of 6 bytes is over the limit of 5 bytes");
}

TEST(Json, WritesWhatItReads) {
  EXPECT_EQ(quote("a\"b\\\n\x01\xC3\xA9"), "\"a\\\"b\\\\\\n\\u0001\xC3\xA9\"");
  const Value built = Value::object({{"n", Value::from_integer(-3)},
                                     {"x", Value::from_number(1e-5)},
                                     {"s", Value::from_string("tab\there")},
                                     {"l", Value::array({Value::from_bool(true), Value::null()})}});
  const std::string text = dump(built);
  EXPECT_EQ(text, R"({"n":-3,"x":1e-05,"s":"tab\there","l":[true,null]})");
  const Value back = ok(text);
  EXPECT_EQ(back.find("x")->number, 1e-5);
  EXPECT_EQ(dump(back), text);
  EXPECT_TRUE(Value::from_number(std::nan("")).is(Type::Null));
  EXPECT_TRUE(valid_utf8("d\xC3\xA9j\xC3\xA0"));
  EXPECT_FALSE(valid_utf8("\xFF"));
}

}  // namespace
}  // namespace al::tf::json
