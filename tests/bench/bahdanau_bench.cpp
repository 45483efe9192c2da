// Bahdanau benchmarks (`make bench`): the target, training the shipped configuration
// (the bahdanau.* keys' defaults) on the phrase set until it translates the book's four test
// sentences, at most 60 s on 2 cores, trained and evaluated by the window's epochs
// (engine/bahdanau/epoch.hpp). In the same run, where /usr/bin/python3 imports torch,
// bahdanau_pytorch.py trains the book's PyTorch modules with the same shapes, batches, optimizer,
// steps and evaluations, and the benchmark reports its time and ours / PyTorch's.
#include <benchmark/benchmark.h>

#include <unistd.h>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

#include "engine/bahdanau/epoch.hpp"
#include "engine/bahdanau/train_config.hpp"
#include "engine/transformer/phrases.hpp"
#include "pytorch_ratio.hpp"

namespace al::bahdanau {
namespace {

// Far beyond the epochs the shipped configuration needs, so that a regression stops instead of
// training forever.
constexpr int kMaxEpochs = 1000;

// One training step of the shipped configuration (items/s = steps per second).
void BM_BahdanauTrainingStep(benchmark::State& state) {
  TrainingRun run(train_config(BahdanauSettings{}));
  for (auto _ : state) benchmark::DoNotOptimize(run.step());
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_BahdanauTrainingStep)->UseRealTime()->Unit(benchmark::kMillisecond);

void append_ids(std::string& json, const std::vector<int>& ids) {
  json += '[';
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (i > 0) json += ',';
    json += std::to_string(ids[i]);
  }
  json += ']';
}

// The run as bahdanau_pytorch.py reads it: the model's shapes, the training and the phrase set as
// token ids (sources with <eos>, as the engine encodes them; the script adds <bos> and <eos> to
// the targets).
std::string pytorch_job(const TrainConfig& c, int epochs) {
  const tf::PhraseSet& set = tf::builtin_phrases();
  const auto source = [&](const std::vector<std::string>& words) {
    std::vector<int> ids = set.src_vocab.encode(words);
    ids.push_back(set.src_vocab.eos());
    return ids;
  };
  std::string json = "{\"src_vocab\":" + std::to_string(set.src_vocab.size());
  json += ",\"tgt_vocab\":" + std::to_string(set.tgt_vocab.size());
  json += ",\"pad\":" + std::to_string(set.tgt_vocab.pad());
  json += ",\"bos\":" + std::to_string(set.tgt_vocab.bos());
  json += ",\"eos\":" + std::to_string(set.tgt_vocab.eos());
  json += ",\"hiddens\":" + std::to_string(c.model.num_hiddens);
  json += ",\"layers\":" + std::to_string(c.model.num_layers);
  json += ",\"batch\":" + std::to_string(c.batch);
  json += ",\"lr\":" + std::to_string(c.adam.lr);
  json += ",\"clip\":" + std::to_string(c.adam.clip);
  json += ",\"seed\":" + std::to_string(c.seed);
  json += ",\"epochs\":" + std::to_string(epochs);
  json += ",\"steps_per_epoch\":" + std::to_string(steps_per_epoch(c));
  json += ",\"pairs\":[";
  for (std::size_t i = 0; i < set.pairs.size(); ++i) {
    json += i > 0 ? ",[" : "[";
    append_ids(json, source(set.pairs[i].src));
    json += ',';
    append_ids(json, set.tgt_vocab.encode(set.pairs[i].tgt));
    json += ']';
  }
  json += "],\"test\":[";
  for (std::size_t i = 0; i < tf::kBookTestSentences.size(); ++i) {
    if (i > 0) json += ',';
    append_ids(json, source(tf::tokenize(tf::kBookTestSentences[i].first)));
  }
  json += "]}";
  return json;
}

bench::PytorchTime time_pytorch(const TrainConfig& c, int epochs) {
  const auto job = std::filesystem::temp_directory_path() /
                   ("attention-lab-bahdanau-bench-" + std::to_string(getpid()) + ".json");
  std::ofstream(job) << pytorch_job(c, epochs);
  bench::PytorchTime torch = bench::run_pytorch_script("bahdanau_pytorch.py", job.string());
  std::filesystem::remove(job);
  return torch;
}

// Wall time from a new run until the four test sentences come out exactly (evaluated after every
// epoch, as the window does), then PyTorch's for the same epochs. The time is ours only
// (UseManualTime); the counters: epochs, steps, and pytorch_s and ratio (ours / PyTorch's) where
// torch imports, else the label says why they are missing.
void BM_BahdanauUntilTestSentences(benchmark::State& state) {
  const TrainConfig config = train_config(BahdanauSettings{});
  int epochs = 0, exact = 0;
  double ours = 0;
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    TrainingRun run(config);
    for (epochs = 1, exact = 0; epochs <= kMaxEpochs; ++epochs) {
      const Epoch e = train_epoch(run, epochs);
      if (e.diverged) state.SkipWithError("the loss diverged");
      exact = e.point.exact;
      if (e.diverged || exact == 4) break;
    }
    ours = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    state.SetIterationTime(ours);
  }
  state.counters["epochs"] = epochs;
  state.counters["steps"] = epochs * steps_per_epoch(config);
  state.counters["exact"] = exact;
  bench::report_ratio(state, ours, time_pytorch(config, epochs));
}
BENCHMARK(BM_BahdanauUntilTestSentences)->Iterations(1)->UseManualTime()->Unit(benchmark::kSecond);

}  // namespace
}  // namespace al::bahdanau
