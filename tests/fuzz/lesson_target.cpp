// Fuzz target: lesson files (engine/lesson/lesson.hpp), parsed, and every step of a lesson that
// parsed applied again as the window applies it.
#include <cctype>
#include <string>

#include "engine/lesson/lesson.hpp"
#include "targets.hpp"

namespace al::fuzz {

Problem lesson(Bytes bytes) {
  const std::string_view text = as_text(bytes);
  const auto parsed = lesson::parse(text, "fuzz.lesson");
  if (!parsed) {
    // "fuzz.lesson:LINE: message"
    const std::string& e = parsed.error();
    const std::string_view prefix = "fuzz.lesson:";
    std::size_t i = prefix.size();
    while (i < e.size() && std::isdigit(static_cast<unsigned char>(e[i]))) ++i;
    if (!e.starts_with(prefix) || i == prefix.size() || i >= e.size() || e[i] != ':')
      return "the error does not begin with FILE:LINE: " + e;
    return check_message("lesson", e);
  }
  const lesson::Lesson& l = parsed.value();
  if (l.title.empty() || l.steps.empty() || l.steps.size() > lesson::kMaxSteps)
    return "a lesson of " + std::to_string(l.steps.size()) + " steps or no title parsed";
  // The parser checked every key in order; the steps apply without error.
  for (std::size_t i = 0; i < l.steps.size(); ++i)
    if (const auto s = lesson::settings_at(l, i, Settings{}, "fuzz.lesson"); !s)
      return "step " + std::to_string(i + 1) + " parsed but does not apply: " + s.error();
  return {};
}

}  // namespace al::fuzz
