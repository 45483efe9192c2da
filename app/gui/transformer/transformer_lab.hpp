// The Transformer lab: a model (the shipped phrase model, the reverse model or any .safetensors
// file), a sentence typed in, and every attention matrix of its forward pass as a grid of
// heatmaps with the tokens on both axes, beside the decoder's next-token logits.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "app/gui/lab_ui.hpp"
#include "engine/transformer/model.hpp"
#include "engine/transformer/run.hpp"

namespace al::gui {

class TransformerLab : public LabUi {
 public:
  AppLab kind() const override { return AppLab::Transformer; }
  void controls(AppState& s) override;
  void figures(AppState& s, const fig::Rect& area) override;
  std::vector<FigureView*> views(AppState& s) override;
  std::string status(const AppState& s) const override;

 private:
  // The model of model.path, loaded once per path (for its card and the input's tokens).
  const tf::Transformer<float>* model(AppState& s);
  void model_section(AppState& s);
  void input_section(AppState& s);

  FigureView attention_{"transformer-attention"};
  FigureView logits_{"transformer-logits"};
  FigureView steps_{"transformer-query-steps"};
  std::string loaded_path_;
  std::optional<tf::Transformer<float>> model_;
  std::string model_error_;
  // The run of the input the controls show (tokens, greedy decoding), made again only when the
  // lab's revision changes: not on every frame of a hover.
  std::uint64_t run_revision_ = 0;
  std::optional<tf::TransformerRun> run_;
  std::string run_error_;
};

}  // namespace al::gui
