// The positional-encoding lab (see positional_encoding_lab.hpp).
#include "positional_encoding_lab.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "app/figure/number_format.hpp"
#include "app/figure/positional_encoding_figures.hpp"
#include "app/gui/actions.hpp"
#include "app/gui/view_slots.hpp"
#include "app/gui/widgets/setting_widgets.hpp"
#include "engine/transformer/embedding.hpp"
#include "engine/transformer/model_file.hpp"

namespace al::gui {
namespace {

// The table's share of the figure area's width and the top row's share of its height.
constexpr double kLeftShare = 0.6, kTopShare = 0.5;

constexpr const char* kAbout =
    "A Transformer sees its input as a set: attention alone does not know which word came "
    "first. The sinusoidal positional encoding adds row i of P to the embedding at position i: "
    "column pair j holds sin(i w_j) and cos(i w_j) with w_j = 10000^(-2j/d), so the first "
    "columns alternate fast and the later ones slowly, as the bits of a counter do. Two facts "
    "make it useful: the dot product of two rows depends only on how far apart they are, and "
    "moving by delta positions is one fixed rotation of each column pair, whatever the position.";

}  // namespace

PositionalEncodingLab::PositionalEncodingLab()
    : table_(shown_settings_view("positional-encoding", *this, fig::positional_encoding_figure)),
      offsets_(shown_settings_view("positional-encoding-offsets", *this,
                                   fig::positional_encoding_offsets_figure)),
      rotation_(shown_settings_view("positional-encoding-rotation", *this,
                                    fig::positional_encoding_rotation_figure)),
      binary_(shown_settings_view("positional-encoding-binary", *this,
                                  fig::positional_encoding_binary_figure)),
      learned_(
          "positional-encoding-learned",
          [this](const AppState& s, const fig::FigureContext& ctx) -> Expected<fig::Figure> {
            if (!model_) return Error{model_error_};
            return fig::learned_positions_figure(*model_, shown_settings(s), ctx);
          },
          revision_.source()) {
  table_.zoom_heatmaps = true;
  offsets_.zoom_heatmaps = true;
}

void PositionalEncodingLab::load_model(const AppState& s) {
  const std::string& path = s.lab.settings().model_path;
  if (path == loaded_path_ && (model_ || !model_error_.empty())) return;
  loaded_path_ = path;
  model_.reset();
  model_error_.clear();
  if (path.empty()) {
    model_error_ = "model.path: open a Transformer trained with tf.positional=learned";
    return;
  }
  auto loaded = tf::load_model(path);
  if (!loaded) {
    model_error_ = loaded.error();
    return;
  }
  model_ = std::make_shared<const tf::Transformer<float>>(std::move(loaded).value());
}

Settings PositionalEncodingLab::shown_settings(const AppState& s) const {
  Settings shown = s.lab.settings();
  if (hovered_) shown.pe_position = *hovered_;
  return shown;
}

void PositionalEncodingLab::controls(AppState& s) {
  const Settings& st = s.lab.settings();
  ImGui::PushItemWidth(-ImGui::GetFontSize() * 7.5f);  // room for "Dimension d"
  if (section(s, "About this lab", "section.pe_about")) help_text(kAbout);
  if (section(s, "The table P", "section.pe_table")) {
    number_field(s, "Dimension d", "pe.dim", 2.0);
    number_field(s, "Positions", "pe.positions");
    help_text(
        "P has a row per position and a column per dimension; d is even (sin and cos "
        "come in pairs).");
  }
  if (section(s, "Follow", "section.pe_follow")) {
    int_slider(s, "Position i", "pe.position", 0, std::max(0, st.pe_positions - 1));
    int_slider(s, "Column", "pe.column", 0, std::max(0, st.pe_dim - 1));
    linear_slider(s, "Offset δ", "pe.delta", -static_cast<float>(st.pe_positions),
                  static_cast<float>(st.pe_positions), "%.1f");
    const int j = fig::followed_pair(st);
    std::string pair = "Pair j = " + std::to_string(j) + " (columns " + std::to_string(2 * j) +
                       ", " + std::to_string(2 * j + 1) +
                       "): w_j = " + fig::label_number(tf::positional_frequency(2 * j, st.pe_dim)) +
                       ", a period of " +
                       fig::label_number(2 * M_PI / tf::positional_frequency(2 * j, st.pe_dim)) +
                       " positions.";
    help_text(pair.c_str());
    choice_combo(s, "Bottom right", "view.pe_bottom");
    help_text(
        "Hover any view for a position; click P or its curves to follow it, a cell of P "
        "to take its column too, the offsets' curve to set δ. ←/→ move the position.");
  }
  ImGui::PopItemWidth();
}

void PositionalEncodingLab::read_mouse(AppState& s, const FigureInput& table,
                                       const FigureInput& offsets, const FigureInput& binary) {
  hovered_.reset();
  const int n = s.lab.settings().pe_positions;
  const auto position = [n](double x) -> std::optional<int> {
    const auto i = static_cast<int>(std::lround(x));
    if (i < 0 || i >= n) return std::nullopt;
    return i;
  };
  const auto cell = [](const FigureView& v, int panel, fig::Vec2 pixel) -> std::optional<Cell> {
    if (panel < 0 || panel >= static_cast<int>(v.shown.panels.size()) ||
        panel >= static_cast<int>(v.layout.panels.size()) ||
        !v.shown.panels[static_cast<std::size_t>(panel)].heatmap)
      return std::nullopt;
    const auto p = static_cast<std::size_t>(panel);
    return heatmap_cell(v.layout.panels[p], *v.shown.panels[p].heatmap, pixel);
  };
  // P: the curves' x is a position; a cell of the heatmap gives a position and a column.
  if (table.hovered && table_.gesture.kind == Gesture::Kind::None) {
    if (table.panel == 0) hovered_ = position(table.data.x);
    if (const auto c = cell(table_, table.panel, table.mouse); c && table.panel == 1)
      hovered_ = c->row;
  }
  if (table.click) {
    if (table.click->panel == 0)
      if (const auto i = position(table.click->data.x))
        set_setting(s, "pe.position", std::to_string(*i));
    if (const auto c = cell(table_, table.click->panel, table.click->pixel);
        c && table.click->panel == 1) {
      set_setting(s, "pe.position", std::to_string(c->row));
      set_setting(s, "pe.column", std::to_string(c->col));
    }
  }
  // The dot products: a row of the matrix is a position; the curve's x an offset.
  if (offsets.hovered && offsets_.gesture.kind == Gesture::Kind::None && offsets.panel == 0)
    if (const auto c = cell(offsets_, 0, offsets.mouse)) hovered_ = c->row;
  if (offsets.click && offsets.click->panel == 0)
    if (const auto c = cell(offsets_, 0, offsets.click->pixel))
      set_setting(s, "pe.position", std::to_string(c->row));
  if (offsets.click && offsets.click->panel == 1)
    set_setting(s, "pe.delta", fig::shortest_number(std::round(offsets.click->data.x)));
  // The binary counter's rows are positions 0 to 7.
  const FigureView& corner =
      s.lab.settings().view_pe_bottom == PositionalBottom::Learned ? learned_ : binary_;
  if (binary.hovered && corner.gesture.kind == Gesture::Kind::None)
    if (const auto c = cell(corner, binary.panel, binary.mouse); c && c->row < n) hovered_ = c->row;
}

void PositionalEncodingLab::figures(AppState& s, const fig::Rect& r) {
  const auto [table, rotation, offsets, binary] = two_by_two(r, kTopShare, kLeftShare, kLeftShare);

  // Input first, through last frame's layouts: the hovered position lands in this frame.
  const FigureInput table_in = figure_input(table_, table.figure, s.ui_scale);
  const FigureInput offsets_in = figure_input(offsets_, offsets.figure, s.ui_scale);
  figure_input(rotation_, rotation.figure, s.ui_scale);
  const bool learned = s.lab.settings().view_pe_bottom == PositionalBottom::Learned;
  if (learned) load_model(s);
  FigureView& corner = learned ? learned_ : binary_;
  const FigureInput binary_in = figure_input(corner, binary.figure, s.ui_scale);
  read_mouse(s, table_in, offsets_in, binary_in);

  revision_.update(ViewKey{s.lab.revision(), hovered_});
  const fig::FigureContext ctx{-1, /*table=*/false};
  show_figure(s, table_, ctx);
  show_figure(s, offsets_, ctx);
  show_figure(s, rotation_, ctx);
  show_figure(s, corner, ctx);
  figure_toolbar(s, table_, table.bar, "hover: a position everywhere · click: follow it");
  figure_toolbar(s, rotation_, rotation.bar, "one rotation R(δ) for every position");
  figure_toolbar(s, offsets_, offsets.bar, "P_i · P_k depends only on k − i · click: set δ");
  figure_toolbar(s, corner, binary.bar,
                 learned ? "cosines between rows: learned (model.path) and sinusoidal"
                         : "the book's binary counter beside P");
}

void PositionalEncodingLab::shortcuts(AppState& s) {
  if (ImGui::GetIO().KeyCtrl) return;
  const Settings& st = s.lab.settings();
  const auto move = [&](int to) {
    set_setting(s, "pe.position", std::to_string(std::clamp(to, 0, st.pe_positions - 1)));
  };
  if (ImGui::IsKeyPressed(GLFW_KEY_LEFT, true)) move(st.pe_position - 1);
  if (ImGui::IsKeyPressed(GLFW_KEY_RIGHT, true)) move(st.pe_position + 1);
}

std::vector<FigureView*> PositionalEncodingLab::views(AppState& s) {
  FigureView* corner =
      s.lab.settings().view_pe_bottom == PositionalBottom::Learned ? &learned_ : &binary_;
  return {&table_, &offsets_, &rotation_, corner};
}

std::string PositionalEncodingLab::status(const AppState& s) const {
  const Settings shown = shown_settings(s);
  const int j = fig::followed_pair(shown);
  std::string out = "Positional encoding · P ";
  out += std::to_string(shown.pe_positions);
  out += " x ";
  out += std::to_string(shown.pe_dim);
  out += " | ";
  out += hovered_ ? "hovered" : "followed";
  out += ": position ";
  out += std::to_string(fig::followed_position(shown));
  out += " · pair ";
  out += std::to_string(j);
  out += " (w = ";
  out += fig::label_number(tf::positional_frequency(2 * j, shown.pe_dim));
  out += ") · δ = ";
  out += fig::label_number(shown.pe_delta);
  return out;
}

}  // namespace al::gui
