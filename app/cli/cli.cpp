// attention-lab's entry point: --help and --version, the `figure` and `train` subcommands, and
// otherwise the desktop app (or a window screenshot) with the options parsed here and checked
// strictly.
#include "cli.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "app/gui/run.hpp"
#include "args.hpp"
#include "engine/allocator.hpp"
#include "engine/isa/isa.hpp"
#include "engine/lesson/lesson.hpp"
#include "engine/user_text.hpp"
#include "figure_command.hpp"
#include "messages.hpp"
#include "train_command.hpp"

namespace al::cli {
namespace {

// Keep in step with project(VERSION) in the top-level CMakeLists.txt.
constexpr const char* kVersion = "0.1";

constexpr const char* kUsage =
    "Attention Lab: attention mechanisms, from Nadaraya-Watson kernel regression as attention\n"
    "pooling to Transformers.\n"
    "\n"
    "usage:\n"
    "  attention-lab [--lab NAME] [--set KEY=VALUE]... [--session FILE] [--screenshot FILE.png]\n"
    "                [--size WxH] [--lesson FILE [--set lesson.step=N]]\n"
    "      open the app (--screenshot: render the window to FILE.png and exit;\n"
    "      --size: window size, default 1600x1000; --lesson: step through a lesson,\n"
    "      from its step N)\n"
    "  attention-lab figure NAME --out FILE [--set KEY=VALUE]... [--a KEY=VALUE]...\n"
    "                [--session FILE] [--scale S]\n"
    "      write a figure with no display; FILE ends in .png, .svg, .pdf or .csv (the numbers);\n"
    "      --scale 1 to 4 multiplies the PNG's pixels; --a: an A/B comparison, A with these\n"
    "      settings on top of the --sets, B with the --sets alone\n"
    "  attention-lab figure --list\n"
    "      every figure and every settings KEY with its default, range and help\n"
    "      (the Transformer figures read model.path, input.src, input.tgt, attention.kind)\n"
    "  attention-lab train TASK --out FILE.safetensors [--set KEY=VALUE]...\n"
    "      train a Transformer on a built-in TASK (copy, reverse, sort, phrases) with tf.*, or\n"
    "      TASK bahdanau: the GRU encoder-decoder with Bahdanau attention on the phrases;\n"
    "      progress on stderr, final loss and held-out accuracy on stdout\n"
    "  attention-lab --help | --version\n"
    "      --version also names the instruction set of the engine's kernels (avx512, avx2 or\n"
    "      baseline: the widest this CPU has, at most the environment variable AL_MAX_ISA)\n";

bool ends_with_png(std::string path) {
  std::transform(path.begin(), path.end(), path.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return path.size() > 4 && path.ends_with(".png");
}

Expected<gui::RunOptions> parse_app_options(ArgReader& args) {
  gui::RunOptions o;
  while (!args.done()) {
    const std::string arg = args.next();
    if (arg == "--set") {
      if (auto error = read_assignment(args, arg, o.assignments)) return Error{*error};
    } else if (arg == "--session") {
      if (auto error = read_value(args, arg, "FILE", o.session_path)) return Error{*error};
    } else if (arg == "--lesson") {
      if (auto error = read_value(args, arg, "FILE", o.lesson_path)) return Error{*error};
    } else if (arg == "--lab") {
      // The same as --set app.lab=NAME (checked as that key).
      std::string lab;
      if (auto error = read_value(args, arg, "NAME", lab)) return Error{*error};
      o.assignments.emplace_back("app.lab", lab);
    } else if (arg == "--screenshot") {
      auto v = args.value(arg, "FILE.png");
      if (!v) return Error{v.error()};
      if (!ends_with_png(v.value()))
        return Error{"--screenshot: " + quote_for_message(v.value()) + " is not a .png file"};
      o.screenshot_path = v.value();
    } else if (arg == "--size") {
      auto v = args.value(arg, "WxH");
      if (!v) return Error{v.error()};
      auto size = parse_size(arg, v.value(), 320, 8192);
      if (!size) return Error{size.error()};
      o.width = size.value().first;
      o.height = size.value().second;
    } else {
      return Error{"unknown " + std::string(arg.starts_with("-") ? "option" : "command") + " " +
                   quote_for_message(arg) + " (see attention-lab --help)"};
    }
  }
  // lesson.step belongs to the lesson shown, not to the lab's settings: it is taken out here.
  for (auto it = o.assignments.begin(); it != o.assignments.end();) {
    if (it->first != "lesson.step") {
      ++it;
      continue;
    }
    long long step = 0;
    if (auto e = check_integer(it->second, 1, static_cast<long long>(lesson::kMaxSteps), step))
      return Error{"lesson.step: " + *e};
    if (o.lesson_path.empty()) return Error{"lesson.step: no --lesson FILE to step in"};
    o.lesson_step = static_cast<int>(step);
    it = o.assignments.erase(it);
  }
  // A screenshot or a session starts from exactly what the command line says.
  o.restore_last_state = o.screenshot_path.empty() && o.session_path.empty();
  return o;
}

int run(const std::vector<std::string>& args) {
  // Refused before anything runs, as a bad option would be (the engine alone would only warn).
  if (const auto bad_isa = check_isa_environment()) return fail(*bad_isa);
  if (std::find(args.begin(), args.end(), "--help") != args.end() ||
      (!args.empty() && args[0] == "-h")) {
    std::fputs(kUsage, stdout);
    return 0;
  }
  if (!args.empty() && args[0] == "--version") {
    // Which kernels this CPU runs (engine/isa/isa.hpp): the widest it has, or AL_MAX_ISA's cap.
    std::printf("attention-lab %s (%s kernels)\n", kVersion, isa_name(active_isa()));
    return 0;
  }
  const std::string command = args.empty() ? "" : args[0];
  const bool subcommand = command == "figure" || command == "train";
  ArgReader reader(std::vector<std::string>(args.begin() + (subcommand ? 1 : 0), args.end()));
  if (command == "figure") return figure_command(reader);
  if (command == "train") return train_command(reader);
  auto options = parse_app_options(reader);
  if (!options) return fail(options.error());
  return gui::run(options.value());
}

}  // namespace

int main(int argc, char** argv) {
  keep_freed_memory();
  // Every listing (--help, figure --list) fits this buffer, so a write that fails does so at the
  // flush below, where its errno is read, and not at some earlier point that errno has forgotten.
  static char out_buffer[1 << 16];
  std::setvbuf(stdout, out_buffer, _IOFBF, sizeof out_buffer);
  const int code = run(std::vector<std::string>(argv + std::min(argc, 1), argv + argc));
  // Output that did not reach stdout (a full disk, /dev/full) is lost output: an error, not a
  // success. A command that failed has said so already.
  errno = 0;
  if (code != 0 || (std::fflush(stdout) == 0 && !std::ferror(stdout))) return code;
  return fail(std::string("cannot write to standard output: ") +
              (errno != 0 ? std::strerror(errno) : "write error"));
}

}  // namespace al::cli
