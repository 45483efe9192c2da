// The Transformer lab: a model (the shipped phrase model, the reverse model or any .safetensors
// file), a sentence typed in, and every attention matrix of its forward pass as a grid of
// heatmaps with the tokens on both axes; one query followed from q·k to its weight; the next
// token's probabilities; greedy decoding stepped token by token.
//
// The lab runs the model once per input (model, input.src, input.tgt, decode.max_steps), cuts
// that run to the step shown (decode.step) once per step, and every view draws from that one
// shown run: hovering, selecting and stepping never run the model again.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "app/figure/transformer_figures.hpp"
#include "app/gui/figure_view.hpp"
#include "app/gui/lab_ui.hpp"
#include "app/gui/transformer/training_panel.hpp"
#include "app/gui/view_revision.hpp"
#include "engine/transformer/model.hpp"
#include "engine/transformer/run.hpp"

namespace al::gui {

class TransformerLab : public LabUi {
 public:
  TransformerLab();
  AppLab kind() const override { return AppLab::Transformer; }
  void controls(AppState& s) override;
  void figures(AppState& s, const fig::Rect& area) override;
  void shortcuts(AppState& s) override;
  std::vector<FigureView*> views(AppState& s) override;
  void advance(AppState& s, double dt) override;
  std::string status(const AppState& s) const override;

 private:
  // The model the lab shows: the one of model.path, loaded once per path, or the one training
  // in the window (model.source), as of its last snapshot.
  const tf::Transformer<float>* model(AppState& s);
  // The sentence the model reads: input.src, or the training task's probe.
  std::string source(const AppState& s) const;
  // Brings the run and the shown run up to date with the settings; the shown run, or null (with
  // the reason in error_).
  const fig::ShownRun* update_run(AppState& s);
  // The scene the views draw, or the error that stops them.
  Expected<fig::Figure> draw(fig::SceneFigure build, const AppState& s,
                             const fig::FigureContext& ctx) const;
  // The query the views follow: the hovered cell's, else the selected one (attention.*).
  fig::QueryChoice query(const AppState& s) const;
  // Steps the shown decoding by `delta` tokens (decode.step; 0 shows all of them).
  void step(AppState& s, int delta);
  // What the mouse does on the grid and the bars this frame: hover, click to select.
  void read_mouse(AppState& s, const FigureInput& grid, const FigureInput& steps,
                  const FigureInput& bottom);
  // The grid's map and cell under `pixel` of panel `panel`, if any.
  std::optional<std::pair<const tf::AttentionMap*, Cell>> grid_cell(const AppState& s, int panel,
                                                                    fig::Vec2 pixel) const;

  void model_section(AppState& s);
  void input_section(AppState& s);
  void decoding_section(AppState& s);
  void attention_section(AppState& s);
  void head_toggles(AppState& s);

  // What the views are built from: the lab's settings (their revision) and its own state.
  struct ViewKey {
    std::uint64_t lab = 0, shown = 0;
    std::optional<fig::QueryChoice> hovered;
    fig::TokenFocus focus;
    bool operator==(const ViewKey&) const = default;
  };
  ViewRevision<ViewKey> revision_;  // declared before the views, which read it
  FigureView attention_, logits_, steps_, next_;

  TrainingPanel training_;
  std::string loaded_path_;
  std::shared_ptr<const tf::Transformer<float>> file_model_;
  std::shared_ptr<const tf::Transformer<float>> model_;  // the file's or the trainer's
  std::string model_error_;

  // The run of the input and what it was made from.
  struct RunKey {
    // Held, so that a new snapshot is never taken for the old one at the same address.
    std::shared_ptr<const tf::Transformer<float>> model;
    std::string src, tgt;
    int max_steps = 0;
    bool operator==(const RunKey&) const = default;
  };
  std::optional<RunKey> run_key_;
  std::optional<tf::TransformerRun> run_;
  // The run as shown (decode.step) and the step it was cut at.
  int shown_step_ = -1;
  std::optional<fig::ShownRun> shown_;
  std::string error_;

  // What the mouse points at this frame: a cell of a map and a token.
  std::optional<fig::QueryChoice> hovered_;
  fig::TokenFocus focus_;
  std::string bottom_tab_;  // the bottom tab Dear ImGui showed last frame (setting_tabs)
};

}  // namespace al::gui
