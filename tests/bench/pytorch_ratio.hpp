// PyTorch's time for a benchmark's case, measured in the same run, and the benchmark's ratio to
// it: an absolute time says little on a shared machine of unknown CPU, a ratio to a well-known
// implementation timed moments later on the same cores does. The Python side runs through the
// interpreter the build found (/usr/bin/python3 first), where `import torch` works.
#pragma once

#include <benchmark/benchmark.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace al::bench {

// What a script printed last ("pytorch_seconds S"), or why there is no time.
struct PytorchTime {
  std::optional<double> seconds;
  std::string why_not;
};

// Runs `python3 AL_BENCH_DIR/SCRIPT ARGS` and reads its `pytorch_seconds S` line.
PytorchTime run_pytorch_script(const std::string& script, const std::string& args);

// pytorch_cases.py CASE_AND_ARGS (e.g. "mha 1024 256 8"): the median time of one run. Measured
// once per process and case (Google Benchmark calls a benchmark function several times).
const PytorchTime& pytorch_case(const std::string& case_and_args);

// True the first time it is asked about this case in this process.
bool first_time(const std::string& case_and_args);

// Counters pytorch_s and ratio (ours / PyTorch's), or a label saying why the ratio was skipped.
void report_ratio(benchmark::State& state, double ours_seconds, const PytorchTime& torch);

// The wall time of each iteration of a benchmark loop (set as its time: use UseManualTime), kept
// to give their median, which a busy neighbour on a shared machine disturbs less than the mean.
class IterationTimes {
 public:
  void start() { begin_ = std::chrono::steady_clock::now(); }
  void stop(benchmark::State& state);
  double median() const;

 private:
  std::chrono::steady_clock::time_point begin_;
  std::vector<double> seconds_;
};

// How long each side runs its case before it is timed (pytorch_cases.py warms up as long). On a
// virtual machine that hands free memory back to its host (Linux's free page reporting, as on the
// reference machine) memory is slow to touch again: the first second or so after PyTorch's
// process exits, or after any pause, ran fresh 100 MB matrices up to twice as slowly.
inline constexpr std::chrono::seconds kWarmUp{3};

// The loop of a benchmark compared with PyTorch's case: measures PyTorch's case first, runs
// body() for kWarmUp the first time it is called for this case, times every run of body(), then
// reports the median's ratio to PyTorch's time and returns the median in seconds.
template <class Body>
double run_against_pytorch(benchmark::State& state, const std::string& case_and_args, Body&& body) {
  const PytorchTime& torch = pytorch_case(case_and_args);
  if (first_time(case_and_args)) {
    const auto until = std::chrono::steady_clock::now() + kWarmUp;
    while (std::chrono::steady_clock::now() < until) body();
  }
  IterationTimes times;
  for (auto _ : state) {
    times.start();
    body();
    times.stop(state);
  }
  report_ratio(state, times.median(), torch);
  return times.median();
}

}  // namespace al::bench
