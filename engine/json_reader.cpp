// The strict JSON reader: nlohmann's SAX parser feeding a builder that checks as it builds.
#include "engine/json_reader.hpp"

#include <algorithm>
#include <iterator>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "engine/user_text.hpp"

namespace al {
namespace {

using Json = nlohmann::json;

// SAX callbacks are told no position, so the input iterator records how far nlohmann has read:
// a problem the builder finds is then placed, like nlohmann's own errors, at the last byte read.
class CountingIterator {
 public:
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  CountingIterator(const char* at, const char** read) : at_(at), read_(read) {}
  reference operator*() const { return *at_; }
  CountingIterator& operator++() {
    *read_ = ++at_;
    return *this;
  }
  bool operator==(const CountingIterator& other) const { return at_ == other.at_; }

 private:
  const char* at_;
  const char** read_;
};

// "line 3, column 1" of a byte offset; columns count bytes, as nlohmann's do.
std::string position_of(std::string_view text, std::size_t offset) {
  const std::string_view before = text.substr(0, offset);
  const auto line = 1 + std::count(before.begin(), before.end(), '\n');
  const auto last_newline = before.rfind('\n');
  const auto column = offset - (last_newline == std::string_view::npos ? 0 : last_newline + 1) + 1;
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

// nlohmann's message without its exception name and its own position, with the token it quotes
// (which may be a whole string or number of the input, megabytes long) made short and printable.
std::string problem_of(const Json::exception& e, const std::string& last_token) {
  std::string_view what = e.what();  // "[json.exception.parse_error.101] parse error at ...: ..."
  if (const auto name_end = what.find("] "); name_end != std::string_view::npos)
    what.remove_prefix(name_end + 2);
  if (what.starts_with("parse error"))
    if (const auto colon = what.find(": "); colon != std::string_view::npos)
      what.remove_prefix(colon + 2);
  std::string problem(what);
  const std::string quoted = "'" + last_token + "'";
  if (const auto at = problem.find(quoted); !last_token.empty() && at != std::string::npos)
    problem.replace(at, quoted.size(), quote_for_message(last_token));
  return problem;
}

// Builds the value as nlohmann's own DOM parser does, with the checks of json_reader.hpp. Each
// callback returns false to stop the parse, with the problem in error().
class Builder {
 public:
  Builder(std::string_view text, const JsonLimits& limits, const char* const& read)
      : text_(text), limits_(limits), read_(read) {}

  bool null() { return add(nullptr); }
  bool boolean(bool b) { return add(b); }
  bool number_integer(Json::number_integer_t i) { return add(i); }
  bool number_unsigned(Json::number_unsigned_t u) { return add(u); }
  bool number_float(Json::number_float_t x, const Json::string_t&) { return add(x); }
  bool string(Json::string_t& s) { return add(std::move(s)); }
  bool binary(Json::binary_t&) { return false; }  // JSON text has no binary values
  bool start_object(std::size_t) { return open(Json::object()); }
  bool start_array(std::size_t) { return open(Json::array()); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }

  bool key(Json::string_t& k) {
    Frame& object = stack_.back();
    auto [member, inserted] =
        object.value->get_ref<Json::object_t&>().emplace(std::move(k), nullptr);
    if (!inserted) return reject("duplicate key " + quote_for_message(member->first) + where());
    object.key = &member->first;
    slot_ = &member->second;
    return true;
  }

  bool parse_error(std::size_t position, const std::string& last_token, const Json::exception& e) {
    // `position` counts the bytes read, the one in error included (n + 1 at the end of input).
    error_ = message(std::min(position, text_.size() + 1) - 1, problem_of(e, last_token));
    return false;
  }

  const std::string& error() const { return error_; }
  Json take() { return std::move(root_); }

 private:
  struct Frame {
    Json* value;                       // an array or an object
    const std::string* key = nullptr;  // an object's latest key
  };

  std::string message(std::size_t offset, const std::string& problem) const {
    return "invalid JSON at " + position_of(text_, offset) + ": " + problem;
  }

  bool reject(const std::string& problem) {
    const auto read = static_cast<std::size_t>(read_ - text_.data());
    error_ = message(read > 0 ? read - 1 : 0, problem);
    return false;
  }

  // The path of the innermost open object, for messages: "" at the top, else e.g. "points" or
  // "a.b[2]".
  std::string path() const {
    std::string out;
    for (std::size_t i = 0; i + 1 < stack_.size(); ++i) {
      const Frame& f = stack_[i];
      if (f.value->is_array())
        out += "[" + std::to_string(f.value->size() - 1) + "]";
      else
        out += (out.empty() ? "" : ".") + *f.key;
    }
    return out;
  }
  std::string where() const {
    const std::string p = path();
    return p.empty() ? std::string() : " in " + quote_for_message(p);
  }

  // Places a value where the parse is: the root, the next element of an array, or the member
  // whose key came last. Nothing of the parent moves while a child is open, so the pointers on
  // the stack stay valid.
  template <class V>
  bool add(V&& v) {
    if (++values_ > limits_.max_values)
      return reject("more than " + std::to_string(limits_.max_values) + " values");
    if (stack_.empty()) {
      root_ = Json(std::forward<V>(v));
      placed_ = &root_;
    } else if (Json& parent = *stack_.back().value; parent.is_array()) {
      auto& items = parent.get_ref<Json::array_t&>();
      items.emplace_back(std::forward<V>(v));
      placed_ = &items.back();
    } else {
      *slot_ = Json(std::forward<V>(v));
      placed_ = slot_;
    }
    return true;
  }

  bool open(Json container) {
    if (stack_.size() >= limits_.max_depth)
      return reject("nested more than " + std::to_string(limits_.max_depth) + " levels deep");
    if (!add(std::move(container))) return false;
    stack_.push_back({placed_});
    return true;
  }

  bool close() {
    stack_.pop_back();
    return true;
  }

  std::string_view text_;
  JsonLimits limits_;
  const char* const& read_;
  Json root_;
  std::vector<Frame> stack_;
  Json* slot_ = nullptr;    // the member value the next value goes to
  Json* placed_ = nullptr;  // the value add() placed last
  std::size_t values_ = 0;
  std::string error_;
};

}  // namespace

Expected<nlohmann::json> read_json(std::string_view text, const JsonLimits& limits) {
  if (text.size() > limits.max_bytes)
    return Error{"JSON text of " + std::to_string(text.size()) + " bytes is over the limit of " +
                 std::to_string(limits.max_bytes) + " bytes"};
  const char* read = text.data();
  Builder builder(text, limits, read);
  const CountingIterator first(text.data(), &read), last(text.data() + text.size(), &read);
  if (!Json::sax_parse(first, last, &builder)) return Error{builder.error()};
  return builder.take();
}

const char* json_described(const nlohmann::json& v) {
  if (v.is_null()) return "null";
  if (v.is_boolean()) return "a boolean";
  if (v.is_number()) return "a number";
  if (v.is_string()) return "a string";
  if (v.is_array()) return "an array";
  // read_json makes nothing else; a value built in code may also be binary or discarded.
  return v.is_object() ? "an object" : v.type_name();
}

std::optional<std::int64_t> json_int64(const nlohmann::json& v) {
  // Non-negative literals are unsigned in nlohmann, negative ones signed.
  if (v.is_number_unsigned()) {
    const auto u = v.get<std::uint64_t>();
    if (u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
      return std::nullopt;
    return static_cast<std::int64_t>(u);
  }
  if (v.is_number_integer()) return v.get<std::int64_t>();
  return std::nullopt;
}

}  // namespace al
