// Transformer engine benchmarks (`make bench`): float32, one sequence, attention weights
// materialised, as the performance targets; and training steps of the reverse-task and
// phrase models. Large products and the attention heads run on both cores (row_blocks.hpp), so
// the benchmarks are timed by the wall clock; "CPU" counts the calling thread only. Each is
// compared with PyTorch's module of the same shape in the same run (pytorch_ratio.hpp: pytorch_s
// and ratio = ours / PyTorch's), and the forward passes' rate with Eigen's own float product
// (gflops, and of_eigen = that rate over Eigen's).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include "engine/rng.hpp"
#include "engine/transformer/encoder_layer.hpp"
#include "engine/transformer/matmul.hpp"
#include "engine/transformer/multi_head_attention.hpp"
#include "engine/transformer/training.hpp"
#include "pytorch_ratio.hpp"
#include "tests/transformer/tiny_model.hpp"

namespace al::tf {
namespace {

Mat<float> random_rows(int rows, int cols, Rng& rng) {
  Mat<float> m(rows, cols);
  for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = static_cast<float>(rng.normal());
  return m;
}

// Eigen's float matrix product C = A B of a 1024 x 256 by a 256 x 1024 matrix (the encoder
// layer's FFN shape), in GFLOP/s: the median of 21 products, measured once per process. Eigen as
// the engine's products run it: compiled for this CPU's kernels (engine/isa/), on one core.
double eigen_product_gflops() {
  static const double rate = [] {
    Rng rng(3);
    const Mat<float> a = random_rows(1024, 256, rng), b = random_rows(256, 1024, rng);
    Mat<float> c(1024, 1024);
    std::vector<double> seconds;
    for (int i = 0; i < 21; ++i) {
      const auto start = std::chrono::steady_clock::now();
      matmul(c, a, Op::plain, b, Op::plain);
      benchmark::DoNotOptimize(c.data());
      seconds.push_back(
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    std::nth_element(seconds.begin(), seconds.begin() + 10, seconds.end());
    return 2.0 * 1024 * 256 * 1024 / seconds[10] / 1e9;
  }();
  return rate;
}

void report_rate(benchmark::State& state, double flops, double seconds) {
  const double gflops = flops / seconds / 1e9;
  state.counters["gflops"] = gflops;
  state.counters["of_eigen"] = gflops / eigen_product_gflops();
}

// Self-attention forward over L tokens of width d with h heads, weights kept per head.
void BM_MultiHeadAttentionForward(benchmark::State& state) {
  const int L = static_cast<int>(state.range(0)), d = static_cast<int>(state.range(1)),
            h = static_cast<int>(state.range(2));
  Rng rng(1);
  MultiHeadAttention<float> attention;
  attention.init(d, h, false, rng);
  const Mat<float> X = random_rows(L, d, rng);
  MultiHeadAttention<float>::Cache cache;
  const std::string pytorch =
      "mha " + std::to_string(L) + " " + std::to_string(d) + " " + std::to_string(h);
  const double seconds = bench::run_against_pytorch(
      state, pytorch, [&] { benchmark::DoNotOptimize(attention.forward(X, X, 1, {}, cache)); });
  // Four projections (2 L d^2 each), the scores and the weighted values (2 L^2 d each).
  report_rate(state, 8.0 * L * d * d + 4.0 * L * L * d, seconds);
}
BENCHMARK(BM_MultiHeadAttentionForward)
    ->Args({256, 128, 4})
    ->Args({1024, 256, 8})
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond);

// One post-norm encoder layer forward: L = 1024, d = 256, 8 heads, ffn 1024.
void BM_EncoderLayerForward(benchmark::State& state) {
  constexpr int L = 1024, d = 256, ffn = 1024;
  Rng rng(2);
  EncoderLayer<float> layer;
  layer.init(test::layer_config(d, 8, ffn), rng);
  const Mat<float> X = random_rows(L, d, rng);
  EncoderLayer<float>::Cache cache;
  const double seconds = bench::run_against_pytorch(state, "encoder 1024 256 8 1024", [&] {
    benchmark::DoNotOptimize(layer.forward(X, 1, {}, cache));
  });
  // The attention (as above) and the FFN's two products (2 L d ffn each).
  report_rate(state, 8.0 * L * d * d + 4.0 * L * L * d + 4.0 * L * d * ffn, seconds);
}
BENCHMARK(BM_EncoderLayerForward)->UseManualTime()->Unit(benchmark::kMillisecond);

// Training steps of the reverse-task model at batch 64 (items/s = steps per second).
// PyTorch's: an nn.Transformer of the same shape on sequences of the same length (8 digits and
// <eos>), with embeddings, output layer, Adam and clipping; the target is ratio <= 0.1.
void BM_ReverseTaskTrainingStep(benchmark::State& state) {
  const TrainConfig config = reverse_task_config();
  TrainingRun run(config);
  const ModelConfig& m = config.model;
  const std::string pytorch = "reverse_step " + std::to_string(config.batch) + " " +
                              std::to_string(config.task.max_len + 1) + " " +
                              std::to_string(m.d_model) + " " + std::to_string(m.num_heads) + " " +
                              std::to_string(m.ffn_hidden);
  bench::run_against_pytorch(state, pytorch, [&] { benchmark::DoNotOptimize(run.step()); });
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ReverseTaskTrainingStep)->UseManualTime()->Unit(benchmark::kMillisecond);

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
