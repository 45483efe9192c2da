// The scoring lab's parameter table (see parameter_table.hpp).
#include "parameter_table.hpp"

#include <imgui.h>

#include <optional>
#include <string>

#include "app/gui/actions.hpp"
#include "app/gui/theme.hpp"
#include "app/gui/widgets/setting_widgets.hpp"
#include "engine/mechanisms/scoring.hpp"

namespace al::gui {
namespace {

Vectors vectors_of(const scoring::Mat& m) {
  Vectors v;
  v.dim = static_cast<int>(m.cols());
  v.values.assign(m.data(), m.data() + m.size());  // row-major, as Vectors
  return v;
}

// "scoring.w_q.3.1": a parameter's entry, as its control's name.
std::string entry_name(const char* matrix, Eigen::Index row, std::optional<Eigen::Index> col) {
  std::string out = matrix;
  out += '.';
  out += std::to_string(row);
  if (col) {
    out += '.';
    out += std::to_string(*col);
  }
  return out;
}

// One draggable entry, recorded as the control `name`; true when it changed.
bool entry(AppState& s, const std::string& name, double& value) {
  float f = static_cast<float>(value);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 3.2f);
  std::string id = "##";
  id += name;
  const bool changed = ImGui::DragFloat(id.c_str(), &f, 0.01f, -100.0f, 100.0f, "%.2f");
  record_control(s, name);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s (drag; ctrl+click to type)", name.c_str());
  if (changed) value = f;
  return changed;
}

}  // namespace

void parameter_table(AppState& s) {
  const Settings& st = s.lab.settings();
  number_field(s, "Hidden h", "scoring.hidden");
  number_field(s, "Seed", "scoring.seed");
  if (action_button(s, "Randomise", "scoring.randomise",
                    "New parameters from the next seed (scoring.seed + 1; the typed scoring.w_q, "
                    ".w_k, .w_v and .w are cleared)")) {
    Settings next = st;
    ++next.scoring_seed;
    next.scoring_w_q = next.scoring_w_k = next.scoring_w = Vectors{};
    next.scoring_w_v.clear();
    update_settings(s, next);
  }
  auto problem = scoring::problem_of(st);
  if (!problem) return wrapped_text(error_color(), problem.error());
  scoring::Parameters p = problem.value().parameters;
  const bool additive = st.scoring_function == ScoringFunction::Additive;
  bool changed = false;
  if (additive) {
    help_text("Row u: W_q[u, :] · W_k[u, :] · w_v[u]");
    for (Eigen::Index u = 0; u < p.W_q.rows(); ++u) {
      for (Eigen::Index c = 0; c < p.W_q.cols(); ++c) {
        changed |= entry(s, entry_name("scoring.w_q", u, c), p.W_q(u, c));
        ImGui::SameLine();
      }
      for (Eigen::Index c = 0; c < p.W_k.cols(); ++c) {
        changed |= entry(s, entry_name("scoring.w_k", u, c), p.W_k(u, c));
        ImGui::SameLine();
      }
      changed |= entry(s, entry_name("scoring.w_v", u, std::nullopt), p.w_v[u]);
    }
  } else {
    help_text("W: a row per query coordinate, a column per key coordinate");
    for (Eigen::Index r = 0; r < p.W.rows(); ++r)
      for (Eigen::Index c = 0; c < p.W.cols(); ++c) {
        if (c) ImGui::SameLine();
        changed |= entry(s, entry_name("scoring.w", r, c), p.W(r, c));
      }
  }
  if (!changed) return;
  Settings next = st;
  if (additive) {
    next.scoring_w_q = vectors_of(p.W_q);
    next.scoring_w_k = vectors_of(p.W_k);
    next.scoring_w_v.assign(p.w_v.data(), p.w_v.data() + p.w_v.size());
  } else {
    next.scoring_w = vectors_of(p.W);
  }
  update_settings(s, next);
}

}  // namespace al::gui
