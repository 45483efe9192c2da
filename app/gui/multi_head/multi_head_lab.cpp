// The multi-head attention lab (see multi_head_lab.hpp).
#include "multi_head_lab.hpp"

#include <imgui.h>

#include <algorithm>

#include "app/figure/multi_head_figures.hpp"
#include "app/figure/number_format.hpp"
#include "app/gui/actions.hpp"
#include "app/gui/record_control.hpp"
#include "app/gui/theme.hpp"
#include "app/gui/view_slots.hpp"
#include "app/gui/widgets/setting_widgets.hpp"
#include "engine/mechanisms/multi_head.hpp"

namespace al::gui {
namespace {

// The heads' share of the height, and the projections' share of the bottom row's width.
constexpr double kTopShare = 0.5, kLeftShare = 0.4;

constexpr const char* kAbout =
    "Multi-head attention runs h scaled dot-product attentions side by side. Queries, keys and "
    "values are each projected to d = num_hiddens numbers (W_q, W_k, W_v, no bias); head j takes "
    "its own d/h of them, the rows j·d/h to (j+1)·d/h of each projection, so each head compares "
    "queries and keys in a different learned subspace and can attend to different keys. Its "
    "scores are divided by √(d/h), the head's dimension, not by √d. The heads' outputs are "
    "concatenated back to d numbers and mixed by W_o. A valid length masks the same keys in "
    "every head: their scores become -1e6 and their weights exactly 0.";

int key_count(const Settings& s) {
  return s.mh_keys.empty() ? s.mh_n_kv : s.mh_keys.count();
}

}  // namespace

MultiHeadLab::MultiHeadLab()
    : heads_(shown_settings_view("multi-head", *this, fig::multi_head_figure)),
      projections_(
          shown_settings_view("multi-head-projections", *this, fig::multi_head_projections_figure)),
      output_(shown_settings_view("multi-head-output", *this, fig::multi_head_output_figure)) {}

Settings MultiHeadLab::shown_settings(const AppState& s) const {
  Settings shown = s.lab.settings();
  if (hovered_query_) shown.mh_query = *hovered_query_;
  if (hovered_key_) shown.mh_key = *hovered_key_;
  return shown;
}

void MultiHeadLab::read_heads(AppState& s, const FigureInput& in) {
  if (in.hovered && heads_.gesture.kind == Gesture::Kind::None)
    if (const auto c = heatmap_cell_at(heads_, in.panel, in.mouse)) {
      hovered_query_ = c->row;
      hovered_key_ = c->col;
    }
  if (in.click)
    if (const auto c = heatmap_cell_at(heads_, in.click->panel, in.click->pixel)) {
      Settings next = s.lab.settings();
      next.mh_query = c->row;
      next.mh_key = c->col;
      update_settings(s, next);
    }
}

// The concatenation (panel 0) and the output (panel 2) have a row per query.
void MultiHeadLab::read_output(AppState& s, const FigureInput& in) {
  const auto query_at = [this](int panel, fig::Vec2 pixel) -> std::optional<int> {
    if (panel != 0 && panel != 2) return std::nullopt;
    const auto c = heatmap_cell_at(output_, panel, pixel);
    return c ? std::optional<int>(c->row) : std::nullopt;
  };
  if (in.hovered && output_.gesture.kind == Gesture::Kind::None)
    if (const auto q = query_at(in.panel, in.mouse)) hovered_query_ = *q;
  if (in.click)
    if (const auto q = query_at(in.click->panel, in.click->pixel))
      set_setting(s, "mh.query", std::to_string(*q));
}

void MultiHeadLab::input_section(AppState& s) {
  if (!section(s, "Input", "section.mh_input")) return;
  choice_combo(s, "Preset", "mh.preset");
  text_field(s, "Queries", "mh.queries");
  text_field(s, "Keys", "mh.keys");
  text_field(s, "Values", "mh.values");
  help_text(
      "Rows are separated by ';', numbers by ','; every sequence of the batch gets the typed "
      "ones. Empty: the sizes below, random or ones; empty values are the keys.");
  choice_combo(s, "Input", "mh.input");
  number_field(s, "Numbers", "mh.dim");
  number_field(s, "Queries n", "mh.n_queries");
  number_field(s, "Key-values n", "mh.n_kv");
  number_field(s, "Batch", "mh.batch");
  number_field(s, "Seed", "mh.seed");
  const Settings& st = s.lab.settings();
  if (!st.mh_queries.empty() || !st.mh_keys.empty() || !st.mh_values.empty())
    if (action_button(s, "Untyped", "mh.untyped",
                      "Back to the sizes above (mh.queries, mh.keys and mh.values emptied)")) {
      Settings next = st;
      next.mh_queries = next.mh_keys = next.mh_values = Vectors{};
      update_settings(s, next);
    }
}

void MultiHeadLab::heads_section(AppState& s) {
  if (!section(s, "Heads", "section.mh_heads")) return;
  number_field(s, "d (hiddens)", "mh.hiddens");
  number_field(s, "Heads h", "mh.heads");
  const auto problem = mh::problem_of(s.lab.settings());
  if (!problem) {
    wrapped_text(error_color(), problem.error());
    return;
  }
  const mh::Problem& p = problem.value();
  const std::string dh = std::to_string(p.head_dim());
  ImGui::Text("Head dimension d/h = %d / %d = %s", p.hiddens(), p.heads, dh.c_str());
  ImGui::Text("Scale 1/√(d/h) = 1/√%s = %s", dh.c_str(), fig::label_number(p.scale()).c_str());
  help_text("Each projection W is d x input; head j uses its rows j·d/h to (j+1)·d/h.");
}

void MultiHeadLab::mask_section(AppState& s) {
  if (!section(s, "Batch and masking", "section.mh_mask")) return;
  const Settings& st = s.lab.settings();
  const int batch = st.mh_batch;
  int item = std::min(st.mh_batch_item, batch - 1);
  if (ImGui::SliderInt("Sequence##mh.batch_item", &item, 0, batch - 1, "%d",
                       ImGuiSliderFlags_AlwaysClamp))
    set_setting(s, "mh.batch_item", std::to_string(item));
  bound_item(s, "mh.batch_item");
  // The shown sequence's valid length: the slider runs over the keys, its right end masks none.
  const int nk = key_count(st);
  const std::vector<int>& lens = st.mh_valid_lens;
  int shown = lens.empty() ? nk : std::min(nk, lens[lens.size() == 1 ? 0 : std::size_t(item)]);
  const std::string format = shown >= nk ? "%d (all keys)" : "%d";
  if (ImGui::SliderInt("Valid length##mh.valid_len", &shown, 0, nk, format.c_str(),
                       ImGuiSliderFlags_AlwaysClamp)) {
    // One length per sequence: the others keep theirs (none masked where there were none).
    std::vector<int> next(static_cast<std::size_t>(batch), nk);
    for (int b = 0; b < batch; ++b)
      if (!lens.empty()) next[std::size_t(b)] = lens[lens.size() == 1 ? 0 : std::size_t(b)];
    next[std::size_t(item)] = shown;
    std::string text;
    for (int L : next) {
      if (!text.empty()) text += ',';
      text += std::to_string(L);
    }
    set_setting(s, "mh.valid_lens", text);
  }
  record_control(s, "mh.valid_len");
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("The shown sequence's entry of mh.valid_lens: keys from it on are masked");
  text_field(s, "Valid lengths", "mh.valid_lens");
  if (shown == 0)
    help_text(
        "Valid length 0: every score is -1e6, all equal, so each head gives every key 1/n: the "
        "book's uniform weights, not NaN.");
  else if (shown < nk)
    help_text("Masked keys (grey) score -1e6 in every head: their weights are exactly 0.");
}

void MultiHeadLab::controls(AppState& s) {
  ImGui::PushItemWidth(-ImGui::GetFontSize() * 6.5f);  // room for "Key-values n"
  if (section(s, "About this lab", "section.mh_about")) help_text(kAbout);
  input_section(s);
  heads_section(s);
  mask_section(s);
  if (section(s, "Follow", "section.mh_follow")) {
    followed_query_and_key(s, &Settings::mh_query, &Settings::mh_key, "mh.clear",
                           "No query or key outlined (mh.query = mh.key = -1)");
    help_text("Hover a cell of any head to outline it in every head; click to keep it.");
  }
  if (action_button(s, "Defaults", "mh.defaults", "Every mh.* key back to its default")) {
    restore_defaults<MultiHeadSettings>(s, "mh");
  }
  ImGui::PopItemWidth();
}

void MultiHeadLab::figures(AppState& s, const fig::Rect& r) {
  const auto [top, bottom] = split_rows(r, kTopShare);
  const auto [left, right] = split_columns(bottom, kLeftShare);
  const ViewSlot heads = view_slot(top), projections = view_slot(left), output = view_slot(right);

  hovered_query_.reset();
  hovered_key_.reset();
  read_heads(s, figure_input(heads_, heads.figure, s.ui_scale));
  figure_input(projections_, projections.figure, s.ui_scale);
  read_output(s, figure_input(output_, output.figure, s.ui_scale));
  revision_.update(ViewKey{s.lab.revision(), hovered_query_, hovered_key_});
  const fig::FigureContext ctx{-1, /*table=*/false};
  show_figure(s, heads_, ctx);
  show_figure(s, projections_, ctx);
  show_figure(s, output_, ctx);
  figure_toolbar(s, heads_, heads.bar, "hover: a query and key in every head · click: keep them");
  figure_toolbar(s, projections_, projections.bar, "each head's rows of W_q, W_k, W_v");
  figure_toolbar(s, output_, output.bar, "the heads concatenated, W_o, the output");
}

std::vector<FigureView*> MultiHeadLab::views(AppState&) {
  return {&heads_, &projections_, &output_};
}

std::string MultiHeadLab::status(const AppState& s) const {
  const Settings& st = s.lab.settings();
  std::string out = "Multi-head · d = " + std::to_string(st.mh_hiddens) +
                    ", h = " + std::to_string(st.mh_heads) + " · sequence " +
                    std::to_string(st.mh_batch_item);
  if (hovered_query_) {
    out += " | hovered: q";
    out += std::to_string(*hovered_query_);
    if (hovered_key_) {
      out += " k";
      out += std::to_string(*hovered_key_);
    }
  }
  return out;
}

}  // namespace al::gui
