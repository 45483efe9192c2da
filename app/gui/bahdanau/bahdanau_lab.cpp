// The Bahdanau lab (see bahdanau_lab.hpp).
#include "bahdanau_lab.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "app/figure/bahdanau_alignment_figure.hpp"
#include "app/figure/bahdanau_score_figure.hpp"
#include "app/figure/number_format.hpp"
#include "app/gui/actions.hpp"
#include "app/gui/theme.hpp"
#include "app/gui/view_slots.hpp"
#include "app/gui/widgets/setting_widgets.hpp"
#include "engine/transformer/run.hpp"

namespace al::gui {
namespace {

constexpr const char* kShippedModel = AL_ASSETS_DIR "/models/bahdanau.safetensors";

// The top row's share of the figure area's height, the heatmap's share of its width, and the
// score's share of the bottom row's (its three panels need the room more than the training's two).
constexpr double kTopShare = 0.46, kWeightsShare = 0.4, kScoreShare = 0.58;

}  // namespace

BahdanauLab::BahdanauLab()
    : weights_(
          "bahdanau-weights",
          [this](const AppState& s, const fig::FigureContext& ctx) {
            return draw(fig::bahdanau_weights_figure, s, ctx);
          },
          revision_.source()),
      alignment_(
          "bahdanau-alignment",
          [this](const AppState& s, const fig::FigureContext& ctx) {
            return draw(fig::bahdanau_alignment_figure, s, ctx);
          },
          revision_.source()),
      score_(
          "bahdanau-score",
          [this](const AppState& s, const fig::FigureContext& ctx) {
            return draw(fig::bahdanau_score_figure, s, ctx);
          },
          revision_.source()) {
  weights_.zoom_heatmaps = true;
}

const bahdanau::Model* BahdanauLab::model(AppState& s) {
  const Settings& st = s.lab.settings();
  if (st.bahdanau_show_training) {
    model_ = training_.snapshot();
    model_note_ = model_ ? "" : "bahdanau.show_training: nothing trained yet";
    return model_.get();
  }
  if (st.model_path != loaded_path_) {
    loaded_path_ = st.model_path;
    file_model_.reset();
    model_note_.clear();
    if (loaded_path_.empty()) {
      model_note_ = "model.path is empty: the shipped model.";
    } else if (auto loaded = bahdanau::load_model(loaded_path_)) {
      file_model_ = std::make_shared<const bahdanau::Model>(std::move(loaded).value());
    } else {
      model_note_ = "model.path holds no Bahdanau model (" + loaded.error() +
                    "); the lab shows the shipped one.";
    }
  }
  if (!file_model_ && !shipped_) {
    auto loaded = bahdanau::load_model(kShippedModel);
    if (!loaded) {
      model_note_ = loaded.error();
      return nullptr;
    }
    shipped_ = std::make_shared<const bahdanau::Model>(std::move(loaded).value());
  }
  model_ = file_model_ ? file_model_ : shipped_;
  return model_.get();
}

const bahdanau::BahdanauRun* BahdanauLab::update_run(AppState& s) {
  const Settings& st = s.lab.settings();
  if (!model(s)) {
    run_key_.reset();
    run_.reset();
    error_ = model_note_;
    return nullptr;
  }
  const RunKey key{model_, st.input_src, st.input_tgt, st.decode_max_steps};
  if (run_key_ != key) {
    run_key_ = key;
    run_.reset();
    ++run_id_;
    error_.clear();
    auto ran = bahdanau::run_bahdanau(*model_, st.input_src, st.input_tgt, st.decode_max_steps);
    if (ran)
      run_ = std::move(ran).value();
    else
      error_ = ran.error();
  }
  return run_ ? &*run_ : nullptr;
}

int BahdanauLab::shown_steps(const AppState& s) const {
  if (!run_) return 0;
  const auto total = static_cast<int>(run_->steps.size());
  const int at = s.lab.settings().bahdanau_step;
  return at == 0 ? total : std::min(at, total);
}

fig::BahdanauScene BahdanauLab::scene(const AppState& s) const {
  fig::BahdanauScene sc = fig::settings_scene(*run_, s.lab.settings());
  sc.steps = shown_steps(s);
  if (hovered_pair_) std::tie(sc.step, sc.key) = *hovered_pair_;
  sc.focus = focus_;
  return sc;
}

Expected<fig::Figure> BahdanauLab::draw(Expected<fig::Figure> (*build)(const fig::BahdanauScene&,
                                                                       const fig::FigureContext&),
                                        const AppState& s, const fig::FigureContext& ctx) const {
  if (!run_) return Error{error_};
  return build(scene(s), ctx);
}

void BahdanauLab::step(AppState& s, int delta) {
  if (!run_ || run_->steps.empty()) return;
  const auto total = static_cast<int>(run_->steps.size());
  const int next = std::clamp(shown_steps(s) + delta, 1, total);
  // The last step is stored as 0, "all": a longer decoding then shows all of it too.
  set_setting(s, "bahdanau.step", std::to_string(next == total ? 0 : next));
}

void BahdanauLab::model_section(AppState& s) {
  if (!section(s, "Model", "section.bahdanau_model")) return;
  if (action_button(s, "Shipped model", "bahdanau.shipped",
                    "English -> French phrases (assets/models/bahdanau.safetensors): model.path"))
    open_model(s, kShippedModel);
  ImGui::SameLine();
  if (action_button(s, "Open model…##bahdanau", "bahdanau.open",
                    "Any .safetensors model (model.path); a Transformer opens in its lab"))
    s.prompt_request = PathPrompt::OpenModel;
  const bahdanau::Model* m = model(s);
  if (!model_note_.empty()) wrapped_text(m ? warning_color() : error_color(), model_note_);
  if (!m) return;
  const bahdanau::Config& c = m->config;
  if (s.lab.settings().bahdanau_show_training)
    ImGui::TextWrapped("The model training in the window (its last epoch)");
  else
    elided_text(file_model_ ? loaded_path_ : std::string(kShippedModel), Elide::Start);
  ImGui::Text("GRU encoder-decoder · E %d · H %d · %s", c.embed_size, c.num_hiddens,
              fig::count(static_cast<std::size_t>(c.num_layers), "layer").c_str());
  ImGui::Text("vocabularies %d / %d · %lld parameters", c.src_vocab.size(), c.tgt_vocab.size(),
              static_cast<long long>(bahdanau::parameter_count(c)));
}

void BahdanauLab::input_section(AppState& s) {
  if (!section(s, "Input", "section.bahdanau_input")) return;
  text_field(s, "Source", "input.src");
  const bahdanau::BahdanauRun* run = update_run(s);
  if (run) {
    ImGui::TextWrapped("The encoder reads: %s", tf::join_words(run->source).c_str());
    if (std::find(run->source_unknown.begin(), run->source_unknown.end(), true) !=
        run->source_unknown.end())
      wrapped_text(warning_color(),
                   "Words in red in the alignment are not in the vocabulary "
                   "(they read as <unk>).");
  } else if (!error_.empty()) {
    wrapped_text(error_color(), error_);
  }
  text_field(s, "Target", "input.tgt");
  help_text("Empty: greedy decoding. Words: the decoder is teacher-forced on <bos> + them.");
  number_field(s, "Max steps", "decode.max_steps");
}

void BahdanauLab::decoding_section(AppState& s) {
  if (!section(s, "Decoding", "section.bahdanau_decoding")) return;
  if (action_button(s, "< Back##bahdanau", "bahdanau.back", "One decoder step back (Left arrow)"))
    step(s, -1);
  ImGui::SameLine();
  if (action_button(s, "Next >##bahdanau", "bahdanau.next", "One decoder step on (Right arrow)"))
    step(s, 1);
  ImGui::SameLine();
  if (action_button(s, "All##bahdanau", "bahdanau.all", "Every step (End)"))
    set_setting(s, "bahdanau.step", "0");
  if (!run_) return;
  const int shown = shown_steps(s);
  const auto t = static_cast<std::size_t>(shown - 1);
  ImGui::Text("Step %d of %zu", shown, run_->steps.size());
  ImGui::TextWrapped(
      "Query: the decoder's state after '%s'; it scores every source word, "
      "reads their weighted sum (the context) and chooses '%s'.",
      run_->decoder_tokens[t].c_str(), run_->chosen[t].c_str());
  if (!run_->teacher_forced)
    ImGui::TextWrapped("Greedy decoding: %s", tf::join_words(run_->output).c_str());
  if (!run_->note.empty() && shown == static_cast<int>(run_->steps.size()))
    wrapped_text(warning_color(), run_->note);
  number_field(s, "Key", "bahdanau.key");
  help_text(
      "Hover a heatmap cell or a word of the alignment: that step and key everywhere. "
      "Click a cell to select it.");
}

void BahdanauLab::controls(AppState& s) {
  focus_ = {};
  ImGui::PushItemWidth(-ImGui::GetFontSize() * 6);
  model_section(s);
  input_section(s);
  decoding_section(s);
  training_.controls(s);
  ImGui::PopItemWidth();
}

void BahdanauLab::read_mouse(AppState& s, const FigureInput& weights,
                             const FigureInput& alignment) {
  hovered_pair_.reset();
  if (!run_) return;
  const int steps = shown_steps(s);
  const auto keys = static_cast<int>(run_->source.size());
  const fig::BahdanauScene selected = fig::settings_scene(*run_, s.lab.settings());
  const auto cell_at = [&](const FigureInput& in) -> std::optional<Cell> {
    if (in.panel != 0 || weights_.shown.panels.empty() || weights_.layout.panels.empty() ||
        !weights_.shown.panels[0].heatmap)
      return std::nullopt;
    return heatmap_cell(weights_.layout.panels[0], *weights_.shown.panels[0].heatmap, in.mouse);
  };
  if (weights.hovered && weights_.gesture.kind == Gesture::Kind::None)
    if (const auto c = cell_at(weights)) hovered_pair_ = {c->row, c->col};
  if (weights.click)
    if (weights.click->panel == 0 && !weights_.layout.panels.empty() &&
        weights_.shown.panels[0].heatmap)
      if (const auto c = heatmap_cell(weights_.layout.panels[0], *weights_.shown.panels[0].heatmap,
                                      weights.click->pixel)) {
        set_setting(s, "bahdanau.key", std::to_string(c->col));
        const auto total = static_cast<int>(run_->steps.size());
        set_setting(s, "bahdanau.step", std::to_string(c->row + 1 == total ? 0 : c->row + 1));
      }
  // A word of the diagram: the nearest token of the row the mouse is nearer to.
  if (alignment.hovered && alignment.panel == 0) {
    const auto i = static_cast<int>(std::lround(alignment.data.x));
    const bool source = alignment.data.y > 0.5;
    if (source && i >= 0 && i < keys) {
      focus_ = {fig::AlignmentWord::Side::Source, i};
      hovered_pair_ = {steps - 1, i};
    } else if (!source && i >= 0 && i < steps) {
      focus_ = {fig::AlignmentWord::Side::Output, i};
      hovered_pair_ = {i, selected.key};
    }
  }
  if (alignment.click && alignment.click->panel == 0 && alignment.click->data.y > 0.5) {
    const auto i = static_cast<int>(std::lround(alignment.click->data.x));
    if (i >= 0 && i < keys) set_setting(s, "bahdanau.key", std::to_string(i));
  }
}

void BahdanauLab::figures(AppState& s, const fig::Rect& r) {
  update_run(s);
  const auto [weights, alignment, score, training] =
      two_by_two(r, kTopShare, kWeightsShare, kScoreShare);

  // Input first, through last frame's layouts: the hovered pair lands in this frame's drawing.
  const FigureInput weights_in = figure_input(weights_, weights.figure, s.ui_scale);
  const FigureInput alignment_in = figure_input(alignment_, alignment.figure, s.ui_scale);
  figure_input(score_, score.figure, s.ui_scale);
  figure_input(training_.view(), training.figure, s.ui_scale);
  read_mouse(s, weights_in, alignment_in);

  revision_.update(ViewKey{s.lab.revision(), run_id_, hovered_pair_, focus_});
  const fig::FigureContext ctx{-1, /*table=*/false};
  show_figure(s, weights_, ctx);
  show_figure(s, alignment_, ctx);
  show_figure(s, score_, ctx);
  show_figure(s, training_.view(), ctx);
  figure_toolbar(s, weights_, weights.bar, "hover a cell: that pair everywhere · click: select");
  figure_toolbar(s, alignment_, alignment.bar, "hover a word: only its links");
  figure_toolbar(s, score_, score.bar, "the followed step and key, part by part");
  figure_toolbar(s, training_.view(), training.bar, nullptr);
}

void BahdanauLab::shortcuts(AppState& s) {
  if (ImGui::GetIO().KeyCtrl) return;
  if (ImGui::IsKeyPressed(GLFW_KEY_LEFT, true)) step(s, -1);
  if (ImGui::IsKeyPressed(GLFW_KEY_RIGHT, true)) step(s, 1);
  if (ImGui::IsKeyPressed(GLFW_KEY_HOME, false)) step(s, -1000000);
  if (ImGui::IsKeyPressed(GLFW_KEY_END, false)) set_setting(s, "bahdanau.step", "0");
}

std::vector<FigureView*> BahdanauLab::views(AppState&) {
  return {&weights_, &alignment_, &score_, &training_.view()};
}

void BahdanauLab::advance(AppState& s, double) {
  training_.advance(s);
}

std::string BahdanauLab::status(const AppState& s) const {
  if (!run_) return "no run";
  const fig::BahdanauScene sc = scene(s);
  std::string out = "Bahdanau · step ";
  out += std::to_string(sc.steps);
  out += " of ";
  out += std::to_string(run_->steps.size());
  out += " | ";
  out += hovered_pair_ ? "hovered" : "followed";
  out += ": step ";
  out += std::to_string(sc.step);
  out += " · key ";
  out += std::to_string(sc.key);
  out += " '";
  out += run_->source[static_cast<std::size_t>(sc.key)];
  out += "' · weight ";
  out += fig::label_number(run_->weights(sc.step, sc.key));
  return out;
}

}  // namespace al::gui
