// AppState's constructor and destructor, where the labs' type is complete.
#include "app_state.hpp"

#include "lab_ui.hpp"

namespace al::gui {

FigureView::FigureView(std::string figure_name) : name(std::move(figure_name)), build(nullptr) {
  if (const fig::FigureInfo* info = fig::find_figure(name)) build = info->build;
}

AppState::AppState(Lab initial) : lab(std::move(initial)), labs(make_labs()) {}
AppState::~AppState() = default;

}  // namespace al::gui
