// The Transformer lab's work outside the GL driver (`make bench`): what an input edit costs on
// the shipped phrase model (the run, the shown run and every view's figure laid out and drawn to
// a recording canvas), and an encoder trace of 1 000 tokens.
#include <benchmark/benchmark.h>

#include <string>

#include "app/figure/layout.hpp"
#include "app/figure/recording_canvas.hpp"
#include "app/figure/transformer_figures.hpp"
#include "engine/transformer/model_file.hpp"
#include "engine/transformer/run.hpp"
#include "tests/transformer/tiny_model.hpp"

namespace al::fig {
namespace {

// An input edit: the run again, then the grid, the logits, the query's steps and the next
// token, each built and drawn at the size of a window's figure area.
void BM_TransformerViewsAfterInputEdit(benchmark::State& state) {
  auto model = tf::load_model(AL_ASSETS_DIR "/models/phrases.safetensors");
  if (!model) return state.SkipWithError(model.error().c_str());
  const char* inputs[] = {"i'm home .", "he's calm ."};
  Settings s;
  int i = 0;
  for (auto _ : state) {
    s.input_src = inputs[i++ % 2];
    auto run = tf::run_transformer(model.value(), s.input_src, "", s.decode_max_steps);
    auto shown = make_shown_run(std::move(run).value(), 0);
    const TransformerScene scene{model.value(), shown.value(), s, {}, {}};
    const SceneFigure views[] = {transformer_attention_figure, transformer_logits_figure,
                                 transformer_query_steps_figure, transformer_next_token_figure};
    for (SceneFigure build : views) {
      auto f = build(scene, FigureContext{-1, false});
      RecordingCanvas canvas;
      benchmark::DoNotOptimize(draw_figure(f.value(), canvas, Rect{0, 0, 1200, 500}, Style{}));
    }
  }
}
BENCHMARK(BM_TransformerViewsAfterInputEdit)->Unit(benchmark::kMillisecond);

// An encoder-only model (d = 32, 4 heads, 2 layers) reading 1 000 tokens: the forward pass with
// every attention matrix kept, as the lab shows them.
void BM_EncoderTrace1000Tokens(benchmark::State& state) {
  tf::ModelConfig c = tf::test::tiny_config(tf::Arch::Encoder, 64, 1024,
                                            tf::Vocab({"<pad>", "<unk>", "a", "b", "c"}),
                                            tf::Vocab({"<pad>", "<unk>", "a", "b", "c"}));
  c.d_model = 32;
  c.num_heads = 4;
  tf::Transformer<float> model;
  model.init(c, 1);
  std::string words;
  for (int i = 0; i < 1000; ++i) words += i % 3 == 0 ? "a " : i % 3 == 1 ? "b " : "c ";
  for (auto _ : state) {
    auto run = tf::run_transformer(model, words, "", 1);
    benchmark::DoNotOptimize(run.value().trace.maps.size());
  }
}
BENCHMARK(BM_EncoderTrace1000Tokens)->UseRealTime()->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace al::fig
