// Timings of the kernel-regression engine: the Nadaraya–Watson estimate (predictions and the
// whole queries x keys matrix) and one full-batch epoch of the parametric model.
// At 5000 x 5000 the estimate is compared with PyTorch's in the same run (pytorch_ratio.hpp);
// the target is a ratio of at most 0.10.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "engine/kernel_regression/nadaraya_watson.hpp"
#include "engine/kernel_regression/parametric.hpp"
#include "engine/rng.hpp"
#include "pytorch_ratio.hpp"

namespace {

// n sorted keys ~ U[0, 5) with the book's y = 2 sin x + x^0.8 + noise, and n evenly spaced queries.
struct Problem {
  std::vector<double> keys, values, queries;
};
Problem make_problem(int n) {
  Problem p;
  al::Rng rng(1);
  for (int i = 0; i < n; ++i) p.keys.push_back(rng.uniform(0.0, 5.0));
  std::sort(p.keys.begin(), p.keys.end());
  for (double k : p.keys)
    p.values.push_back(2 * std::sin(k) + std::pow(k, 0.8) + 0.5 * rng.normal());
  for (int q = 0; q < n; ++q) p.queries.push_back(5.0 * q / n);
  return p;
}

// Fresh matrices every time, as PyTorch's softmax(-((xq[:,None] - xk[None,:]) w)^2 / 2) @ y
// (pytorch_cases.py nw) makes them.
void BM_NadarayaWatsonGaussian(benchmark::State& state) {
  const Problem p = make_problem(static_cast<int>(state.range(0)));
  al::bench::run_against_pytorch(state, "nw " + std::to_string(state.range(0)), [&] {
    al::Estimate e = al::nadaraya_watson(p.queries, p.keys, p.values, al::Kernel::Gaussian, 1.0);
    benchmark::DoNotOptimize(e.prediction.data());
    benchmark::DoNotOptimize(e.weights.data());
  });
  state.SetItemsProcessed(state.iterations() * state.range(0) * state.range(0));
}
BENCHMARK(BM_NadarayaWatsonGaussian)->Arg(5000)->UseManualTime()->Unit(benchmark::kMillisecond);

// The same into one Estimate kept across calls, as the lab does: no fresh memory to touch.
void BM_NadarayaWatsonGaussianReused(benchmark::State& state) {
  const Problem p = make_problem(static_cast<int>(state.range(0)));
  al::Estimate e;
  for (auto _ : state) {
    al::nadaraya_watson(p.queries, p.keys, p.values, al::Kernel::Gaussian, 1.0, e);
    benchmark::DoNotOptimize(e.prediction.data());
    benchmark::DoNotOptimize(e.weights.data());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0) * state.range(0));
}
BENCHMARK(BM_NadarayaWatsonGaussianReused)
    ->Arg(50)
    ->Arg(1000)
    ->Arg(5000)
    ->Unit(benchmark::kMicrosecond);

void BM_ParametricEpochFullBatch(benchmark::State& state) {
  const Problem p = make_problem(static_cast<int>(state.range(0)));
  al::ParametricTrainer trainer;
  // A tiny learning rate keeps w (and so the work per epoch) the same in every iteration.
  trainer.reset(p.keys, p.values, 1.0, 1e-12, 0, 1);
  for (auto _ : state) benchmark::DoNotOptimize(trainer.step_epoch());
  state.SetItemsProcessed(state.iterations() * state.range(0) * state.range(0));
}
BENCHMARK(BM_ParametricEpochFullBatch)->Arg(50)->Arg(2000)->Unit(benchmark::kMicrosecond);

}  // namespace
