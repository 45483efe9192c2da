// The Transformer lab (see transformer_lab.hpp).
#include "transformer_lab.hpp"

#include <imgui.h>

#include <cmath>
#include <string>

#include "app/figure/number_format.hpp"
#include "app/gui/actions.hpp"
#include "app/gui/figure_view.hpp"
#include "app/gui/theme.hpp"
#include "app/gui/widgets/setting_widgets.hpp"
#include "engine/transformer/model_file.hpp"
#include "engine/transformer/run.hpp"

namespace al::gui {
namespace {

// The attention grid's share of the figure area's height; the logits and the query's steps
// share the rest, side by side.
constexpr double kGridShare = 0.58;

constexpr const char* kPhraseModel = AL_ASSETS_DIR "/models/phrases.safetensors";
constexpr const char* kReverseModel = AL_ASSETS_DIR "/models/reverse.safetensors";

// One token as a chip: framed text, red when the vocabulary lacks the word (it reads <unk>).
void chip(const std::string& token, bool unknown) {
  const ImGuiStyle& style = ImGui::GetStyle();
  const ImVec2 size = ImGui::CalcTextSize(token.c_str());
  const ImVec2 pad = style.FramePadding;
  const float width = size.x + 2 * pad.x;
  if (ImGui::GetContentRegionAvail().x < width) ImGui::NewLine();
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const ImVec2 end(at.x + width, at.y + size.y + 2 * pad.y);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImU32 frame =
      unknown ? ImGui::GetColorU32(error_color()) : ImGui::GetColorU32(ImGuiCol_FrameBgActive);
  draw->AddRectFilled(at, end, ImGui::GetColorU32(ImGuiCol_FrameBg), style.FrameRounding);
  draw->AddRect(at, end, frame, style.FrameRounding);
  draw->AddText(ImVec2(at.x + pad.x, at.y + pad.y),
                unknown ? ImGui::GetColorU32(error_color()) : ImGui::GetColorU32(ImGuiCol_Text),
                token.c_str());
  ImGui::Dummy(ImVec2(width, end.y - at.y));
  ImGui::SameLine(0, style.ItemInnerSpacing.x);
}

}  // namespace

const tf::Transformer<float>* TransformerLab::model(AppState& s) {
  const std::string& path = s.lab.settings().model_path;
  if (path != loaded_path_) {
    loaded_path_ = path;
    model_.reset();
    model_error_.clear();
    if (!path.empty()) {
      auto loaded = tf::load_model(path);
      if (loaded)
        model_ = std::move(loaded).value();
      else
        model_error_ = loaded.error();
    }
  }
  return model_ ? &*model_ : nullptr;
}

void TransformerLab::model_section(AppState& s) {
  if (!section(s, "Model", "section.model")) return;
  if (action_button(s, "Phrase model", "model.phrases",
                    "English -> French phrases (shipped, 2 + 2 layers, 4 heads)"))
    open_model(s, kPhraseModel);
  ImGui::SameLine();
  if (action_button(s, "Reverse model", "model.reverse",
                    "Reverses 8 digits (shipped; its cross-attention is an anti-diagonal)")) {
    open_model(s, kReverseModel);
    set_setting(s, "input.src", "1 2 3 4 5 6 7 8");
    set_setting(s, "input.tgt", "");
  }
  ImGui::SameLine();
  if (action_button(s, "Open model…", "model.open", "Any .safetensors model (model.path)"))
    s.prompt_request = PathPrompt::OpenModel;
  const tf::Transformer<float>* m = model(s);
  if (!m) {
    if (!model_error_.empty()) {
      wrapped_text(error_color(), model_error_);
    }
    return;
  }
  // The model card.
  const tf::ModelConfig& c = m->config;
  ImGui::TextWrapped("%s", s.lab.settings().model_path.c_str());
  ImGui::Text("%s · d_model %d · %s", tf::name(c.arch), c.d_model,
              fig::count(static_cast<std::size_t>(c.num_heads), "head").c_str());
  ImGui::Text("layers %d + %d · FFN %d (%s)", c.num_encoder_layers, c.num_decoder_layers,
              c.ffn_hidden, c.activation == tf::Activation::Relu ? "ReLU" : "GELU");
  ImGui::Text("%s-norm · %s positions · max_len %d",
              c.norm == tf::NormPlacement::Post ? "post" : "pre", tf::name(c.positional),
              c.max_len);
  ImGui::Text("vocabularies %d / %d · %lld parameters", c.src_vocab.size(), c.tgt_vocab.size(),
              static_cast<long long>(tf::parameter_count(c)));
}

void TransformerLab::input_section(AppState& s) {
  if (!section(s, "Input", "section.input")) return;
  text_field(s, "Source", "input.src");
  if (const tf::Transformer<float>* m = model(s)) {
    // The tokens the encoder reads, unknown words in red (they read as <unk>).
    if (run_revision_ != s.lab.revision()) {
      run_revision_ = s.lab.revision();
      const Settings& st = s.lab.settings();
      auto run = tf::run_transformer(*m, st.input_src, st.input_tgt, st.decode_max_steps);
      run_.reset();
      run_error_.clear();
      if (run)
        run_ = std::move(run).value();
      else
        run_error_ = run.error();
    }
    if (run_) {
      const tf::TransformerRun& r = *run_;
      for (std::size_t i = 0; i < r.source.size(); ++i)
        chip(r.source[i], i < r.source_unknown.size() && r.source_unknown[i]);
      ImGui::NewLine();
      if (!r.output.empty()) {
        std::string out;
        for (const std::string& t : r.output) out += (out.empty() ? "" : " ") + t;
        ImGui::TextWrapped("Greedy decoding: %s", out.c_str());
      }
    } else {
      wrapped_text(error_color(), run_error_);
    }
  }
  text_field(s, "Target", "input.tgt");
  help_text("Empty: the decoder decodes greedily. Words: it is teacher-forced on <bos> + them.");
  number_field(s, "Max steps", "decode.max_steps");
  choice_combo(s, "Attention", "attention.kind");
}

void TransformerLab::controls(AppState& s) {
  // The lab opens with the shipped phrase model.
  if (s.lab.settings().model_path.empty()) open_model(s, kPhraseModel);
  ImGui::PushItemWidth(-ImGui::GetFontSize() * 6);
  model_section(s);
  input_section(s);
  ImGui::PopItemWidth();
  if (section(s, "Query steps", "section.steps")) {
    number_field(s, "Layer", "attention.layer");
    number_field(s, "Head", "attention.head");
    number_field(s, "Query", "attention.query");
    help_text(
        "Hover a cell of a heatmap for its query and key tokens and its weight; click it to "
        "follow its query from q·k to its weight in the view below (layer, head and query "
        "count from 0).");
  }
}

void TransformerLab::figures(AppState& s, const fig::Rect& r) {
  const double gap = ImGui::GetStyle().ItemSpacing.y;
  const double bar_h = ImGui::GetFrameHeight();
  const double grid_h = std::round(r.height() * kGridShare);
  const fig::Rect grid_bar{r.x0, r.y0, r.x1, r.y0 + bar_h};
  const fig::Rect grid{r.x0, grid_bar.y1, r.x1, r.y0 + grid_h};
  const double mid = std::round((r.x0 + r.x1) / 2);
  const double bottom_y = grid.y1 + gap;
  const fig::Rect logits_bar{r.x0, bottom_y, mid - gap / 2, bottom_y + bar_h};
  const fig::Rect logits{r.x0, logits_bar.y1, logits_bar.x1, r.y1};
  const fig::Rect steps_bar{mid + gap / 2, bottom_y, r.x1, bottom_y + bar_h};
  const fig::Rect steps{steps_bar.x0, steps_bar.y1, r.x1, r.y1};
  figure_input(attention_, grid, s.ui_scale);
  figure_input(logits_, logits, s.ui_scale);
  figure_input(steps_, steps, s.ui_scale);
  const fig::FigureContext ctx{-1, /*table=*/false};
  show_figure(s, attention_, ctx);
  show_figure(s, logits_, ctx);
  show_figure(s, steps_, ctx);
  figure_toolbar(s, attention_, grid_bar, "hover a cell: its query, key and weight");
  figure_toolbar(s, logits_, logits_bar, nullptr);
  figure_toolbar(s, steps_, steps_bar, nullptr);
}

std::vector<FigureView*> TransformerLab::views(AppState&) {
  return {&attention_, &logits_, &steps_};
}

std::string TransformerLab::status(const AppState&) const {
  if (!model_) return "no model";
  const tf::ModelConfig& c = model_->config;
  std::string out = tf::name(c.arch);
  out += " · ";
  out += fig::count(static_cast<std::size_t>(c.num_heads), "head");
  return out;
}

}  // namespace al::gui
