// Transformer engine benchmarks (`make bench`): float32, one sequence, attention weights
// materialised, as the performance targets; and training steps of the reverse-task and
// phrase models. Large products and the attention heads run on both cores (row_blocks.hpp), so
// the benchmarks are timed by the wall clock (UseRealTime); "CPU" counts the calling thread only.
#include <benchmark/benchmark.h>

#include "engine/rng.hpp"
#include "engine/transformer/encoder_layer.hpp"
#include "engine/transformer/multi_head_attention.hpp"
#include "engine/transformer/training.hpp"
#include "tests/transformer/tiny_model.hpp"

namespace al::tf {
namespace {

Mat<float> random_rows(int rows, int cols, Rng& rng) {
  Mat<float> m(rows, cols);
  for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = static_cast<float>(rng.normal());
  return m;
}

// Self-attention forward over L tokens of width d with h heads.
void BM_MultiHeadAttentionForward(benchmark::State& state) {
  const int L = static_cast<int>(state.range(0)), d = static_cast<int>(state.range(1)),
            h = static_cast<int>(state.range(2));
  Rng rng(1);
  MultiHeadAttention<float> attention;
  attention.init(d, h, false, rng);
  const Mat<float> X = random_rows(L, d, rng);
  MultiHeadAttention<float>::Cache cache;
  for (auto _ : state) benchmark::DoNotOptimize(attention.forward(X, X, 1, {}, cache));
}
BENCHMARK(BM_MultiHeadAttentionForward)
    ->Args({256, 128, 4})
    ->Args({1024, 256, 8})
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

// One post-norm encoder layer forward: L = 1024, d = 256, 8 heads, ffn 1024.
void BM_EncoderLayerForward(benchmark::State& state) {
  Rng rng(2);
  EncoderLayer<float> layer;
  layer.init(test::layer_config(256, 8, 1024), rng);
  const Mat<float> X = random_rows(1024, 256, rng);
  EncoderLayer<float>::Cache cache;
  for (auto _ : state) benchmark::DoNotOptimize(layer.forward(X, 1, {}, cache));
}
BENCHMARK(BM_EncoderLayerForward)->UseRealTime()->Unit(benchmark::kMillisecond);

// Training steps of the reverse-task model at batch 64 (items/s = steps per second).
void BM_ReverseTaskTrainingStep(benchmark::State& state) {
  TrainingRun run(reverse_task_config());
  for (auto _ : state) benchmark::DoNotOptimize(run.step());
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ReverseTaskTrainingStep)->UseRealTime()->Unit(benchmark::kMillisecond);

// Training steps of the old edition's translation model on the phrase set (batch 64).
void BM_PhrasesTaskTrainingStep(benchmark::State& state) {
  TrainingRun run(phrases_task_config());
  for (auto _ : state) benchmark::DoNotOptimize(run.step());
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_PhrasesTaskTrainingStep)->UseRealTime()->Unit(benchmark::kMillisecond);

// Time to train the reverse task to ≥ 99 % held-out token accuracy (greedy decoding of 200 new
// sequences, checked every 100 steps); reported as the iteration time, steps as a counter.
void BM_ReverseTaskTo99Percent(benchmark::State& state) {
  for (auto _ : state) {
    TrainingRun run(reverse_task_config());
    double accuracy = 0;
    while (run.steps() < 5000 && accuracy < 0.99) {
      for (int i = 0; i < 100; ++i) run.step();
      accuracy = run.evaluate(200).token_accuracy;
    }
    state.counters["steps"] = run.steps();
    state.counters["accuracy"] = accuracy;
  }
}
BENCHMARK(BM_ReverseTaskTo99Percent)->Iterations(1)->Unit(benchmark::kSecond);

}  // namespace
}  // namespace al::tf
