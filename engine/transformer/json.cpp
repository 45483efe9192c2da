// The strict JSON reader (recursive descent, one character of look-ahead) and the writer.
#include "engine/transformer/json.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace al::tf::json {

const char* described(Type t) {
  switch (t) {
    case Type::Null:
      return "null";
    case Type::Bool:
      return "a boolean";
    case Type::Number:
      return "a number";
    case Type::String:
      return "a string";
    case Type::Array:
      return "an array";
    case Type::Object:
      return "an object";
  }
  return "";
}

Value Value::null() {
  return {};
}

Value Value::from_bool(bool b) {
  Value v;
  v.type = Type::Bool;
  v.boolean = b;
  return v;
}

Value Value::from_number(double x) {
  if (!std::isfinite(x)) return null();
  Value v;
  v.type = Type::Number;
  v.number = x;
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, x);  // shortest text that reads back as x
  v.text.assign(buf, r.ptr);
  return v;
}

Value Value::from_integer(std::int64_t i) {
  Value v;
  v.type = Type::Number;
  v.number = static_cast<double>(i);
  v.text = std::to_string(i);
  return v;
}

Value Value::from_string(std::string s) {
  Value v;
  v.type = Type::String;
  v.text = std::move(s);
  return v;
}

Value Value::array(std::vector<Value> items) {
  Value v;
  v.type = Type::Array;
  v.items = std::move(items);
  return v;
}

Value Value::object(std::vector<Member> members) {
  Value v;
  v.type = Type::Object;
  v.members = std::move(members);
  return v;
}

const Value* Value::find(std::string_view key) const {
  for (const auto& [k, v] : members)
    if (k == key) return &v;
  return nullptr;
}

std::optional<std::int64_t> Value::integer() const {
  if (type != Type::Number || text.find_first_of(".eE") != std::string::npos) return std::nullopt;
  std::int64_t i = 0;
  const auto r = std::from_chars(text.data(), text.data() + text.size(), i);
  if (r.ec != std::errc() || r.ptr != text.data() + text.size()) return std::nullopt;
  return i;
}

namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Length of the well-formed UTF-8 sequence starting at s[0] (Unicode table 3-7: no overlong
// forms, no surrogates, nothing above U+10FFFF), or 0.
std::size_t utf8_length(std::string_view s) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  const auto in = [&](std::size_t i, unsigned lo, unsigned hi) {
    return i < s.size() && byte(i) >= lo && byte(i) <= hi;
  };
  const unsigned c = byte(0);
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return in(1, 0x80, 0xBF) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    const unsigned lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
    return in(1, lo, hi) && in(2, 0x80, 0xBF) ? 3 : 0;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    const unsigned lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
    return in(1, lo, hi) && in(2, 0x80, 0xBF) && in(3, 0x80, 0xBF) ? 4 : 0;
  }
  return 0;
}

class Parser {
 public:
  explicit Parser(std::string_view s) : s_(s) {}

  Expected<Value> run() {
    Value v;
    skip_space();
    if (!value(v, 0)) return Error{message()};
    skip_space();
    if (pos_ != s_.size()) {
      fail("unexpected text after the JSON value");
      return Error{message()};
    }
    return v;
  }

 private:
  bool at_end() const { return pos_ >= s_.size(); }
  char peek() const { return at_end() ? '\0' : s_[pos_]; }

  bool fail(std::string what) {
    if (error_.empty()) {
      error_ = std::move(what);
      error_pos_ = pos_;
    }
    return false;
  }

  std::string message() const {
    const std::string_view before = s_.substr(0, error_pos_);
    const auto line = 1 + std::count(before.begin(), before.end(), '\n');
    const auto last_newline = before.rfind('\n');
    const auto column =
        error_pos_ - (last_newline == std::string_view::npos ? 0 : last_newline + 1) + 1;
    return "invalid JSON at line " + std::to_string(line) + ", column " + std::to_string(column) +
           ": " + error_;
  }

  void skip_space() {
    while (!at_end() && (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r'))
      ++pos_;
  }

  bool literal(std::string_view word) {
    if (s_.substr(pos_, word.size()) != word) return fail("invalid literal");
    pos_ += word.size();
    return true;
  }

  bool value(Value& out, int depth) {
    if (at_end()) return fail("unexpected end of text, expected a value");
    switch (peek()) {
      case '{':
        return object(out, depth + 1);
      case '[':
        return array(out, depth + 1);
      case '"':
        out.type = Type::String;
        return string(out.text);
      case 't':
        out = Value::from_bool(true);
        return literal("true");
      case 'f':
        out = Value::from_bool(false);
        return literal("false");
      case 'n':
        out = Value::null();
        return literal("null");
      default:
        if (peek() == '-' || is_digit(peek())) return number(out);
        return fail("unexpected character, expected a value");
    }
  }

  // -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
  bool number(Value& out) {
    const std::size_t start = pos_;
    if (peek() == '-') ++pos_;
    if (peek() == '0') {
      ++pos_;
    } else if (is_digit(peek())) {
      while (is_digit(peek())) ++pos_;
    } else {
      return fail("expected a digit");
    }
    if (peek() == '.') {
      ++pos_;
      if (!is_digit(peek())) return fail("expected a digit after the decimal point");
      while (is_digit(peek())) ++pos_;
    }
    if (peek() == 'e' || peek() == 'E') {
      ++pos_;
      if (peek() == '+' || peek() == '-') ++pos_;
      if (!is_digit(peek())) return fail("expected a digit in the exponent");
      while (is_digit(peek())) ++pos_;
    }
    out.type = Type::Number;
    out.text = std::string(s_.substr(start, pos_ - start));
    const auto r = std::from_chars(out.text.data(), out.text.data() + out.text.size(), out.number);
    if (r.ec != std::errc() || !std::isfinite(out.number)) {
      pos_ = start;
      return fail("number out of range");
    }
    return true;
  }

  bool hex4(std::uint32_t& cp) {
    cp = 0;
    for (int i = 0; i < 4; ++i, ++pos_) {
      const int h = hex_value(peek());
      if (h < 0) return fail("expected four hex digits after \\u");
      cp = cp * 16 + static_cast<std::uint32_t>(h);
    }
    return true;
  }

  bool escape(std::string& out) {
    const char c = peek();
    ++pos_;
    switch (c) {
      case '"':
      case '\\':
      case '/':
        out += c;
        return true;
      case 'b':
        out += '\b';
        return true;
      case 'f':
        out += '\f';
        return true;
      case 'n':
        out += '\n';
        return true;
      case 'r':
        out += '\r';
        return true;
      case 't':
        out += '\t';
        return true;
      case 'u': {
        std::uint32_t cp = 0;
        if (!hex4(cp)) return false;
        if (cp >= 0xDC00 && cp <= 0xDFFF) return fail("unpaired low surrogate in \\u escape");
        if (cp >= 0xD800 && cp <= 0xDBFF) {
          std::uint32_t low = 0;
          if (s_.substr(pos_, 2) != "\\u") return fail("unpaired high surrogate in \\u escape");
          pos_ += 2;
          if (!hex4(low)) return false;
          if (low < 0xDC00 || low > 0xDFFF) return fail("unpaired high surrogate in \\u escape");
          cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        }
        append_utf8(out, cp);
        return true;
      }
      default:
        --pos_;
        return fail("invalid escape in string");
    }
  }

  bool string(std::string& out) {
    ++pos_;  // the opening quote
    out.clear();
    for (;;) {
      if (at_end()) return fail("unterminated string");
      const char c = peek();
      if (c == '"') {
        ++pos_;
        return true;
      }
      if (c == '\\') {
        ++pos_;
        if (!escape(out)) return false;
        continue;
      }
      if (static_cast<unsigned char>(c) < 0x20) return fail("control character in string");
      const std::size_t n = utf8_length(s_.substr(pos_));
      if (n == 0) return fail("invalid UTF-8 in string");
      out.append(s_.substr(pos_, n));
      pos_ += n;
    }
  }

  bool array(Value& out, int depth) {
    if (depth > kMaxDepth) return fail("nesting deeper than " + std::to_string(kMaxDepth));
    ++pos_;
    out = Value::array({});
    skip_space();
    if (peek() == ']') {
      ++pos_;
      return true;
    }
    for (;;) {
      out.items.emplace_back();
      skip_space();
      if (!value(out.items.back(), depth)) return false;
      skip_space();
      if (peek() == ']') {
        ++pos_;
        return true;
      }
      if (peek() != ',') return fail("expected ',' or ']' in array");
      ++pos_;
    }
  }

  bool object(Value& out, int depth) {
    if (depth > kMaxDepth) return fail("nesting deeper than " + std::to_string(kMaxDepth));
    ++pos_;
    out = Value::object({});
    skip_space();
    if (peek() == '}') {
      ++pos_;
      return true;
    }
    for (;;) {
      skip_space();
      if (peek() != '"') return fail("expected a string key in object");
      const std::size_t key_pos = pos_;
      std::string key;
      if (!string(key)) return false;
      skip_space();
      if (peek() != ':') return fail("expected ':' after object key");
      ++pos_;
      skip_space();
      out.members.push_back({std::move(key), Value{}});
      if (!value(out.members.back().value, depth)) return false;
      skip_space();
      if (peek() == '}') {
        ++pos_;
        return unique_keys(out, key_pos);
      }
      if (peek() != ',') return fail("expected ',' or '}' in object");
      ++pos_;
    }
  }

  // Duplicate keys make a file mean different things to different readers. Sorting pointers keeps
  // the check O(n log n) for objects with many members (a safetensors header has one per tensor).
  bool unique_keys(const Value& obj, std::size_t last_key_pos) {
    std::vector<const std::string*> keys;
    keys.reserve(obj.members.size());
    for (const Member& m : obj.members) keys.push_back(&m.key);
    std::sort(keys.begin(), keys.end(), [](auto* a, auto* b) { return *a < *b; });
    for (std::size_t i = 1; i < keys.size(); ++i)
      if (*keys[i] == *keys[i - 1]) {
        pos_ = last_key_pos;
        return fail("duplicate key \"" + *keys[i] + "\" in object");
      }
    return true;
  }

  std::string_view s_;
  std::size_t pos_ = 0;
  std::string error_;
  std::size_t error_pos_ = 0;
};

void dump_to(std::string& out, const Value& v) {
  switch (v.type) {
    case Type::Null:
      out += "null";
      return;
    case Type::Bool:
      out += v.boolean ? "true" : "false";
      return;
    case Type::Number:
      out += v.text;
      return;
    case Type::String:
      out += quote(v.text);
      return;
    case Type::Array:
      out += '[';
      for (std::size_t i = 0; i < v.items.size(); ++i) {
        if (i > 0) out += ',';
        dump_to(out, v.items[i]);
      }
      out += ']';
      return;
    case Type::Object:
      out += '{';
      for (std::size_t i = 0; i < v.members.size(); ++i) {
        if (i > 0) out += ',';
        out += quote(v.members[i].key);
        out += ':';
        dump_to(out, v.members[i].value);
      }
      out += '}';
      return;
  }
}

}  // namespace

Expected<Value> parse(std::string_view text, std::size_t max_bytes) {
  if (text.size() > max_bytes)
    return Error{"JSON text of " + std::to_string(text.size()) + " bytes is over the limit of " +
                 std::to_string(max_bytes) + " bytes"};
  return Parser(text).run();
}

std::string dump(const Value& v) {
  std::string out;
  dump_to(out, v);
  return out;
}

bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t n = utf8_length(s.substr(i));
    if (n == 0) return false;
    i += n;
  }
  return true;
}

std::string quote(std::string_view s) {
  static const char* const hex = "0123456789abcdef";
  std::string out = "\"";
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\r') {
      out += "\\r";
    } else if (u < 0x20) {
      out += "\\u00";
      out += hex[u >> 4];
      out += hex[u & 0xF];
    } else {
      out += c;
    }
  }
  out += '"';
  return out;
}

}  // namespace al::tf::json
