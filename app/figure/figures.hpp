// The catalogue of figures: each builder turns a lab's state into a Figure description (see
// figure.hpp). The GUI, `attention-lab figure` and the tests all use these builders, so a figure
// on screen and in a file are the same description. The Transformer figures' builders are in
// transformer_figures.hpp; the registry lists them all.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/expected.hpp"
#include "engine/kernel_regression/lab.hpp"
#include "figure.hpp"

namespace al::fig {

// The query to highlight in every view: the hovered one in the app, else the selected one
// (view.query); -1 for none.
struct FigureContext {
  int query = -1;
  // Fill Figure::table (the CSV). A frame on screen can skip it: the attention table has a row
  // per query and key, a million rows at 20 000 points; exports need it.
  bool table = true;
};

// What a figure is made from: the kernel-regression lab (its points and trained model), or the
// settings alone (a model file, typed vectors: every other lab). A builder fails with a one-line
// message naming the key or file (a model file that cannot be read).
using LabBuilder = Expected<Figure> (*)(const Lab& lab, const FigureContext& ctx);
using SettingsBuilder = Expected<Figure> (*)(const Settings& s, const FigureContext& ctx);

// One of the two, as the figure needs.
struct FigureBuilder {
  // Implicit, so that a registry entry names its builder function and nothing more.
  FigureBuilder(LabBuilder f) : from_lab(f) {}
  FigureBuilder(SettingsBuilder f) : from_settings(f) {}
  LabBuilder from_lab = nullptr;
  SettingsBuilder from_settings = nullptr;
};

struct FigureInfo {
  std::string name;  // "regression"
  std::string help;  // one line, with the book's figure numbers
  FigureBuilder build;
  // A book figure (book_figures.hpp) names its place in the book ("11.2 F3"; both editions where
  // they differ) and the settings it starts from: the book's, which the user's own apply on top
  // of. Its size is the book's in inches (72 points each), its PNG at figure.dpi.
  std::string book = {};
  std::vector<std::pair<std::string, std::string>> preset = {};
  bool needs_lab() const { return build.from_lab != nullptr; }
  bool is_book() const { return !book.empty(); }
};

std::span<const FigureInfo> figure_registry();
const FigureInfo* find_figure(std::string_view name);

// Builds `info` from `lab`, or from its settings only when the figure needs no more.
Expected<Figure> build_figure(const FigureInfo& info, const Lab& lab, const FigureContext& ctx);

Figure kernels_figure(const Settings& s, const FigureContext& ctx);  // F2
Figure regression_figure(const Lab& lab, const FigureContext& ctx);  // G1, G2, G5, F3
Figure attention_figure(const Lab& lab, const FigureContext& ctx);   // G3, G6, F4
Figure points_figure(const Lab& lab, const FigureContext& ctx);
Figure loss_figure(const Lab& lab, const FigureContext& ctx);  // G4, with w per epoch

}  // namespace al::fig
