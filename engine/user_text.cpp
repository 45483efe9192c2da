// Making user text safe for a one-line message: escapes, UTF-8 checks and shortening, in one
// place for the command line, the window's status line and every file reader.
#include "user_text.hpp"

#include <cstdio>

namespace al {
namespace {

bool continuation(unsigned char c) {
  return (c & 0xC0) == 0x80;
}

// The code point of the well-formed UTF-8 sequence starting at s[i] and its length, or length 0
// when the bytes there are not UTF-8 (overlong forms and surrogates included).
std::size_t utf8_sequence(std::string_view s, std::size_t i, char32_t& cp) {
  const auto lead = static_cast<unsigned char>(s[i]);
  std::size_t n = 0;
  char32_t min = 0;
  if (lead >= 0xC2 && lead <= 0xDF) {
    n = 2, cp = lead & 0x1F, min = 0x80;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    n = 3, cp = lead & 0x0F, min = 0x800;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    n = 4, cp = lead & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (s.size() - i < n) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    const auto c = static_cast<unsigned char>(s[i + k]);
    if (!continuation(c)) return 0;
    cp = cp << 6 | (c & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

void append_hex(std::string& out, const char* format, unsigned value) {
  char buf[16];
  std::snprintf(buf, sizeof buf, format, value);
  out += buf;
}

void append_escaped(std::string& out, std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if (c == '\n')
        out += "\\n";
      else if (c == '\r')
        out += "\\r";
      else if (c == '\t')
        out += "\\t";
      else if (c < 0x20 || c == 0x7F)
        append_hex(out, "\\x%02X", c);
      else
        out += static_cast<char>(c);
      ++i;
      continue;
    }
    char32_t cp = 0;
    const std::size_t n = utf8_sequence(s, i, cp);
    if (n == 0) {
      append_hex(out, "\\x%02X", c);
      ++i;
    } else if (cp <= 0x9F || cp == 0x2028 || cp == 0x2029) {
      append_hex(out, "\\u%04X", static_cast<unsigned>(cp));
      i += n;
    } else {
      out.append(s.substr(i, n));
      i += n;
    }
  }
}

// The escaped text, cut to its first and last max_bytes / 2 bytes (moved to character
// boundaries) around "…" when it is longer; `cut` tells whether it was.
std::string shortened(std::string_view text, std::size_t max_bytes, bool& cut) {
  std::string out;
  cut = text.size() > max_bytes;
  if (!cut) {
    append_escaped(out, text);
    return out;
  }
  std::size_t head = max_bytes / 2, tail = text.size() - max_bytes / 2;
  // A character is at most 4 bytes: a longer run of continuation bytes is not UTF-8 and is
  // escaped byte by byte anyway.
  for (int k = 0; k < 3 && head > 0 && continuation(static_cast<unsigned char>(text[head])); ++k)
    --head;
  for (int k = 0;
       k < 3 && tail < text.size() && continuation(static_cast<unsigned char>(text[tail])); ++k)
    ++tail;
  append_escaped(out, text.substr(0, head));
  out += "…";
  append_escaped(out, text.substr(tail));
  return out;
}

std::string byte_count(std::size_t n) {
  return " (" + std::to_string(n) + " bytes)";
}

}  // namespace

bool is_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    char32_t cp = 0;
    const std::size_t n = utf8_sequence(text, i, cp);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

std::string printable(std::string_view text, std::size_t max_bytes) {
  bool cut = false;
  std::string out = shortened(text, max_bytes, cut);
  if (cut) out += byte_count(text.size());
  return out;
}

std::string quote_for_message(std::string_view text) {
  bool cut = false;
  std::string out = "'";
  out += shortened(text, kMessageTextBytes, cut);
  out += '\'';
  if (cut) out += byte_count(text.size());
  return out;
}

}  // namespace al
