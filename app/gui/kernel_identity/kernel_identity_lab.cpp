// The attention-as-a-kernel lab (see kernel_identity_lab.hpp).
#include "kernel_identity_lab.hpp"

#include <imgui.h>

#include "app/figure/kernel_identity_figures.hpp"
#include "app/gui/actions.hpp"
#include "app/gui/view_slots.hpp"
#include "app/gui/widgets/setting_widgets.hpp"

namespace al::gui {
namespace {

// The identity figure's share of the height.
constexpr double kTopShare = 0.62;

constexpr const char* kAbout =
    "Since ‖q − k‖² = ‖q‖² + ‖k‖² − 2 q·k, the scaled score splits in two: q·k/√d = "
    "−‖q − k‖²/(2√d) + (‖q‖² + ‖k‖²)/(2√d). So exp(q·k/√d) is an RBF kernel "
    "exp(−‖q − k‖²/(2√d)) times a magnitude M = exp((‖q‖² + ‖k‖²)/(2√d)), and the attention "
    "weights softmax(q·k/√d) are RBF · M normalised over the keys: exactly, up to rounding "
    "(the bottom-right map). The softmax removes only what all keys of a query share, the "
    "factor exp(‖q‖²/(2√d)); exp(‖k‖²/(2√d)) stays, so the RBF alone is the attention only "
    "when every key has the same norm. Nadaraya–Watson regression with a Gaussian kernel is "
    "that RBF alone on scalars (d = 1): the bottom figure shows it on the kernel-regression "
    "lab's points, and the dot product of the same scalars, which keeps M.";

}  // namespace

KernelIdentityLab::KernelIdentityLab()
    : identity_(shown_settings_view("kernel-identity", *this, fig::kernel_identity_figure)),
      nw_(
          "kernel-identity-nw",
          [this](const AppState& s, const fig::FigureContext& ctx) {
            fig::FigureContext shown = ctx;
            shown.query = hovered_nw_query_.value_or(-1);
            return fig::kernel_identity_nw_figure(s.lab, shown);
          },
          revision_.source()) {}

Settings KernelIdentityLab::shown_settings(const AppState& s) const {
  Settings shown = s.lab.settings();
  if (hovered_query_) shown.identity_query = *hovered_query_;
  if (hovered_key_) shown.identity_key = *hovered_key_;
  return shown;
}

void KernelIdentityLab::read_identity(AppState& s, const FigureInput& in) {
  if (in.hovered && identity_.gesture.kind == Gesture::Kind::None)
    if (const auto c = heatmap_cell_at(identity_, in.panel, in.mouse)) {
      hovered_query_ = c->row;
      hovered_key_ = c->col;
    }
  if (in.click)
    if (const auto c = heatmap_cell_at(identity_, in.click->panel, in.click->pixel)) {
      Settings next = s.lab.settings();
      next.identity_query = c->row;
      next.identity_key = c->col;
      update_settings(s, next);
    }
}

void KernelIdentityLab::read_nw(const FigureInput& in) {
  if (in.hovered && nw_.gesture.kind == Gesture::Kind::None)
    if (const auto c = heatmap_cell_at(nw_, in.panel, in.mouse)) hovered_nw_query_ = c->row;
}

void KernelIdentityLab::controls(AppState& s) {
  ImGui::PushItemWidth(-ImGui::GetFontSize() * 6.5f);  // room for "Random keys"
  if (section(s, "About this lab", "section.identity_about")) help_text(kAbout);
  if (section(s, "Queries and keys", "section.identity_vectors")) {
    text_field(s, "Queries", "identity.queries");
    text_field(s, "Keys", "identity.keys");
    help_text(
        "Rows are separated by ';', numbers by ','. Empty: random vectors, entries N(0, 1), of "
        "the size below.");
    number_field(s, "Dimension d", "identity.dim");
    number_field(s, "Queries n", "identity.n_queries");
    number_field(s, "Keys n", "identity.n_keys");
    number_field(s, "Seed", "identity.seed");
    const Settings& st = s.lab.settings();
    if (!st.identity_queries.empty() || !st.identity_keys.empty())
      if (action_button(s, "Random", "identity.random",
                        "Random queries and keys again (identity.queries and identity.keys "
                        "emptied)")) {
        Settings next = st;
        next.identity_queries = next.identity_keys = Vectors{};
        update_settings(s, next);
      }
    help_text(
        "Large vectors make M overflow (grey cells); the product, taken from logarithms, "
        "stays equal to the attention. Bottom figure: the kernel-regression lab's points and "
        "kernel.w.");
  }
  if (section(s, "Follow", "section.identity_follow")) {
    followed_query_and_key(s, &Settings::identity_query, &Settings::identity_key, "identity.clear",
                           "No query or key outlined (identity.query = identity.key = -1)");
  }
  if (action_button(s, "Defaults", "identity.defaults",
                    "Every identity.* key back to its default")) {
    restore_defaults<KernelIdentitySettings>(s, "identity");
  }
  ImGui::PopItemWidth();
}

void KernelIdentityLab::figures(AppState& s, const fig::Rect& r) {
  const auto [top, bottom] = split_rows(r, kTopShare);
  const ViewSlot identity = view_slot(top), nw = view_slot(bottom);

  hovered_query_.reset();
  hovered_key_.reset();
  hovered_nw_query_.reset();
  read_identity(s, figure_input(identity_, identity.figure, s.ui_scale));
  read_nw(figure_input(nw_, nw.figure, s.ui_scale));
  revision_.update(ViewKey{s.lab.revision(), hovered_query_, hovered_key_, hovered_nw_query_});
  const fig::FigureContext ctx{-1, /*table=*/false};
  show_figure(s, identity_, ctx);
  show_figure(s, nw_, ctx);
  figure_toolbar(s, identity_, identity.bar,
                 "hover: a query and key in every map · click: keep them");
  figure_toolbar(s, nw_, nw.bar, "the kernel-regression lab's points: Nadaraya-Watson is the RBF");
}

std::vector<FigureView*> KernelIdentityLab::views(AppState&) {
  return {&identity_, &nw_};
}

std::string KernelIdentityLab::status(const AppState& s) const {
  const Settings& st = s.lab.settings();
  std::string out = "Attention as a kernel";
  if (hovered_query_) {
    out += " | hovered: query ";
    out += std::to_string(*hovered_query_);
    out += " · key ";
    out += std::to_string(hovered_key_.value_or(-1));
  } else if (st.identity_query >= 0) {
    out += " | query ";
    out += std::to_string(st.identity_query);
  }
  return out;
}

}  // namespace al::gui
