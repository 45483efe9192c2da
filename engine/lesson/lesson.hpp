// Lessons: a plain text file a teacher writes, a sequence of steps that each show a lab in a
// state (settings through the one registry, settings.hpp) with a caption. The format, one
// directive a line:
//
//   # a comment                 (also blank lines)
//   lesson: TITLE               once, before the first step
//   step: TITLE                 begins a step
//   text: CAPTION LINE          the step's caption, one line each; *words* between stars are bold
//   lab: NAME                   the lab to show (the same as set: app.lab=NAME)
//   set: KEY=VALUE              any settings key
//   show: KEY | hide: KEY       a true|false key (a view) to true or false; `controls` is short
//                               for view.controls, the window's controls column
//   select: N                   the selected query (view.query=N)
//   play: N                     the kernel-regression lab trains N more epochs (train.epochs + N)
//   decode: N                   the decoding shows N more tokens (decode.step + N; bahdanau.step
//                               in the Bahdanau lab)
//
// A step starts from the state of the step before it (a lesson is read top to bottom), so step N
// is the defaults plus every step's settings up to N. Errors are one line, "FILE:LINE: message".
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/expected.hpp"
#include "engine/settings.hpp"

namespace al::lesson {

// Bounds, so a lesson file costs little whatever it holds.
inline constexpr std::size_t kMaxFileBytes = 256 * 1024;
inline constexpr std::size_t kMaxLineBytes = 1000;
inline constexpr std::size_t kMaxSteps = 100;
inline constexpr std::size_t kMaxCaptionLines = 20;
inline constexpr int kMaxActionUnits = 100000;
// The largest count an action reads back from its key (train.epochs, decode.step).
inline constexpr long long kMaxSettingCount = 1000000000;

// A run of caption text, bold or not.
struct Span {
  std::string text;
  bool bold = false;
  bool operator==(const Span&) const = default;
};
using CaptionLine = std::vector<Span>;

struct Assignment {
  std::string key, value;
  int line = 0;  // where the lesson says it
  bool operator==(const Assignment&) const = default;
};

// What a step does once its settings are applied.
struct Action {
  enum class Kind { None, Play, Decode } kind = Kind::None;
  int units = 0;
  bool operator==(const Action&) const = default;
};

struct Step {
  std::string title;
  int line = 0;  // its `step:` line
  std::vector<CaptionLine> caption;
  std::vector<Assignment> assignments;  // in the file's order
  Action action;
  bool operator==(const Step&) const = default;
};

struct Lesson {
  std::string title;
  std::vector<Step> steps;
  bool operator==(const Lesson&) const = default;
};

// Parses a lesson's text; `file` names it in errors. Every key and value is checked against the
// registry, in the order the steps apply them.
Expected<Lesson> parse(std::string_view text, std::string_view file);
// Reads `path` (a regular file of at most kMaxFileBytes) and parses it.
Expected<Lesson> load(const std::string& path);

// The settings step `index` shows: `base` with every step's assignments up to `index` applied,
// step by step; the error (a key the registry no longer takes) names the line.
Expected<Settings> settings_at(const Lesson& lesson, std::size_t index, Settings base,
                               std::string_view file);
// The base a lesson's steps build on, for a user whose settings are `current` and were
// `opened_with` when the lesson began: the defaults, with the user's look (the workspace keys:
// colormap, font size, presentation, the controls column...), except the look keys the lesson
// sets somewhere, which keep their values from `opened_with`: going back before the step that
// hid the controls shows them again, while a colormap the lesson never mentions stays the user's.
Settings lesson_base(const Lesson& lesson, const Settings& current, const Settings& opened_with);
// The count key an action raises in the lab `lab` ("decode.step", "bahdanau.step",
// "train.epochs"); empty where the action does nothing (play in a lab that trains live).
std::string_view action_key(Action::Kind kind, AppLab lab);

// "*Bold* and plain" -> spans; a lone star stays a star.
CaptionLine parse_emphasis(std::string_view text);

}  // namespace al::lesson
