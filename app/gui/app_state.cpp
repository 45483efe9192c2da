// AppState's constructor and destructor, where the labs' type is complete.
#include "app_state.hpp"

#include "lab_ui.hpp"

namespace al::gui {

FigureView::FigureView(std::string figure_name)
    : name(std::move(figure_name)), revision([](const AppState& s) { return s.lab.revision(); }) {
  const fig::FigureInfo* info = fig::find_figure(name);
  if (!info) {
    // A name missing from the registry is a programming error the view shows in its place.
    build = [n = name](const AppState&, const fig::FigureContext&) -> Expected<fig::Figure> {
      return Error{"no figure named " + n};
    };
    return;
  }
  build = [info](const AppState& s, const fig::FigureContext& ctx) {
    return fig::build_figure(*info, s.lab, ctx);
  };
}

FigureView::FigureView(std::string figure_name, Build build_figure, Revision revision_of)
    : name(std::move(figure_name)),
      build(std::move(build_figure)),
      revision(std::move(revision_of)) {}

AppState::AppState(Lab initial) : lab(std::move(initial)), labs(make_labs()) {}
AppState::~AppState() = default;

}  // namespace al::gui
