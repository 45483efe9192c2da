// The Transformer lab (see transformer_lab.hpp).
#include "transformer_lab.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "app/figure/number_format.hpp"
#include "app/gui/actions.hpp"
#include "app/gui/theme.hpp"
#include "app/gui/view_slots.hpp"
#include "app/gui/widgets/setting_widgets.hpp"
#include "engine/transformer/model_file.hpp"

namespace al::gui {
namespace {

// The attention grid's share of the figure area's height; the bottom figure and the query's
// steps share the rest, side by side.
constexpr double kGridShare = 0.58;

constexpr const char* kPhraseModel = AL_ASSETS_DIR "/models/phrases.safetensors";
constexpr const char* kReverseModel = AL_ASSETS_DIR "/models/reverse.safetensors";

constexpr const char* kGridHint =
    "hover a cell: its query's steps below · click: enlarge its map, select the query · E: the "
    "grid again · wheel: zoom · drag: pan · double-click: fit";

// One token as a chip: framed text, red when the vocabulary lacks the word (it reads <unk>),
// outlined when it is the token the mouse points at. Returns whether the mouse is on it.
bool chip(const std::string& token, bool unknown, bool focused) {
  const ImGuiStyle& style = ImGui::GetStyle();
  const ImVec2 size = ImGui::CalcTextSize(token.c_str());
  const ImVec2 pad = style.FramePadding;
  const float width = size.x + 2 * pad.x;
  if (ImGui::GetContentRegionAvail().x < width) ImGui::NewLine();
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const ImVec2 end(at.x + width, at.y + size.y + 2 * pad.y);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImU32 text =
      unknown ? ImGui::GetColorU32(error_color()) : ImGui::GetColorU32(ImGuiCol_Text);
  draw->AddRectFilled(at, end,
                      ImGui::GetColorU32(focused ? ImGuiCol_HeaderActive : ImGuiCol_FrameBg),
                      style.FrameRounding);
  draw->AddRect(at, end, unknown ? text : ImGui::GetColorU32(ImGuiCol_FrameBgActive),
                style.FrameRounding, 0, focused ? 2.0f : 1.0f);
  draw->AddText(ImVec2(at.x + pad.x, at.y + pad.y), text, token.c_str());
  ImGui::Dummy(ImVec2(width, end.y - at.y));
  const bool hovered = ImGui::IsItemHovered();
  ImGui::SameLine(0, style.ItemInnerSpacing.x);
  return hovered;
}

}  // namespace

TransformerLab::TransformerLab()
    : attention_(
          "transformer-attention",
          [this](const AppState& s, const fig::FigureContext& ctx) {
            return draw(fig::transformer_attention_figure, s, ctx);
          },
          revision_.source()),
      logits_(
          "transformer-logits",
          [this](const AppState& s, const fig::FigureContext& ctx) {
            return draw(fig::transformer_logits_figure, s, ctx);
          },
          revision_.source()),
      steps_(
          "transformer-query-steps",
          [this](const AppState& s, const fig::FigureContext& ctx) {
            return draw(fig::transformer_query_steps_figure, s, ctx);
          },
          revision_.source()),
      next_(
          "transformer-next-token",
          [this](const AppState& s, const fig::FigureContext& ctx) {
            return draw(fig::transformer_next_token_figure, s, ctx);
          },
          revision_.source()) {
  // A Transformer's maps are small enough to zoom into cell by cell.
  attention_.zoom_heatmaps = true;
  logits_.zoom_heatmaps = true;
}

const tf::Transformer<float>* TransformerLab::model(AppState& s) {
  if (s.lab.settings().model_source == ModelSource::Training) {
    model_ = training_.snapshot();
    model_error_ = model_ ? "" : "model.source: nothing trained yet (press Play under Training)";
    return model_.get();
  }
  const std::string& path = s.lab.settings().model_path;
  if (path != loaded_path_) {
    loaded_path_ = path;
    file_model_.reset();
    model_error_.clear();
    if (!path.empty()) {
      auto loaded = tf::load_model(path);
      if (loaded)
        file_model_ = std::make_shared<const tf::Transformer<float>>(std::move(loaded).value());
      else
        model_error_ = loaded.error();
    }
  }
  model_ = file_model_;
  return model_.get();
}

std::string TransformerLab::source(const AppState& s) const {
  if (s.lab.settings().model_source == ModelSource::Training) return training_.probe_source();
  return s.lab.settings().input_src;
}

const fig::ShownRun* TransformerLab::update_run(AppState& s) {
  const Settings& st = s.lab.settings();
  const tf::Transformer<float>* m = model(s);
  if (!m) {
    run_key_.reset();
    run_.reset();
    shown_.reset();
    error_ = model_error_.empty() ? "model.path: open a model (Model above)" : model_error_;
    return nullptr;
  }
  const std::string src = source(s);
  const std::string tgt = st.model_source == ModelSource::Training ? std::string() : st.input_tgt;
  const RunKey key{model_, src, tgt, st.decode_max_steps};
  if (run_key_ != key) {
    run_key_ = key;
    run_.reset();
    shown_.reset();
    shown_step_ = -1;
    error_.clear();
    auto ran = tf::run_transformer(*m, src, tgt, st.decode_max_steps);
    if (ran)
      run_ = std::move(ran).value();
    else
      error_ = ran.error();
  }
  if (!run_) return nullptr;
  if (shown_step_ != st.decode_step) {
    shown_step_ = st.decode_step;
    shown_.reset();
    error_.clear();
    auto shown = fig::make_shown_run(*run_, st.decode_step);
    if (shown)
      shown_ = std::move(shown).value();
    else
      error_ = shown.error();
  }
  return shown_ ? &*shown_ : nullptr;
}

Expected<fig::Figure> TransformerLab::draw(fig::SceneFigure build, const AppState& s,
                                           const fig::FigureContext& ctx) const {
  if (!model_ || !shown_) return Error{error_};
  const fig::TransformerScene scene{*model_, *shown_, s.lab.settings(), query(s), focus_};
  return build(scene, ctx);
}

fig::QueryChoice TransformerLab::query(const AppState& s) const {
  if (hovered_) return *hovered_;
  const Settings& st = s.lab.settings();
  return {st.attention_layer, st.attention_head, st.attention_query};
}

void TransformerLab::step(AppState& s, int delta) {
  if (!run_ || run_->steps() == 0) return;
  const int steps = run_->steps();
  const int at = s.lab.settings().decode_step;
  const int shown = at == 0 ? steps : std::min(at, steps);
  const int next = std::clamp(shown + delta, 1, steps);
  // The last step is stored as 0, "all": a longer input then shows all of its decoding too.
  set_setting(s, "decode.step", std::to_string(next == steps ? 0 : next));
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
    if (!model_error_.empty()) wrapped_text(error_color(), model_error_);
    return;
  }
  // The model card.
  const tf::ModelConfig& c = m->config;
  if (s.lab.settings().model_source == ModelSource::Training)
    ImGui::TextWrapped("The model training in the window (its last snapshot)");
  else
    // A long path would widen the column (and give it a scroll bar): its file name is kept.
    elided_text(s.lab.settings().model_path, Elide::Start);
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
  const bool trained = s.lab.settings().model_source == ModelSource::Training;
  if (trained)
    help_text("The model training in the window reads its task's held-out probe:");
  else
    text_field(s, "Source", "input.src");
  const fig::ShownRun* shown = update_run(s);
  if (shown) {
    // The tokens the encoder reads, unknown words in red (they read as <unk>); hovering one
    // highlights it in every view.
    const tf::TransformerRun& r = shown->run;
    const bool decoder_only = r.arch == tf::Arch::Decoder;
    const fig::TokenSide side = decoder_only ? fig::TokenSide::Decoder : fig::TokenSide::Source;
    for (std::size_t i = 0; i < r.source.size(); ++i) {
      const fig::TokenFocus token{side, static_cast<int>(i)};
      if (chip(r.source[i], i < r.source_unknown.size() && r.source_unknown[i], focus_ == token))
        focus_ = token;
    }
    ImGui::NewLine();
  } else if (!error_.empty()) {
    wrapped_text(error_color(), error_);
  }
  if (!trained) {
    text_field(s, "Target", "input.tgt");
    help_text("Empty: the decoder decodes greedily. Words: it is teacher-forced on <bos> + them.");
  }
  number_field(s, "Max steps", "decode.max_steps");
}

void TransformerLab::decoding_section(AppState& s) {
  if (!section(s, "Decoding", "section.decoding")) return;
  if (!shown_ || shown_->run.arch == tf::Arch::Encoder) {
    help_text("An encoder-only model does not decode.");
    return;
  }
  const tf::TransformerRun& r = shown_->run;
  const int steps = run_->steps();
  if (action_button(s, "< Back", "decode.back", "One decoder step back (Left arrow)")) step(s, -1);
  ImGui::SameLine();
  if (action_button(s, "Next >", "decode.next", "One decoder step on (Right arrow)")) step(s, 1);
  ImGui::SameLine();
  if (action_button(s, "All", "decode.all", "Every step (End)")) set_setting(s, "decode.step", "0");
  ImGui::Text("Step %d of %d", r.steps(), steps);
  // The decoder's input at this step, the tokens it may look at.
  for (std::size_t i = 0; i < r.decoder_tokens.size(); ++i) {
    const fig::TokenFocus token{fig::TokenSide::Decoder, static_cast<int>(i)};
    if (chip(r.decoder_tokens[i], false, focus_ == token)) focus_ = token;
  }
  ImGui::NewLine();
  if (!r.teacher_forced && !r.output.empty())
    ImGui::TextWrapped("Greedy decoding: %s", tf::join_words(r.output).c_str());
  if (!run_->note.empty() && r.steps() == steps) wrapped_text(warning_color(), run_->note);
  log_slider(s, "Temperature", "decode.temperature", 0.05f, 10.0f, "%.3g");
}

void TransformerLab::head_toggles(AppState& s) {
  if (!model_) return;
  const int heads = model_->config.num_heads;
  const std::vector<int>& chosen = s.lab.settings().attention_heads;
  const auto shown = [&](int h) {
    return chosen.empty() || std::find(chosen.begin(), chosen.end(), h) != chosen.end();
  };
  ImGui::TextUnformatted("Heads");
  for (int h = 0; h < heads; ++h) {
    ImGui::SameLine();
    std::string label = std::to_string(h + 1);
    label += "##head";
    label += std::to_string(h);
    const bool on = shown(h);
    if (on) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
    const bool clicked = ImGui::SmallButton(label.c_str());
    if (on) ImGui::PopStyleColor();
    record_control(s, "attention.heads=" + std::to_string(h));
    const bool hovered = ImGui::IsItemHovered();
    if (hovered)
      ImGui::SetTooltip(
          "Head %d (attention.heads counts from 0: %d): click shows or hides it, "
          "double-click shows it alone",
          h + 1, h);
    if (hovered && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) {
      set_setting(s, "attention.heads", std::to_string(h));
    } else if (clicked) {
      // Toggle; the last head shown stays; all of them is "all".
      std::vector<int> next;
      for (int k = 0; k < heads; ++k)
        if (shown(k) != (k == h)) next.push_back(k);
      if (next.empty()) continue;
      std::string value;
      for (int k : next) {
        if (!value.empty()) value += ',';
        value += std::to_string(k);
      }
      set_setting(s, "attention.heads",
                  static_cast<int>(next.size()) == heads ? std::string("all") : value);
    }
  }
  ImGui::SameLine();
  if (action_button(s, "All##heads", "attention.heads.all", "Show every head", true))
    set_setting(s, "attention.heads", "all");
}

void TransformerLab::attention_section(AppState& s) {
  if (!section(s, "Attention", "section.attention")) return;
  choice_combo(s, "Attention", "attention.kind");
  choice_combo(s, "Show", "attention.average");
  head_toggles(s);
  setting_checkbox(s, "Enlarge the selected map", "attention.enlarged");
  number_field(s, "Layer", "attention.layer");
  number_field(s, "Head", "attention.head");
  number_field(s, "Query", "attention.query");
  help_text(
      "Hover a cell of a heatmap for its query and key tokens and its weight, and the query's "
      "steps from q·k to its weight below; click it to enlarge its map and select that query "
      "(layer, head and query count from 0); E or the checkbox shows the grid again. Grey cells "
      "are masked: a decoder position never sees a later one.");
}

void TransformerLab::controls(AppState& s) {
  // The lab opens with the shipped phrase model.
  if (s.lab.settings().model_path.empty()) open_model(s, kPhraseModel);
  focus_ = {};
  ImGui::PushItemWidth(-ImGui::GetFontSize() * 6);
  model_section(s);
  input_section(s);
  decoding_section(s);
  attention_section(s);
  training_.controls(s);
  ImGui::PopItemWidth();
}

std::optional<std::pair<const tf::AttentionMap*, Cell>> TransformerLab::grid_cell(
    const AppState& s, int panel, fig::Vec2 pixel) const {
  const auto n = static_cast<std::size_t>(panel);
  if (!shown_ || !model_ || panel < 0 || n >= attention_.shown.panels.size() ||
      n >= attention_.layout.panels.size() || !attention_.shown.panels[n].heatmap)
    return std::nullopt;
  const auto cell =
      heatmap_cell(attention_.layout.panels[n], *attention_.shown.panels[n].heatmap, pixel);
  if (!cell) return std::nullopt;
  // The panels are the grid's maps in order (transformer_attention_figure).
  const auto grid = fig::attention_grid(*shown_, model_->config, s.lab.settings());
  if (!grid || n >= grid.value().maps.size()) return std::nullopt;
  return std::make_pair(&shown_->maps[grid.value().maps[n]], *cell);
}

void TransformerLab::read_mouse(AppState& s, const FigureInput& grid, const FigureInput& steps,
                                const FigureInput& bottom) {
  hovered_.reset();
  const tf::Arch arch = model_ ? model_->config.arch : tf::Arch::EncoderDecoder;
  const tf::AttentionKind kind = fig::engine_kind(s.lab.settings().attention_kind);
  // A cell of the grid: its map's query is followed, its key token highlighted everywhere.
  if (grid.hovered && attention_.gesture.kind == Gesture::Kind::None) {
    if (const auto hit = grid_cell(s, grid.panel, grid.mouse)) {
      const auto& [m, cell] = *hit;
      if (m->layer >= 0 && m->head >= 0) hovered_ = fig::QueryChoice{m->layer, m->head, cell.row};
      focus_ = {fig::key_side(kind, arch), cell.col};
    }
  }
  if (grid.click) {
    if (const auto hit = grid_cell(s, grid.click->panel, grid.click->pixel)) {
      const auto& [m, cell] = *hit;
      if (m->layer >= 0 && m->head >= 0) {
        set_setting(s, "attention.layer", std::to_string(m->layer));
        set_setting(s, "attention.head", std::to_string(m->head));
        set_setting(s, "attention.query", std::to_string(cell.row));
        // A thumbnail is too small to read: the click enlarges it (E returns to the grid).
        if (!s.lab.settings().attention_enlarged) set_setting(s, "attention.enlarged", "true");
      }
    }
  }
  // A bar of the query's steps: its key token.
  if (steps.hovered && steps.panel >= 0) {
    const auto key = static_cast<int>(std::lround(steps.data.x));
    if (key >= 0) focus_ = {fig::key_side(kind, arch), key};
  }
  // A row of the logits: its decoder position.
  if (bottom.hovered && bottom.panel >= 0 &&
      s.lab.settings().view_tf_bottom == TransformerBottom::Logits && shown_) {
    const auto row = static_cast<int>(std::lround(bottom.data.y));
    if (row >= 0 && row < shown_->run.logits.rows())
      focus_ = {arch == tf::Arch::Encoder ? fig::TokenSide::Source : fig::TokenSide::Decoder,
                row + (arch == tf::Arch::Encoder ? 0 : shown_->run.first_position)};
  }
}

void TransformerLab::figures(AppState& s, const fig::Rect& r) {
  update_run(s);
  const auto [top, lower] = split_rows(r, kGridShare);
  const auto [lower_left, lower_right] = split_columns(lower, 0.5);
  const ViewSlot grid = view_slot(top), bottom = view_slot(lower_left),
                 steps = view_slot(lower_right);

  // The bottom-left figure's tabs, beside its Export… button.
  std::vector<std::pair<std::string, std::string>> tabs;
  for (TransformerBottom b :
       {TransformerBottom::NextToken, TransformerBottom::Logits, TransformerBottom::Training})
    tabs.emplace_back(std::string(name(b)), std::string(title(b)));
  toolbar_tabs(s, bottom.bar, "tf_bottom", "view.tf_bottom", tabs, bottom_tab_);
  const TransformerBottom shown_bottom = s.lab.settings().view_tf_bottom;
  FigureView& bottom_view = shown_bottom == TransformerBottom::Logits     ? logits_
                            : shown_bottom == TransformerBottom::Training ? training_.view()
                                                                          : next_;

  // Input first, through last frame's layouts: the hovered cell lands in this frame's drawing.
  const FigureInput grid_in = figure_input(attention_, grid.figure, s.ui_scale);
  const FigureInput bottom_in = figure_input(bottom_view, bottom.figure, s.ui_scale);
  const FigureInput steps_in = figure_input(steps_, steps.figure, s.ui_scale);
  read_mouse(s, grid_in, steps_in, bottom_in);

  revision_.update(ViewKey{s.lab.revision(), shown_ ? shown_->id : 0, hovered_, focus_});
  const fig::FigureContext ctx{-1, /*table=*/false};
  show_figure(s, attention_, ctx);
  show_figure(s, bottom_view, ctx);
  show_figure(s, steps_, ctx);
  figure_toolbar(s, attention_, grid.bar, kGridHint);
  figure_toolbar(s, bottom_view, bottom.bar, nullptr);
  figure_toolbar(s, steps_, steps.bar, "hover a bar: its key everywhere");
}

void TransformerLab::shortcuts(AppState& s) {
  const auto pressed = [](int key) { return ImGui::IsKeyPressed(key, true); };
  if (ImGui::GetIO().KeyCtrl) return;
  if (pressed(GLFW_KEY_LEFT)) step(s, -1);
  if (pressed(GLFW_KEY_RIGHT)) step(s, 1);
  if (ImGui::IsKeyPressed(GLFW_KEY_HOME, false)) step(s, -1000000);
  if (ImGui::IsKeyPressed(GLFW_KEY_END, false)) set_setting(s, "decode.step", "0");
  if (ImGui::IsKeyPressed(GLFW_KEY_E, false)) toggle_setting(s, "attention.enlarged");
}

std::vector<FigureView*> TransformerLab::views(AppState&) {
  return {&attention_, &next_, &logits_, &steps_, &training_.view()};
}

// Training that plays does not make the lab animate: the trainer wakes the window when it has
// something new (at most 30 times a second), so the window's frames take no time from it.
void TransformerLab::advance(AppState& s, double) {
  training_.advance(s);
}

std::string TransformerLab::status(const AppState& s) const {
  if (!model_) return "no model";
  const tf::ModelConfig& c = model_->config;
  std::string out = tf::name(c.arch);
  out += " · ";
  out += fig::count(static_cast<std::size_t>(c.num_heads), "head");
  if (shown_ && run_ && run_->steps() > 0) {
    out += " · step ";
    out += std::to_string(shown_->run.steps());
    out += " of ";
    out += std::to_string(run_->steps());
  }
  const fig::QueryChoice q = query(s);
  out += " | ";
  out += hovered_ ? "hovered" : "selected";
  out += ": layer ";
  out += std::to_string(q.layer);
  out += " · head ";
  out += std::to_string(q.head);
  out += " · query ";
  out += std::to_string(q.query);
  return out;
}

}  // namespace al::gui
