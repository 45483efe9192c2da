// A lab of the workspace: one topic with its controls, its views and its menus. The shell (menus,
// lab bar, status line, prompts, idle waiting, export-all) knows labs only through this interface
// and the list make_labs() returns, so a new lab is one folder and one line in labs.cpp.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "app_state.hpp"

namespace al::gui {

class LabUi {
 public:
  virtual ~LabUi() = default;
  // Which lab this is (the app.lab setting's value names it).
  virtual AppLab kind() const = 0;
  // The left column.
  virtual void controls(AppState& s) = 0;
  // Reads the mouse on the lab's views and draws them into `area`.
  virtual void figures(AppState& s, const fig::Rect& area) = 0;
  // Menus of the menu bar that belong to this lab (e.g. Training), and keys it answers to when
  // no text field has focus.
  virtual void menus(AppState& /*s*/) {}
  virtual void shortcuts(AppState& /*s*/) {}
  // Every figure view of the lab (export-all, fit-all, the idle test).
  virtual std::vector<FigureView*> views(AppState& s) = 0;
  // Whether the lab moves by itself (training plays): the window then draws every frame.
  virtual bool animating(const AppState& /*s*/) const { return false; }
  // Advances what moves by `dt` seconds; called every frame for every lab.
  virtual void advance(AppState& /*s*/, double /*dt*/) {}
  // The lab's part of the status line (sizes, what the mouse points at).
  virtual std::string status(const AppState& /*s*/) const { return {}; }
};

// Every lab, in the lab bar's order.
std::vector<std::unique_ptr<LabUi>> make_labs();

// The lab the app.lab setting names.
LabUi& current_lab(AppState& s);

}  // namespace al::gui
