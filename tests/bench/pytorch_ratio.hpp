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

// The loop of a benchmark compared with PyTorch's case: times every run of body(), then reports
// the median's ratio to pytorch_case(case_and_args) and returns the median in seconds.
template <class Body>
double run_against_pytorch(benchmark::State& state, const std::string& case_and_args, Body&& body) {
  IterationTimes times;
  for (auto _ : state) {
    times.start();
    body();
    times.stop(state);
  }
  report_ratio(state, times.median(), pytorch_case(case_and_args));
  return times.median();
}

}  // namespace al::bench
