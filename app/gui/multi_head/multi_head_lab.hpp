// The multi-head attention lab: a small input through h heads (engine/mechanisms/multi_head.hpp).
// Top: each head's weights for the shown sequence of the batch, masked keys grey. Bottom left:
// each head's projections (its rows of W_q, W_k, W_v); bottom right: the heads side by side, W_o
// and the output. The controls change the input, num_hiddens d and heads h (the head dimension d/h
// and the scale 1/√(d/h) are shown), the valid lengths and the shown sequence. A cell under the
// mouse in any head is outlined in every head (its query also in the output); a click keeps it
// (mh.query, mh.key). Nothing here computes: the engine does, the figures arrange it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/gui/figure_view.hpp"
#include "app/gui/lab_ui.hpp"
#include "app/gui/view_revision.hpp"

namespace al::gui {

class MultiHeadLab : public LabUi {
 public:
  MultiHeadLab();
  AppLab kind() const override { return AppLab::MultiHead; }
  void controls(AppState& s) override;
  void figures(AppState& s, const fig::Rect& area) override;
  std::vector<FigureView*> views(AppState& s) override;
  std::string status(const AppState& s) const override;

  // What the views draw (shown_settings_view): the settings with mh.query and mh.key replaced by
  // what is hovered, built at view_revision().
  Settings shown_settings(const AppState& s) const;
  std::uint64_t view_revision() const { return revision_.value(); }

 private:
  void read_heads(AppState& s, const FigureInput& in);
  void read_output(AppState& s, const FigureInput& in);
  void input_section(AppState& s);
  void heads_section(AppState& s);
  void mask_section(AppState& s);

  // What the views are built from: the lab's settings (their revision) and its own state.
  struct ViewKey {
    std::uint64_t lab = 0;
    std::optional<int> query, key;
    bool operator==(const ViewKey&) const = default;
  };
  ViewRevision<ViewKey> revision_;  // declared before the views, which read it
  FigureView heads_, projections_, output_;
  std::optional<int> hovered_query_, hovered_key_;
};

}  // namespace al::gui
