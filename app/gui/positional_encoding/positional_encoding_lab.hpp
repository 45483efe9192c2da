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

 private:
  // A view drawing `build` of the settings, with the hovered position followed in place of
  // pe.position.
  FigureView view_of(const char* name,
                     Expected<fig::Figure> (*build)(const Settings&, const fig::FigureContext&));
  // The settings the views draw: pe.position replaced by the hovered position, if any.
  Settings shown_settings(const AppState& s) const;
  // The position under the mouse in any view, and clicks that select a position, column or delta.
  void read_mouse(AppState& s, const FigureInput& table, const FigureInput& offsets,
                  const FigureInput& binary);

  // The Transformer at model.path for the learned view, loaded once per path.
  void load_model(const AppState& s);

  FigureView table_, offsets_, rotation_, binary_, learned_;
  std::string loaded_path_;
  std::shared_ptr<const tf::Transformer<float>> model_;
  std::string model_error_;
  std::optional<int> hovered_;  // the position under the mouse this frame
  struct ViewKey {
    std::uint64_t lab = 0;
    std::optional<int> hovered;
    bool operator==(const ViewKey&) const = default;
  };
  ViewKey view_key_;
  std::uint64_t view_revision_ = 1;
};

}  // namespace al::gui
