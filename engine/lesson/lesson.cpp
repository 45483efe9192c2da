// The lesson reader: one directive a line (lesson.hpp), every key and value checked by the
// settings registry as the steps would apply them.
#include "lesson.hpp"

#include <algorithm>
#include <string>

#include "engine/read_file.hpp"
#include "engine/user_text.hpp"

namespace al::lesson {
namespace {

std::string_view trim(std::string_view s) {
  const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
  while (!s.empty() && blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && blank(s.back())) s.remove_suffix(1);
  return s;
}

class Reader {
 public:
  explicit Reader(std::string_view file) : file_(file) {}

  Error error(int line, const std::string& message) const {
    return Error{printable(file_) + ":" + std::to_string(line) + ": " + message};
  }

  // Applies one assignment to the running state, as the steps will.
  std::optional<Error> apply(int line, const std::string& key, const std::string& value) {
    if (auto e = apply_setting(state_, key, value)) return error(line, *e);
    return {};
  }

  // play and decode raise a count key of the lab shown by `units` (action_key).
  std::optional<Error> act(int line, Action action) {
    const std::string_view key = action_key(action.kind, state_.app_lab);
    if (key.empty())
      return error(line, "play: the " + std::string(name(state_.app_lab)) +
                             " lab does not train from a lesson (the kernel-regression lab does)");
    const SettingInfo* info = find_setting(key);
    long long now = 0;
    if (auto e = check_integer(info->get(state_), 0, kMaxSettingCount, now))
      return error(line, std::string(key) + ": " + *e);
    return apply(line, std::string(key), std::to_string(now + action.units));
  }

  Settings state_;

 private:
  std::string file_;
};

std::optional<std::string> check_units(std::string_view value, int& units) {
  long long n = 0;
  if (auto e = check_integer(value, 1, kMaxActionUnits, n)) return e;
  units = static_cast<int>(n);
  return {};
}

}  // namespace

CaptionLine parse_emphasis(std::string_view text) {
  CaptionLine out;
  const auto add = [&](std::string_view t, bool bold) {
    if (!t.empty()) out.push_back({std::string(t), bold});
  };
  while (!text.empty()) {
    const auto open = text.find('*');
    const auto close = open == std::string_view::npos ? open : text.find('*', open + 1);
    if (close == std::string_view::npos || close == open + 1) {
      add(text, false);
      break;
    }
    add(text.substr(0, open), false);
    add(text.substr(open + 1, close - open - 1), true);
    text.remove_prefix(close + 1);
  }
  return out;
}

std::string_view action_key(Action::Kind kind, AppLab lab) {
  if (kind == Action::Kind::Decode)
    return lab == AppLab::Bahdanau ? "bahdanau.step" : "decode.step";
  if (kind == Action::Kind::Play && lab == AppLab::KernelRegression) return "train.epochs";
  return {};
}

Expected<Lesson> parse(std::string_view text, std::string_view file) {
  Reader r(file);
  Lesson lesson;
  if (!is_utf8(text)) return r.error(1, "not UTF-8 text");
  int line_no = 0;
  // Bounded: every pass consumes one line of a file of at most kMaxFileBytes.
  while (!text.empty()) {
    ++line_no;
    const auto end = text.find('\n');
    const std::string_view raw = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    if (raw.size() > kMaxLineBytes)
      return r.error(line_no,
                     "the line is longer than " + std::to_string(kMaxLineBytes) + " bytes");
    const std::string_view line = trim(raw);
    if (line.empty() || line.front() == '#') continue;
    const auto colon = line.find(':');
    if (colon == std::string_view::npos)
      return r.error(line_no,
                     "expected 'directive: value' (lesson, step, text, lab, set, show, "
                     "hide, select, play, decode), got " +
                         quote_for_message(line));
    const std::string directive(trim(line.substr(0, colon)));
    const std::string value(trim(line.substr(colon + 1)));
    if (directive == "lesson") {
      if (!lesson.title.empty()) return r.error(line_no, "a second 'lesson:' line");
      if (!lesson.steps.empty()) return r.error(line_no, "'lesson:' comes before the first step");
      if (value.empty()) return r.error(line_no, "the lesson needs a title");
      lesson.title = value;
      continue;
    }
    if (directive == "step") {
      if (lesson.title.empty()) return r.error(line_no, "the file begins with 'lesson: TITLE'");
      if (lesson.steps.size() == kMaxSteps)
        return r.error(line_no, "more than " + std::to_string(kMaxSteps) + " steps");
      if (value.empty()) return r.error(line_no, "the step needs a title");
      lesson.steps.push_back({value, line_no, {}, {}, {}});
      continue;
    }
    if (lesson.steps.empty())
      return r.error(line_no, "'" + printable(directive, 40) + ":' comes inside a step");
    Step& step = lesson.steps.back();
    const auto assign = [&](std::string key, std::string v) -> std::optional<Error> {
      if (auto e = r.apply(line_no, key, v)) return e;
      step.assignments.push_back({std::move(key), std::move(v), line_no});
      return {};
    };
    std::optional<Error> failed;
    if (directive == "text") {
      if (step.caption.size() == kMaxCaptionLines)
        return r.error(line_no,
                       "a caption of more than " + std::to_string(kMaxCaptionLines) + " lines");
      step.caption.push_back(parse_emphasis(value));
    } else if (directive == "lab") {
      failed = assign("app.lab", value);
    } else if (directive == "set") {
      auto kv = split_assignment(value);
      if (!kv) return r.error(line_no, "expected set: KEY=VALUE, got " + quote_for_message(value));
      failed = assign(kv->first, kv->second);
    } else if (directive == "show" || directive == "hide") {
      // "controls" is short for the controls column's key.
      const std::string key = value == "controls" ? "view.controls" : value;
      const SettingInfo* info = find_setting(key);
      if (info == nullptr || info->range != "true|false")
        return r.error(
            line_no, quote_for_message(value) + " is not a view (a true|false key) nor 'controls'");
      failed = assign(key, directive == "show" ? "true" : "false");
    } else if (directive == "select") {
      failed = assign("view.query", value);
    } else if (directive == "play" || directive == "decode") {
      if (step.action.kind != Action::Kind::None)
        return r.error(line_no, "a step has one action (play or decode)");
      int units = 0;
      if (auto e = check_units(value, units)) return r.error(line_no, directive + ": " + *e);
      step.action = {directive == "play" ? Action::Kind::Play : Action::Kind::Decode, units};
      failed = r.act(line_no, step.action);
    } else {
      return r.error(line_no, "unknown directive " + quote_for_message(directive));
    }
    if (failed) return *failed;
  }
  // An empty file's error is on its line 1.
  line_no = std::max(line_no, 1);
  if (lesson.title.empty()) return r.error(line_no, "the file begins with 'lesson: TITLE'");
  if (lesson.steps.empty()) return r.error(line_no, "the lesson has no step");
  return lesson;
}

Expected<Lesson> load(const std::string& path) {
  auto bytes = read_regular_file(path, kMaxFileBytes, "a lesson");
  if (!bytes) return Error{bytes.error()};
  return parse(bytes.value(), path);
}

Settings lesson_base(const Lesson& lesson, const Settings& current, const Settings& opened_with) {
  Settings base;
  static_cast<WorkspaceSettings&>(base) = current;
  const auto is_look = [](std::string_view key) {
    for (const SettingTable& t : setting_tables())
      if (t.title == kWorkspaceTitle)
        return std::any_of(t.keys.begin(), t.keys.end(),
                           [&](const SettingInfo& k) { return k.key == key; });
    return false;
  };
  for (const Step& step : lesson.steps)
    for (const Assignment& a : step.assignments)
      if (is_look(a.key)) apply_setting(base, a.key, find_setting(a.key)->get(opened_with));
  return base;
}

Expected<Settings> settings_at(const Lesson& lesson, std::size_t index, Settings base,
                               std::string_view file) {
  Reader r(file);
  r.state_ = std::move(base);
  for (std::size_t i = 0; i <= index && i < lesson.steps.size(); ++i) {
    const Step& step = lesson.steps[i];
    for (const Assignment& a : step.assignments)
      if (auto e = r.apply(a.line, a.key, a.value)) return *e;
    if (step.action.kind != Action::Kind::None)
      if (auto e = r.act(step.line, step.action)) return *e;
  }
  return r.state_;
}

}  // namespace al::lesson
