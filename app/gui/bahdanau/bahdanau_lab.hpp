// The Bahdanau lab: the book's GRU encoder–decoder with additive attention on a sentence typed in
// (input.src, shared with the Transformer lab), decoded one step at a time. At each step the
// decoder's previous state (the query) scores every encoder state (the keys); the views show the
// weights growing a row per step as a heatmap and as a Distill-style alignment diagram, the
// additive score of the followed step and key part by part with the context vector, and the
// training of a model in the window (loss and BLEU per epoch).
//
// The model: the file at model.path when it holds a Bahdanau model; otherwise (empty, or the
// Transformer lab's model) the shipped assets/models/bahdanau.safetensors, and the Model section
// says why; or the model training in the window (bahdanau.show_training). The lab runs the model
// once per input (model, input.src, input.tgt, decode.max_steps); stepping (bahdanau.step),
// hovering and selecting only cut and highlight that run.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "app/figure/bahdanau_scene.hpp"
#include "app/gui/bahdanau/training_panel.hpp"
#include "app/gui/figure_view.hpp"
#include "app/gui/lab_ui.hpp"
#include "app/gui/view_revision.hpp"

namespace al::gui {

class BahdanauLab : public LabUi {
 public:
  BahdanauLab();
  AppLab kind() const override { return AppLab::Bahdanau; }
  void controls(AppState& s) override;
  void figures(AppState& s, const fig::Rect& area) override;
  void shortcuts(AppState& s) override;
  std::vector<FigureView*> views(AppState& s) override;
  void advance(AppState& s, double dt) override;
  std::string status(const AppState& s) const override;

 private:
  // The model shown (see above), and why it is not model.path's when it is not.
  const bahdanau::Model* model(AppState& s);
  // Brings the run up to date with the settings; null (with the reason in error_) without one.
  const bahdanau::BahdanauRun* update_run(AppState& s);
  // Steps shown (bahdanau.step, 0: all) within the run.
  int shown_steps(const AppState& s) const;
  // The scene the views draw: the followed pair is the hovered one, else the last shown step and
  // bahdanau.key.
  fig::BahdanauScene scene(const AppState& s) const;
  Expected<fig::Figure> draw(Expected<fig::Figure> (*build)(const fig::BahdanauScene&,
                                                            const fig::FigureContext&),
                             const AppState& s, const fig::FigureContext& ctx) const;
  void step(AppState& s, int delta);
  void read_mouse(AppState& s, const FigureInput& weights, const FigureInput& alignment);

  void model_section(AppState& s);
  void input_section(AppState& s);
  void decoding_section(AppState& s);

  // What the views are built from: the lab's settings (their revision) and its own state.
  struct ViewKey {
    std::uint64_t lab = 0, run = 0;
    std::optional<std::pair<int, int>> hovered;
    fig::AlignmentWord focus;
    bool operator==(const ViewKey&) const = default;
  };
  ViewRevision<ViewKey> revision_;  // declared before the views, which read it
  FigureView weights_, alignment_, score_;
  BahdanauTrainingPanel training_;

  std::string loaded_path_;
  std::shared_ptr<const bahdanau::Model> file_model_, shipped_;
  std::shared_ptr<const bahdanau::Model> model_;  // the one shown
  std::string model_note_;                        // why model.path's is not shown

  struct RunKey {
    std::shared_ptr<const bahdanau::Model> model;  // held: a new snapshot never reuses its address
    std::string src, tgt;
    int max_steps = 0;
    bool operator==(const RunKey&) const = default;
  };
  std::optional<RunKey> run_key_;
  std::optional<bahdanau::BahdanauRun> run_;
  std::uint64_t run_id_ = 0;
  std::string error_;

  // What the mouse points at this frame: a cell of the heatmap (step, key) or a word of the
  // diagram.
  std::optional<std::pair<int, int>> hovered_pair_;
  fig::AlignmentWord focus_;
};

}  // namespace al::gui
