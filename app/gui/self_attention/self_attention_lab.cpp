// The self-attention lab (see self_attention_lab.hpp).
#include "self_attention_lab.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>

#include <algorithm>

#include "app/figure/number_format.hpp"
#include "app/figure/self_attention_figures.hpp"
#include "app/gui/actions.hpp"
#include "app/gui/theme.hpp"
#include "app/gui/view_slots.hpp"
#include "app/gui/widgets/setting_widgets.hpp"

namespace al::gui {
namespace {

// The top row's share of the figure area's height, and the heatmap's share of its width.
constexpr double kTopShare = 0.6, kLeftShare = 0.55;

constexpr const char* kAbout =
    "A network with one self-attention layer learns associative recall: it reads pairs like "
    "'b 5 e 2 a 7 g 0', then '? a', and must answer the value paired with a, here 7. Every token "
    "is embedded together with the token before it (the context embedding), so the 7 enters as "
    "'7 after a'. Linear maps turn each position into a query, a key and a value; the query of "
    "the last token scores every key by a scaled dot product, the softmax of the scores are the "
    "attention weights, and the weighted sum of the values goes through a linear output to a "
    "probability per token. Nothing tells the network where to look: press Play and watch the "
    "last row of the heatmap move onto the value after the asked key as the accuracy rises.";

}  // namespace

SelfAttentionLab::SelfAttentionLab()
    : weights_(
          "self-attention-weights",
          [this](const AppState& s, const fig::FigureContext& ctx) -> Expected<fig::Figure> {
            if (!answer_of_)
              return Error{input_error_.empty() ? training_.refusal() : input_error_};
            return fig::self_attention_weights_figure(*answer_of_, answer_step_,
                                                      s.lab.settings().view_colormap, ctx);
          },
          revision_.source()),
      answer_(
          "self-attention-answer",
          [this](const AppState&, const fig::FigureContext& ctx) -> Expected<fig::Figure> {
            if (!answer_of_)
              return Error{input_error_.empty() ? training_.refusal() : input_error_};
            return fig::self_attention_answer_figure(*answer_of_, sa::Vocab(read_task_), ctx);
          },
          revision_.source()) {}

void SelfAttentionLab::advance(AppState& s, double) {
  training_.advance(s, s.lab.settings().app_lab == AppLab::SelfAttention);
  update_answer(s);
}

void SelfAttentionLab::update_answer(AppState& s) {
  const Settings& st = s.lab.settings();
  const sa::TaskConfig task = sa::train_config(st).task;
  const bool task_changed = task.pairs != read_task_.pairs || task.keys != read_task_.keys ||
                            task.values != read_task_.values;
  if (st.sa_input != read_input_ || task_changed) {
    const bool typed = st.sa_input != read_input_;
    read_input_ = st.sa_input;
    read_task_ = task;
    auto typed_example = sa::parse_example(st.sa_input, task);
    input_error_ = typed_example ? "" : typed_example.error();
    if (typed_example) {
      example_ = std::move(typed_example).value();
      example_text_ = st.sa_input;
    } else {
      if (typed) show_message(s, input_error_, true);
      // The last good example, if the task still reads it.
      auto kept = sa::parse_example(example_text_, task);
      if (kept)
        example_ = std::move(kept).value();
      else
        example_.reset();
    }
    answered_by_.reset();
    answer_of_.reset();
    ++answer_id_;
  }
  const auto net = training_.snapshot();
  if (net == answered_by_) return;
  answered_by_ = net;
  answer_of_.reset();
  // A network of another task (a trainer not yet remade) cannot read this example's tokens.
  if (net && example_ && net->vocab_size() == sa::Vocab(task).size()) {
    answer_of_ = sa::answer(*net, *example_, sa::Vocab(task));
    answer_step_ = training_.snapshot_step();
  }
  ++answer_id_;
}

void SelfAttentionLab::new_example(AppState& s) {
  const Settings& st = s.lab.settings();
  const sa::TaskConfig task = sa::train_config(st).task;
  if (auto e = sa::validate(task)) return show_message(s, *e, true);
  Rng rng(st.sa_seed + ++examples_drawn_);
  set_setting(s, "sa.input", sa::example_text(sa::random_example(task, rng), sa::Vocab(task)));
}

void SelfAttentionLab::example_section(AppState& s) {
  if (!section(s, "Example", "section.sa_example")) return;
  text_field(s, "Example", "sa.input");
  if (action_button(s, "New example", "sa.new_example",
                    "A random sequence of the task into sa.input"))
    new_example(s);
  if (!input_error_.empty()) wrapped_text(error_color(), input_error_);
  if (answer_of_) {
    const sa::Vocab vocab(read_task_);
    const sa::Answer& a = *answer_of_;
    std::string line = "Answer: ";
    line += vocab.token(a.predicted);
    line += " with p = ";
    line += fig::significant(a.probabilities[static_cast<std::size_t>(a.predicted)], 3);
    if (a.predicted == a.expected) {
      line += " (right)";
      ImGui::TextWrapped("%s", line.c_str());
    } else {
      line += "; the right one is ";
      line += vocab.token(a.expected);
      wrapped_text(warning_color(), line);
    }
  }
  help_text("Type pairs, '?' and a key, e.g. 'a 1 b 2 c 3 ? b'; any number of pairs up to 16.");
}

void SelfAttentionLab::task_section(AppState& s) {
  if (!section(s, "Task and network", "section.sa_task")) return;
  number_field(s, "Pairs", "sa.pairs");
  number_field(s, "Keys", "sa.keys");
  number_field(s, "Values", "sa.values");
  number_field(s, "Width d", "sa.dim");
  number_field(s, "Batch", "sa.batch", 8);
  number_field(s, "Seed", "sa.seed");
  help_text("Changing any of these starts training again from step 0.");
  if (action_button(s, "Defaults", "sa.defaults", "Every sa.* key back to its default"))
    restore_defaults<SelfAttentionSettings>(s, "sa");
}

void SelfAttentionLab::controls(AppState& s) {
  ImGui::PushItemWidth(-ImGui::GetFontSize() * 6.5f);  // room for "Learning rate"
  if (section(s, "About this lab", "section.sa_about")) help_text(kAbout);
  training_.controls(s);
  example_section(s);
  task_section(s);
  ImGui::PopItemWidth();
}

void SelfAttentionLab::figures(AppState& s, const fig::Rect& r) {
  const auto [top, bottom] = split_rows(r, kTopShare);
  const auto [left, right] = split_columns(top, kLeftShare);
  const ViewSlot weights = view_slot(left), answer = view_slot(right), training = view_slot(bottom);

  // Input first, through last frame's layouts: the hovered row lands in this frame.
  const FigureInput in = figure_input(weights_, weights.figure, s.ui_scale);
  figure_input(answer_, answer.figure, s.ui_scale);
  figure_input(training_.view(), training.figure, s.ui_scale);
  hovered_row_.reset();
  if (in.hovered && in.panel == 0 && weights_.gesture.kind == Gesture::Kind::None &&
      !weights_.shown.panels.empty() && weights_.shown.panels[0].heatmap &&
      !weights_.layout.panels.empty())
    if (const auto c =
            heatmap_cell(weights_.layout.panels[0], *weights_.shown.panels[0].heatmap, in.mouse))
      hovered_row_ = c->row;

  revision_.update(ViewKey{s.lab.revision(), answer_id_, hovered_row_});
  show_figure(s, weights_, fig::FigureContext{hovered_row_.value_or(-1), /*table=*/false});
  show_figure(s, answer_, fig::FigureContext{-1, false});
  show_figure(s, training_.view(), fig::FigureContext{-1, false});
  figure_toolbar(s, weights_, weights.bar,
                 "the answer is read at the last row · hover: outline a row");
  figure_toolbar(s, answer_, answer.bar, "read at the last position");
  figure_toolbar(s, training_.view(), training.bar, "measured on 200 held-out sequences");
}

void SelfAttentionLab::shortcuts(AppState& s) {
  if (ImGui::GetIO().KeyCtrl) return;
  if (ImGui::IsKeyPressed(GLFW_KEY_SPACE, false)) training_.play_pause(s);
}

std::vector<FigureView*> SelfAttentionLab::views(AppState&) {
  return {&weights_, &answer_, &training_.view()};
}

std::string SelfAttentionLab::status(const AppState&) const {
  std::string out = "Self-attention · step ";
  out += std::to_string(training_.progress().step);
  if (!training_.curve().empty()) {
    out += " · held-out accuracy ";
    out += fig::significant(100 * training_.curve().back().accuracy, 3);
    out += " %";
  }
  if (answer_of_) {
    out += " | '";
    out += example_text_;
    out += "' → ";
    out += sa::Vocab(read_task_).token(answer_of_->predicted);
  }
  if (hovered_row_ && answer_of_ && *hovered_row_ < static_cast<int>(answer_of_->tokens.size())) {
    out += " | query ";
    out += std::to_string(*hovered_row_);
    out += " '";
    out += answer_of_->tokens[static_cast<std::size_t>(*hovered_row_)];
    out += "'";
  }
  return out;
}

}  // namespace al::gui
