// The kernel-regression lab: Nadaraya-Watson as attention pooling (the lab the app began with).
#pragma once

#include "app/gui/lab_ui.hpp"

namespace al::gui {

class KernelRegressionLab : public LabUi {
 public:
  AppLab kind() const override { return AppLab::KernelRegression; }
  void controls(AppState& s) override;
  void figures(AppState& s, const fig::Rect& area) override;
  void menus(AppState& s) override;
  void shortcuts(AppState& s) override;
  std::vector<FigureView*> views(AppState& s) override;
  bool animating(const AppState& s) const override;
  void advance(AppState& s, double dt) override;
  std::string status(const AppState& s) const override;
};

}  // namespace al::gui
