// The positional-encoding lab: the Transformer's sinusoidal table P (pe.positions x pe.dim) and
// why it works. Four views of one followed position (pe.position, or the one under the mouse):
// P's columns as curves and P as a heatmap (the book's F11, F12); the dot products of P's rows,
// which depend only on the offset; the rotation R(delta) that moves a pair of columns by delta
// positions, the same matrix for every position; and the book's binary counter beside P, or (a
// choice) the learned position table of the Transformer at model.path beside P.
// Nothing runs a model: each view is a figure of the settings, rebuilt when they or the hovered
// position change.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/gui/figure_view.hpp"
#include "app/gui/lab_ui.hpp"
#include "app/gui/view_revision.hpp"
#include "engine/transformer/model.hpp"

namespace al::gui {

class PositionalEncodingLab : public LabUi {
 public:
  PositionalEncodingLab();
  AppLab kind() const override { return AppLab::PositionalEncoding; }
  void controls(AppState& s) override;
  void figures(AppState& s, const fig::Rect& area) override;
  void shortcuts(AppState& s) override;
  std::vector<FigureView*> views(AppState& s) override;
  std::string status(const AppState& s) const override;

  // What the views draw (shown_settings_view): the settings with pe.position replaced by the
  // hovered position, if any, built at view_revision().
  Settings shown_settings(const AppState& s) const;
  std::uint64_t view_revision() const { return revision_.value(); }

 private:
  // The position under the mouse in any view, and clicks that select a position, column or delta.
  void read_mouse(AppState& s, const FigureInput& table, const FigureInput& offsets,
                  const FigureInput& binary);

  // The Transformer at model.path for the learned view, loaded once per path.
  void load_model(const AppState& s);

  // What the views are built from: the lab's settings (their revision) and its own state.
  struct ViewKey {
    std::uint64_t lab = 0;
    std::optional<int> hovered;
    bool operator==(const ViewKey&) const = default;
  };
  ViewRevision<ViewKey> revision_;  // declared before the views, which read it
  FigureView table_, offsets_, rotation_, binary_, learned_;
  std::string loaded_path_;
  std::shared_ptr<const tf::Transformer<float>> model_;
  std::string model_error_;
  std::optional<int> hovered_;  // the position under the mouse this frame
};

}  // namespace al::gui
