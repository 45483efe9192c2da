// User text inside messages: one line whatever it holds, short whatever its length.
#include "engine/user_text.hpp"

#include <gtest/gtest.h>

#include <string>

namespace al {
namespace {

TEST(UserText, EscapesControlCharacters) {
  EXPECT_EQ(quote_for_message("kernel.w"), "'kernel.w'");
  EXPECT_EQ(quote_for_message("a\nb"), "'a\\nb'");
  EXPECT_EQ(quote_for_message("a\r\tb"), "'a\\r\\tb'");
  EXPECT_EQ(quote_for_message(std::string("a\0b\x1b[31m\x7f", 9)), "'a\\x00b\\x1B[31m\\x7F'");
  EXPECT_EQ(printable("dir/a\nb.csv"), "dir/a\\nb.csv");
}

TEST(UserText, KeepsUtf8AndEscapesWhatIsNot) {
  EXPECT_EQ(quote_for_message("σ = 1/w, ½ €, 𝔼"), "'σ = 1/w, ½ €, 𝔼'");
  EXPECT_EQ(quote_for_message("a\xff"), "'a\\xFF'");
  EXPECT_EQ(quote_for_message("\xc3"), "'\\xC3'");                    // cut short
  EXPECT_EQ(quote_for_message("\xc0\xaf"), "'\\xC0\\xAF'");           // overlong '/'
  EXPECT_EQ(quote_for_message("\xed\xa0\x80"), "'\\xED\\xA0\\x80'");  // a surrogate
  // Characters that some displays take as line breaks.
  EXPECT_EQ(quote_for_message("a\xc2\x85"
                              "b\xe2\x80\xa8"
                              "c"),
            "'a\\u0085b\\u2028c'");
}

TEST(UserText, ShortensLongTextKeepingBothEnds) {
  const std::string value = "start" + std::string(10 << 20, 'x') + "end";
  const std::string quoted = quote_for_message(value);
  EXPECT_LT(quoted.size(), 120u);
  EXPECT_EQ(quoted.rfind("'startxx", 0), 0u) << quoted;
  EXPECT_NE(quoted.find("…"), std::string::npos) << quoted;
  EXPECT_NE(quoted.find("xxend' (10485768 bytes)"), std::string::npos) << quoted;
  const std::string longest(kMessageTextBytes, 'x');  // the longest text shown whole
  EXPECT_EQ(quote_for_message(longest).substr(1, kMessageTextBytes), longest);
  EXPECT_EQ(quote_for_message(longest).size(), kMessageTextBytes + 2);
  EXPECT_EQ(printable(std::string(100, 'y'), 10), "yyyyy…yyyyy (100 bytes)");
}

TEST(UserText, CutsAtCharacterBoundaries) {
  // 84 bytes, two-byte characters from byte 1: the cuts at byte 40 and at 84 - 40 both fall
  // inside a character and move out of it, to 39 and 45.
  std::string text = "a";
  for (int i = 0; i < 41; ++i) text += "é";
  text += "b";
  EXPECT_EQ(printable(text, 80), text.substr(0, 39) + "…" + text.substr(45) + " (84 bytes)");
}

TEST(UserText, EscapingTwiceChangesNothing) {
  const std::string once = printable(
      "a\nb\\n\x01"
      "é\xff",
      1000);
  EXPECT_EQ(printable(once, 1000), once);
}

}  // namespace
}  // namespace al
