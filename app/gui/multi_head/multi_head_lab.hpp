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

namespace al::gui {

class MultiHeadLab : public LabUi {
 public:
  MultiHeadLab();
  AppLab kind() const override { return AppLab::MultiHead; }
  void controls(AppState& s) override;
  void figures(AppState& s, const fig::Rect& area) override;
  std::vector<FigureView*> views(AppState& s) override;
  std::string status(const AppState& s) const override;

 private:
  FigureView view_of(const char* name,
                     Expected<fig::Figure> (*build)(const Settings&, const fig::FigureContext&));
  // The settings the views draw: mh.query and mh.key replaced by what is hovered.
  Settings shown_settings(const AppState& s) const;
  void read_heads(AppState& s, const FigureInput& in);
  void read_output(AppState& s, const FigureInput& in);
  void input_section(AppState& s);
  void heads_section(AppState& s);
  void mask_section(AppState& s);

  FigureView heads_, projections_, output_;
  std::optional<int> hovered_query_, hovered_key_;
  struct ViewKey {
    std::uint64_t lab = 0;
    std::optional<int> query, key;
    bool operator==(const ViewKey&) const = default;
  };
  ViewKey view_key_;
  std::uint64_t view_revision_ = 1;
};

}  // namespace al::gui
