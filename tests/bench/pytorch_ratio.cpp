#include "pytorch_ratio.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "engine/isa/isa.hpp"

namespace al::bench {

// The run's header names the instruction set of the engine's kernels beside the CPU's caches, so
// a ratio is never read without knowing which code gave it (AL_MAX_ISA can lower it).
const bool kKernelsInHeader = [] {
  benchmark::AddCustomContext("kernels", isa_name(active_isa()));
  return true;
}();

PytorchTime run_pytorch_script(const std::string& script, const std::string& args) {
  const std::string python = AL_PYTHON3;
  if (python.empty()) return {std::nullopt, "no python3"};
  const std::string command = python + " " AL_BENCH_DIR "/" + script + " " + args + " 2>&1";
  std::string output;
  if (FILE* pipe = popen(command.c_str(), "r")) {
    char buffer[512];
    while (fgets(buffer, sizeof buffer, pipe)) output += buffer;
    pclose(pipe);
  }
  double seconds = 0;
  const auto at = output.rfind("pytorch_seconds ");
  if (at != std::string::npos && std::sscanf(output.c_str() + at, "pytorch_seconds %lf", &seconds))
    return {seconds, ""};
  while (!output.empty() && output.back() == '\n') output.pop_back();
  return {std::nullopt, output.substr(output.rfind('\n') + 1)};
}

const PytorchTime& pytorch_case(const std::string& case_and_args) {
  static std::map<std::string, PytorchTime> measured;
  auto it = measured.find(case_and_args);
  if (it == measured.end())
    it = measured.emplace(case_and_args, run_pytorch_script("pytorch_cases.py", case_and_args))
             .first;
  return it->second;
}

bool first_time(const std::string& case_and_args) {
  static std::set<std::string> seen;
  return seen.insert(case_and_args).second;
}

void report_ratio(benchmark::State& state, double ours_seconds, const PytorchTime& torch) {
  if (torch.seconds) {
    state.counters["pytorch_s"] = *torch.seconds;
    state.counters["ratio"] = ours_seconds / *torch.seconds;
  } else {
    state.SetLabel("PyTorch ratio skipped: " + torch.why_not);
  }
}

void IterationTimes::stop(benchmark::State& state) {
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin_).count();
  state.SetIterationTime(s);
  seconds_.push_back(s);
}

double IterationTimes::median() const {
  if (seconds_.empty()) return 0;
  std::vector<double> sorted = seconds_;
  std::nth_element(sorted.begin(), sorted.begin() + sorted.size() / 2, sorted.end());
  return sorted[sorted.size() / 2];
}

}  // namespace al::bench
