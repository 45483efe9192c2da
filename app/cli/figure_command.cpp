// The figure subcommand: build the lab (default or from a session), apply every --set at once,
// build the named figure for the selected query (its table only for a CSV), export it. With
// --a KEY=VALUE the figure is an A/B comparison: A is the figure with those settings on top of
// the --sets, B the figure with the --sets alone (as the window's A/B compares a snapshot A with
// what the view shows after a change).
#include "figure_command.hpp"

#include <algorithm>
#include <cstdio>

#include "app/figure/book_figures.hpp"
#include "app/figure/comparison.hpp"
#include "app/figure/export.hpp"
#include "app/figure/figures.hpp"
#include "app/session/session.hpp"
#include "engine/kernel_regression/lab.hpp"
#include "engine/settings.hpp"
#include "engine/user_text.hpp"
#include "messages.hpp"

namespace al::cli {
namespace {

struct FigureOptions {
  std::string name;
  std::string out;
  std::string session;
  std::vector<std::pair<std::string, std::string>> assignments;
  std::vector<std::pair<std::string, std::string>> a_assignments;  // --a: A's settings on top
  double scale = 1.0;
  bool list = false;
};

Expected<FigureOptions> parse_figure_options(ArgReader& args) {
  FigureOptions o;
  while (!args.done()) {
    const std::string arg = args.next();
    if (arg == "--list") {
      o.list = true;
    } else if (arg == "--out") {
      if (auto error = read_value(args, arg, "FILE", o.out)) return Error{*error};
    } else if (arg == "--session") {
      if (auto error = read_value(args, arg, "FILE", o.session)) return Error{*error};
    } else if (arg == "--set") {
      if (auto error = read_assignment(args, arg, o.assignments)) return Error{*error};
    } else if (arg == "--a") {
      if (auto error = read_assignment(args, arg, o.a_assignments)) return Error{*error};
    } else if (arg == "--scale") {
      auto v = args.value(arg, "S");
      if (!v) return Error{v.error()};
      auto s = parse_number(arg, v.value(), 1.0, 4.0);
      if (!s) return Error{s.error()};
      o.scale = s.value();
    } else if (arg.starts_with("-")) {
      return Error{"figure: unknown option " + quote_for_message(arg) +
                   " (see attention-lab --help)"};
    } else if (o.name.empty()) {
      o.name = arg;
    } else {
      return Error{"figure: unexpected argument " + quote_for_message(arg) +
                   " (one figure NAME only)"};
    }
  }
  return o;
}

std::string known_figures() {
  std::string names;
  for (const fig::FigureInfo& info : fig::figure_registry())
    names += (names.empty() ? "" : ", ") + info.name;
  return names;
}

// Every figure with its help, then every settings key with default, range and help.
void print_list() {
  std::printf("Figures (attention-lab figure NAME --out FILE.png|.svg|.pdf|.csv):\n");
  std::size_t name_w = 0;
  for (const fig::FigureInfo& info : fig::figure_registry())
    name_w = std::max(name_w, info.name.size());
  for (const fig::FigureInfo& info : fig::figure_registry())
    if (!info.is_book())
      std::printf("  %-*s  %s\n", static_cast<int>(name_w), info.name.c_str(), info.help.c_str());
  std::printf(
      "\nThe book's figures (its data, layout and size in inches, the PNG at figure.dpi; "
      "--set applies on top):\n");
  std::size_t book_w = 0;
  for (const fig::FigureInfo& info : fig::figure_registry())
    book_w = std::max(book_w, info.book.size());
  for (const fig::FigureInfo& info : fig::figure_registry())
    if (info.is_book())
      std::printf("  %-*s  %-*s  %s\n", static_cast<int>(name_w), info.name.c_str(),
                  static_cast<int>(book_w), info.book.c_str(), info.help.c_str());

  std::printf("\nSettings (--set KEY=VALUE; also the keys of session files):\n");
  std::size_t key_w = 0;
  for (const SettingInfo& s : setting_registry()) key_w = std::max(key_w, s.key.size());
  for (const SettingTable& table : setting_tables()) {
    if (table.keys.empty()) continue;
    std::printf("\n %.*s:\n", static_cast<int>(table.title.size()), table.title.data());
    for (const SettingInfo& s : table.keys) {
      const std::string def = s.default_value.empty() ? "\"\"" : s.default_value;
      std::printf("  %-*s  %s\n  %-*s    default %s; %s\n", static_cast<int>(key_w), s.key.c_str(),
                  s.help.c_str(), static_cast<int>(key_w), "", def.c_str(), s.range.c_str());
    }
  }
}

Expected<Lab> initial_lab(const std::string& session_path) {
  if (session_path.empty()) return Lab();
  return session::load(session_path);
}

struct Built {
  fig::Figure figure;
  Settings settings;  // what it was made with
};

// The figure `info` from the session (if any), the figure's preset and `assignments`, for the
// selected query; its table only when `table`.
Expected<Built> build(const fig::FigureInfo& info, const std::string& session,
                      const std::vector<std::pair<std::string, std::string>>& assignments,
                      bool table) {
  if (info.needs_lab() || !session.empty()) {
    auto lab = initial_lab(session);
    if (!lab) return Error{lab.error()};
    Settings next = lab.value().settings();
    if (auto error = apply_settings(next, info.preset)) return Error{*error};
    if (auto error = apply_settings(next, assignments)) return Error{*error};
    if (auto error = lab.value().update(next)) return Error{*error};
    if (auto error = check_selected_query(lab.value())) return Error{*error};
    auto figure = fig::build_figure(info, lab.value(),
                                    fig::FigureContext{lab.value().settings().view_query, table});
    if (!figure) return Error{figure.error()};
    // The figure's heatmaps point into the lab, which ends here: a snapshot owns its numbers.
    return Built{fig::snapshot(figure.value()), lab.value().settings()};
  }
  // A figure of another lab reads only its settings: no kernel regression is built. A book
  // figure starts from the book's settings.
  Settings used;
  if (auto error = apply_settings(used, info.preset)) return Error{*error};
  if (auto error = apply_settings(used, assignments)) return Error{*error};
  auto figure = info.build.from_settings(used, fig::FigureContext{-1, table});
  if (!figure) return Error{figure.error()};
  return Built{std::move(figure).value(), used};
}

// The figure, or with --a the comparison of A (the --sets, then --a) with B (the --sets).
Expected<Built> build_or_compare(const fig::FigureInfo& info, const FigureOptions& o, bool table) {
  auto b = build(info, o.session, o.assignments, table);
  if (!b || o.a_assignments.empty()) return b;
  auto a_assignments = o.assignments;
  a_assignments.insert(a_assignments.end(), o.a_assignments.begin(), o.a_assignments.end());
  auto a = build(info, o.session, a_assignments, table);
  if (!a) return Error{"--a: " + a.error()};
  auto compared = fig::compare_figures(a.value().figure, b.value().figure, table);
  if (!compared) return Error{"--a: " + compared.error()};
  return Built{std::move(compared).value(), b.value().settings};
}

}  // namespace

int figure_command(ArgReader& args) {
  auto parsed = parse_figure_options(args);
  if (!parsed) return fail(parsed.error());
  const FigureOptions& o = parsed.value();
  if (o.list) {
    print_list();
    return 0;
  }
  if (o.name.empty()) return fail("figure: missing figure NAME (known: " + known_figures() + ")");
  const fig::FigureInfo* info = fig::find_figure(o.name);
  if (!info)
    return fail("unknown figure " + quote_for_message(o.name) + " (known: " + known_figures() +
                ")");
  if (o.out.empty()) return fail("figure: missing --out FILE (.png, .svg, .pdf or .csv)");
  if (auto error = fig::check_format(o.out)) return fail(*error);

  // Only a CSV needs the table behind the figure (it can have millions of rows).
  const bool csv = fig::format_from_path(o.out) == fig::Format::Csv;
  auto built = build_or_compare(*info, o, csv);
  if (!built) return fail(built.error());
  const fig::Figure& figure = built.value().figure;
  // A book figure is its size in inches: figure.dpi pixels each, in matplotlib's font size.
  const std::optional<std::string> error =
      info->is_book()
          ? fig::export_figure(figure, o.out,
                               fig::book_png_scale(built.value().settings.figure_dpi, o.scale),
                               fig::kBookFontSize)
          : fig::export_figure(figure, o.out, o.scale);
  if (error) return fail(*error);
  return 0;
}

}  // namespace al::cli
