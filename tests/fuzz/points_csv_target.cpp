// Fuzz target: the CSV reader of training points (engine/points_csv.hpp).
#include <algorithm>
#include <charconv>
#include <cmath>

#include "engine/kernel_regression/points_csv.hpp"
#include "targets.hpp"

namespace al::fuzz {

Problem points_csv(Bytes bytes) {
  const auto points = parse_points_csv(as_text(bytes), "fuzz.csv");
  if (!points) {
    if (!points.error().starts_with("fuzz.csv:"))
      return "the error does not start with the file name: " + points.error();
    return check_message("CSV", points.error());
  }
  const Points& p = points.value();
  if (p.x.empty() || p.x.size() != p.y.size() || p.x.size() > 1000000)
    return "parsed " + std::to_string(p.x.size()) + " x and " + std::to_string(p.y.size()) +
           " y values";
  for (std::size_t i = 0; i < p.x.size(); ++i)
    if (!std::isfinite(p.x[i]) || !std::isfinite(p.y[i]))
      return "point " + std::to_string(i) + " is not finite";
  if (!std::is_sorted(p.x.begin(), p.x.end())) return "the points are not sorted by x";

  // The app's CSV export prints the shortest text that reads back exactly (std::to_chars): the
  // reader must take it back unchanged, or an exported points figure would not reload.
  std::string text = "x,y\n";
  char buf[64];
  for (std::size_t i = 0; i < p.x.size(); ++i) {
    text.append(buf, std::to_chars(buf, buf + sizeof buf, p.x[i]).ptr);
    text += ',';
    text.append(buf, std::to_chars(buf, buf + sizeof buf, p.y[i]).ptr);
    text += '\n';
  }
  const auto again = parse_points_csv(text, "written.csv");
  if (!again) return "the points written back do not parse: " + again.error();
  if (again.value().x != p.x || again.value().y != p.y)
    return "the points written back parse to other values";
  return {};
}

}  // namespace al::fuzz
