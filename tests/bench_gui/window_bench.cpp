// The window's CPU time per frame (`make bench`, under Xvfb): the frame's build and draw calls,
// timed by the app itself (AppState::frame_ms, buffer swap and GL driver excluded), while the
// kernel width w changes every frame at 2 000 training points, as a drag of its slider does, and
// in an idle window whose frames change nothing.
#include <benchmark/benchmark.h>

#include <memory>

#include "app/gui/actions.hpp"
#include "app/gui/app.hpp"

namespace al::gui {
namespace {

std::unique_ptr<App> window_with(const std::vector<std::pair<std::string, std::string>>& keys) {
  Settings s;
  if (apply_settings(s, keys)) return nullptr;
  auto lab = Lab::create(s);
  if (!lab) return nullptr;
  AppOptions options;
  options.vsync = false;
  auto app = App::create(std::move(lab).value(), options);
  return app ? std::move(app).value() : nullptr;
}

void BM_FrameWhileDraggingW(benchmark::State& state) {
  auto app = window_with({{"data.n_train", std::to_string(state.range(0))}});
  if (!app) return state.SkipWithError("no window (run under xvfb-run)");
  const FrameInput still;
  for (int i = 0; i < 5; ++i) app->frame(still);
  int i = 0;
  for (auto _ : state) {
    set_setting(app->state(), "kernel.w", i++ % 2 ? "3.5" : "4");
    app->frame(still);
    state.SetIterationTime(app->state().frame_ms / 1000.0);
  }
}
BENCHMARK(BM_FrameWhileDraggingW)->Arg(2000)->UseManualTime()->Unit(benchmark::kMillisecond);

void BM_IdleFrame(benchmark::State& state) {
  const char* lab = state.range(0) == 0 ? "kernel-regression" : "transformer";
  auto app = window_with({{"data.n_train", "2000"}, {"app.lab", lab}});
  if (!app) return state.SkipWithError("no window (run under xvfb-run)");
  const FrameInput still;
  for (int i = 0; i < 5; ++i) app->frame(still);
  for (auto _ : state) {
    app->frame(still);
    state.SetIterationTime(app->state().frame_ms / 1000.0);
  }
  state.SetLabel(lab);
}
BENCHMARK(BM_IdleFrame)->Arg(0)->Arg(1)->UseManualTime()->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace al::gui
