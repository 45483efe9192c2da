// Everything the window knows: the Lab (the one model) plus the state that only the UI needs.
// Every panel takes AppState&; panels never compute numerics, they change the lab through
// actions.hpp and draw what the figure builders describe.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "app/figure/figure.hpp"
#include "app/figure/figures.hpp"
#include "app/figure/layout.hpp"
#include "comparison_restore.hpp"
#include "engine/kernel_regression/lab.hpp"
#include "shell/lesson.hpp"
#include "texture_slots.hpp"
#include "theme.hpp"
#include "view_limits.hpp"

namespace al::tf {
template <class S>
struct Transformer;
}  // namespace al::tf

namespace al::gui {

// The Export popup of one figure view.
struct ExportDialog {
  int format = 0;  // index into the PNG/SVG/PDF/CSV list
  int scale = 2;   // PNG only
  std::string path;
};

// A left-button gesture on a figure, from press to release.
struct Gesture {
  enum class Kind { None, Pan, Own } kind = Kind::None;  // Own: the panel claimed the press
  int panel = -1;
  fig::Vec2 press;            // pixel where the button went down
  double press_time = 0;      // ImGui::GetTime() then
  fig::PanelLayout at_press;  // the transform at that moment (pan is measured on it)
  bool moved = false;         // went further than the click tolerance
};

// A click waits until it can no longer become a double-click (which fits the view instead).
struct PendingClick {
  bool waiting = false;
  double press_time = 0;
  int panel = -1;
  fig::Vec2 pixel, data;
};

// A data point that a zoom or pan pins under a pixel. Tick labels change width as the limits
// change, which moves the plot's edges; the view corrects its limits so the point stays put.
struct Anchor {
  int panel = -1;
  fig::Vec2 pixel, data;
};

// The figure a view built last and what it was built from.
struct FigureCache {
  fig::Figure figure;          // what the view draws: the lab's figure, or its A/B comparison
  fig::Figure live;            // the lab's figure as built (what a snapshot A takes)
  int compare_changes = 0;     // the view's A/B changes it was built at
  std::string error;           // set when the builder failed (the view shows it instead)
  std::uint64_t revision = 0;  // the view's revision it was built at
  int query = -1;              // the highlighted query
  bool valid = false;
  int builds = 0;  // how often the view built its figure (tests check that frames reuse it)
};

// A/B comparison in a view (app/figure/comparison.hpp): snapshot A is the lab's figure when it
// was taken; B is the lab's figure now, or a second snapshot pinned in its place.
struct ViewComparison {
  std::optional<fig::Figure> a, b;
  // The settings A (and a pinned B) were taken with: a session keeps them, and the window takes
  // the snapshots again when it opens that session (comparison_restore.hpp).
  std::optional<Settings> a_settings, b_settings;
  int changes = 0;  // counts snapshots, pins and clears: the view rebuilds when it moves
  bool active() const { return a.has_value(); }
  // Drops A and B (the caller counts the change).
  void clear() {
    a.reset();
    b.reset();
    a_settings.reset();
    b_settings.reset();
  }
};

struct AppState;

// One figure on screen.
struct FigureView {
  // What the view draws: `build` makes its figure, `revision` names the state it is made from.
  // The view rebuilds only when the revision (or the highlighted query) differs from its last.
  using Build = std::function<Expected<fig::Figure>(const AppState&, const fig::FigureContext&)>;
  using Revision = std::function<std::uint64_t(const AppState&)>;
  // A figure of the registry (figures.hpp), made from the lab at its revision.
  explicit FigureView(std::string figure_name);
  FigureView(std::string figure_name, Build build, Revision revision);
  std::string name;  // the figure's name: ImGui id and default export file name
  Build build;
  Revision revision;
  LimitOverrides limits;  // pan/zoom per panel; empty: the builder's limits
  // Heatmaps zoom and pan too (a Transformer's maps); otherwise they always show every cell (a
  // kernel regression's thousands of queries and keys are read whole).
  bool zoom_heatmaps = false;
  fig::Rect area;            // screen region, this frame
  bool hovered = false;      // the mouse is over it, this frame
  FigureCache cache;         // the figure as built, before limits
  fig::Figure shown;         // the figure as drawn last (limits applied): what Export saves
  fig::FigureLayout layout;  // where its panels landed last
  TextureSlots textures;     // its heatmaps' GL textures
  Gesture gesture;
  PendingClick pending_click;
  std::optional<Anchor> anchor;  // set by this frame's zoom or pan, used once by show_figure
  ExportDialog export_dialog;
  ViewComparison compare;
};

// The last message of the status line. An error stays (red) until the next action succeeds;
// other messages fade to grey after kStatusFreshSeconds.
struct StatusMessage {
  std::string text;
  bool error = false;
  double time = 0;  // ImGui::GetTime() when it was set
};
inline constexpr double kStatusFreshSeconds = 10.0;

// Every control records itself each frame under a name (its settings key, or a name such as
// "data.regenerate" for a button): the tests find and use every control by these names, and an
// ImGui ID used twice in one frame (two widgets that would steal each other's clicks) is caught.
struct ControlRegistry {
  std::map<std::string, fig::Rect, std::less<>> rects;  // where each control was drawn
  std::map<unsigned, std::string> ids;                  // ImGui ID -> control name, this frame
  std::set<std::string> conflicts;                      // "a and b share an ImGui ID"
  fig::Rect column;  // the visible part of the controls column (it scrolls)
  void begin_frame() {
    rects.clear();
    ids.clear();
  }
};

// The training points at some moment, for Undo / Redo: the data.* settings and the points.
struct PointsSnapshot {
  Settings settings;         // only its data.* keys are restored
  std::vector<double> x, y;  // the points as they were
  bool edited = false;       // hand-edited (otherwise the data.* settings rebuild them)
};

// Undo / Redo of the training points (edits, regeneration, new data settings). A step is
// committed when a gesture ends, so one drag is one step.
struct PointsHistory {
  std::vector<PointsSnapshot> undo, redo;
  PointsSnapshot committed;              // the points since the last commit
  std::uint64_t committed_revision = 0;  // the lab's data revision of `committed`
};

// Popups that ask for a path; menus and buttons request them, the main window opens them (popup
// ids must be opened from the window that begins them).
enum class PathPrompt {
  None,
  OpenSession,
  SaveSession,
  OpenCsv,
  ExportAll,
  OpenModel,
  SaveModel,
  OpenLesson
};

// What PathPrompt::SaveModel writes: a model trained in the window, as it was when Save model…
// was pressed, and the step it had reached.
struct ModelToSave {
  std::shared_ptr<const tf::Transformer<float>> model;
  int step = 0;
};

class LabUi;

struct AppState {
  explicit AppState(Lab initial);
  ~AppState();

  // The settings and the kernel-regression model; every lab reads its keys from its settings.
  Lab lab;
  std::vector<std::unique_ptr<LabUi>> labs;  // the workspace (lab_ui.hpp), in lab-bar order

  // The kernel-regression lab's views.
  FigureView regression{"regression"};
  FigureView attention{"attention"};
  FigureView training{"loss"};
  FigureView kernels{"kernels"};

  // Linking: the query under the mouse this frame (-1: none). Every figure highlights it, or
  // the selected query (settings view.query) when nothing is hovered.
  int hovered_query = -1;
  int dragged_point = -1;             // index of the training point being moved
  bool axes_pinned_for_drag = false;  // the regression axes were frozen when the drag began

  // Training playback: whole epochs are run as accumulated time x train.speed passes 1.
  bool playing = false;
  double epoch_accumulator = 0;
  // Text and numbers being typed into a field, by settings key: applied when the field loses
  // focus (Enter, Tab or a click elsewhere), dropped by Escape.
  std::map<std::string, std::string, std::less<>> edits;
  PointsHistory history;
  // The bottom figure's tab Dear ImGui showed last frame (setting_tabs).
  std::string bottom_tab = "training";

  // Scale: content scale x presentation factor (view.presentation); the app rebuilds fonts when
  // it changes.
  float ui_scale = 1.0f;
  FontSet fonts;

  StatusMessage status;
  double frame_ms = 0;  // CPU time of the last frame's build and draw calls
  ControlRegistry controls;
  PathPrompt prompt_request = PathPrompt::None;  // asked for this frame
  PathPrompt prompt_open = PathPrompt::None;     // the one on screen
  std::string prompt_path;                       // its text field
  ModelToSave model_to_save;                     // for PathPrompt::SaveModel
  ExportDialog export_all;                       // File > Export figures: the folder is its `path`
  LessonRun lesson;                              // the lesson shown, if any (shell/lesson.hpp)
  ComparisonRestore restore;                     // a session's A/B snapshots still to take
  bool quit = false;
};

}  // namespace al::gui
