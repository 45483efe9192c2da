// The benchmarks' main: Google Benchmark's, after the allocator setting the app's main makes
// (engine/allocator.hpp), so that the engine is timed as the app runs it.
#include <benchmark/benchmark.h>

#include "engine/allocator.hpp"

int main(int argc, char** argv) {
  al::keep_freed_memory();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
