// The revision a lab's views are built at. A lab's figures depend on its settings and on state of
// its own (what the pointer hovers, a decoding run): that state, with the settings' revision, is
// a Key; when a frame's Key differs from the last one the revision moves and every view built at
// it rebuilds once (FigureView::revision). A lab that does not change draws nothing new.
#pragma once

#include <cstdint>
#include <string>
#include <utility>

#include "app_state.hpp"

namespace al::gui {

template <class Key>
class ViewRevision {
 public:
  // Once a frame, before the views are drawn.
  void update(const Key& key) {
    if (key == key_) return;
    key_ = key;
    ++revision_;
  }
  std::uint64_t value() const { return revision_; }
  // For a FigureView: reads this object, which must outlive the view (both are the lab's).
  FigureView::Revision source() const {
    return [this](const AppState&) { return revision_; };
  }

 private:
  Key key_{};
  std::uint64_t revision_ = 1;
};

// A view of the figure `build` makes from the settings a lab shows: lab.shown_settings(s), its
// settings with what the pointer hovers put in, built at lab.view_revision().
using SettingsFigure = Expected<fig::Figure> (*)(const Settings&, const fig::FigureContext&);
template <class Lab>
FigureView shown_settings_view(std::string name, const Lab& lab, SettingsFigure build) {
  return FigureView(
      std::move(name),
      [&lab, build](const AppState& s, const fig::FigureContext& ctx) {
        return build(lab.shown_settings(s), ctx);
      },
      [&lab](const AppState&) { return lab.view_revision(); });
}

}  // namespace al::gui
