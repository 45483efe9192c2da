// The attention-as-a-kernel lab: scaled dot-product attention is an RBF kernel times a magnitude
// term (engine/mechanisms/kernel_identity.hpp). Top: for the identity.* queries and keys, the
// dot-product weights, the RBF, the magnitude and their normalised product side by side, with the
// largest difference (rounding). Bottom: the kernel-regression lab's points, whose Gaussian
// Nadaraya–Watson weights are the RBF of d = 1 without the magnitude. A cell under the mouse is
// outlined (its query's row, its key's column) in every panel of its figure; a click keeps it
// (identity.query, identity.key).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/gui/figure_view.hpp"
#include "app/gui/lab_ui.hpp"
#include "app/gui/view_revision.hpp"

namespace al::gui {

class KernelIdentityLab : public LabUi {
 public:
  KernelIdentityLab();
  AppLab kind() const override { return AppLab::KernelIdentity; }
  void controls(AppState& s) override;
  void figures(AppState& s, const fig::Rect& area) override;
  std::vector<FigureView*> views(AppState& s) override;
  std::string status(const AppState& s) const override;

  // What the views draw (shown_settings_view): the settings with identity.query and identity.key
  // replaced by what is hovered, built at view_revision().
  Settings shown_settings(const AppState& s) const;
  std::uint64_t view_revision() const { return revision_.value(); }

 private:
  void read_identity(AppState& s, const FigureInput& in);
  void read_nw(const FigureInput& in);

  // What the views are built from: the lab's settings (their revision) and its own state.
  struct ViewKey {
    std::uint64_t lab = 0;
    std::optional<int> query, key, nw_query;
    bool operator==(const ViewKey&) const = default;
  };
  ViewRevision<ViewKey> revision_;  // declared before the views, which read it
  FigureView identity_, nw_;
  std::optional<int> hovered_query_, hovered_key_, hovered_nw_query_;
};

}  // namespace al::gui
