// The self-attention lab: the tiny network of seed 004 (an embedding with the context, linear
// query, key and value maps, scaled dot-product attention and a linear output) trained live on
// associative recall ("b 5 e 2 a 7 g 0 ? a" → 7). Three views: the attention of one example
// (sa.input) through the network as trained so far, query positions x key positions with the
// tokens on both axes, seen forming as training runs; the probabilities of its answer; and the
// held-out loss and accuracy. Typing an example asks the network as it is now.
//
// The example runs through the trainer's latest snapshot once per snapshot and input (an engine
// call: sa::answer); hovering only highlights what that run holds.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "app/gui/figure_view.hpp"
#include "app/gui/lab_ui.hpp"
#include "app/gui/self_attention/training_panel.hpp"
#include "app/gui/view_revision.hpp"

namespace al::gui {

class SelfAttentionLab : public LabUi {
 public:
  SelfAttentionLab();
  AppLab kind() const override { return AppLab::SelfAttention; }
  void controls(AppState& s) override;
  void figures(AppState& s, const fig::Rect& area) override;
  void shortcuts(AppState& s) override;
  std::vector<FigureView*> views(AppState& s) override;
  void advance(AppState& s, double dt) override;
  std::string status(const AppState& s) const override;

 private:
  // Brings the shown answer up to date with the snapshot and sa.input (see below).
  void update_answer(AppState& s);
  void example_section(AppState& s);
  void task_section(AppState& s);
  void new_example(AppState& s);

  // What the views are built from: the lab's settings (their revision) and its own state.
  struct ViewKey {
    std::uint64_t lab = 0, answer = 0;
    std::optional<int> hovered;
    bool operator==(const ViewKey&) const = default;
  };
  ViewRevision<ViewKey> revision_;  // declared before the views, which read it
  FigureView weights_, answer_;
  SelfAttentionTrainingPanel training_;

  // The example shown: sa.input when it reads under the task; a typo keeps the last good one
  // (its error is shown under the field), so nothing on screen is lost to it.
  std::string read_input_;  // the sa.input text last read
  sa::TaskConfig read_task_;
  std::string input_error_;
  std::optional<sa::Example> example_;
  std::string example_text_;
  std::shared_ptr<const sa::Network> answered_by_;
  std::optional<sa::Answer> answer_of_;
  int answer_step_ = 0;
  std::uint64_t answer_id_ = 0;
  std::uint64_t examples_drawn_ = 0;  // New example's count, its stream within sa.seed

  std::optional<int> hovered_row_;  // a query row of the heatmap under the mouse
};

}  // namespace al::gui
