// The figure widget (see figure_view.hpp).
#include "figure_view.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <initializer_list>
#include <string_view>

#include "actions.hpp"
#include "app/figure/comparison.hpp"
#include "app/figure/number_format.hpp"
#include "imgui_canvas.hpp"
#include "record_control.hpp"
#include "theme.hpp"
#include "widgets/setting_widgets.hpp"

namespace al::gui {
namespace {

// A press that moves less than this (pixels, times the UI scale) and is released is a click.
constexpr double kClickTolerance = 3.0;

struct ExportFormat {
  const char* name;
  const char* extension;
};
constexpr std::array<ExportFormat, 4> kExportFormats = {
    {{"PNG", ".png"}, {"SVG", ".svg"}, {"PDF", ".pdf"}, {"CSV", ".csv"}}};

ImVec2 to_im(fig::Vec2 p) {
  return ImVec2(static_cast<float>(p.x), static_cast<float>(p.y));
}

// The gesture state after this frame's left-button events on the view's input item.
void track_gesture(FigureView& view, FigureInput& in, const PressClaim& claim, float ui_scale) {
  Gesture& g = view.gesture;
  PendingClick& pending = view.pending_click;
  const double now = ImGui::GetTime();

  // A click is reported once a second press could no longer make it a double-click.
  if (pending.waiting && now - pending.press_time > ImGui::GetIO().MouseDoubleClickTime) {
    in.click = pending;
    pending.waiting = false;
  }

  if (ImGui::IsItemActivated()) {
    if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) {
      // Double-click: back to the builder's limits; the first click is forgotten.
      view.limits.clear();
      pending.waiting = false;
      g = {};
    } else {
      // A second press that is no double-click (too far away): the first click stands alone.
      if (pending.waiting) {
        in.click = pending;
        pending.waiting = false;
      }
      if (in.panel >= 0) {
        g.kind = claim && claim(in.panel, in.mouse) ? Gesture::Kind::Own : Gesture::Kind::Pan;
        g.panel = in.panel;
        g.press = in.mouse;
        g.press_time = now;
        g.at_press = view.layout.panels[in.panel];
        g.moved = false;
        in.pressed = true;
      }
    }
  }

  if (ImGui::IsItemActive() && g.kind != Gesture::Kind::None) {
    if (std::hypot(in.mouse.x - g.press.x, in.mouse.y - g.press.y) > kClickTolerance * ui_scale)
      g.moved = true;
    // Heatmaps pan only in views that zoom them.
    if (g.moved && g.kind == Gesture::Kind::Pan && (!g.at_press.heatmap || view.zoom_heatmaps)) {
      set_override(view.limits, g.panel, pan(g.at_press, g.press, in.mouse));
      view.anchor = Anchor{g.panel, in.mouse, g.at_press.to_data(g.press)};
    }
    in.own_drag = g.moved && g.kind == Gesture::Kind::Own;
  }

  if (ImGui::IsItemDeactivated() && g.kind != Gesture::Kind::None) {
    in.released = true;
    if (!g.moved && g.kind == Gesture::Kind::Pan)
      pending = {true, g.press_time, g.panel, g.press, g.at_press.to_data(g.press)};
    g = {};
  }
}

// "query 12 (x = 1.20) · key 30 (x = 3.05) · weight 0.0132", or with tokens "query 1 'je' · key 2
// '.' · weight 0.41"
std::string cell_text(const fig::Heatmap& h, Cell c) {
  // Appended piece by piece: chained operator+ gives GCC 12 a false -Wrestrict.
  const auto append = [](std::string& out, std::initializer_list<std::string_view> parts) {
    for (std::string_view p : parts) out += p;
  };
  using fig::label_number;
  std::string text;
  if (!h.name.empty()) append(text, {h.name, " · "});
  if (static_cast<int>(h.row_labels.size()) > c.row &&
      static_cast<int>(h.col_labels.size()) > c.col)
    append(text, {"query ", std::to_string(c.row), " '", h.row_labels[c.row], "' · key ",
                  std::to_string(c.col), " '", h.col_labels[c.col], "' · "});
  else if (static_cast<int>(h.row_coords.size()) > c.row &&
           static_cast<int>(h.col_coords.size()) > c.col)
    append(text, {"query ", std::to_string(c.row), " (x = ", label_number(h.row_coords[c.row]),
                  ") · key ", std::to_string(c.col), " (x = ", label_number(h.col_coords[c.col]),
                  ") · "});
  else
    append(text, {"row ", std::to_string(c.row), " · column ", std::to_string(c.col), " · "});
  if (static_cast<int>(h.undefined_rows.size()) > c.row && h.undefined_rows[c.row])
    append(text, {h.value_label, " undefined (no key in reach)"});
  else if (h.causal && c.col > c.row)
    append(text, {"masked: a later position (", h.value_label, " exactly 0)"});
  else if (h.valid_cols && c.col >= *h.valid_cols)
    append(text, {"masked: past the valid length ", std::to_string(*h.valid_cols),
                  " (score replaced by -1e6, weight exactly 0)"});
  else
    append(text, {h.value_label, " ", label_number((*h.values)(c.row, c.col))});
  return text;
}

void hover_tooltip(const FigureView& view) {
  if (!view.hovered || view.gesture.kind != Gesture::Kind::None) return;
  const ImVec2 m = ImGui::GetIO().MousePos;
  const fig::Vec2 mouse{m.x, m.y};
  const int i = panel_at(view.layout, mouse);
  if (i < 0 || i >= static_cast<int>(view.shown.panels.size())) return;
  const fig::Panel& panel = view.shown.panels[i];
  const fig::PanelLayout& layout = view.layout.panels[i];
  std::string text;
  if (panel.heatmap && panel.heatmap->values) {
    const auto cell = heatmap_cell(layout, *panel.heatmap, mouse);
    if (!cell) return;
    text = cell_text(*panel.heatmap, *cell);
  } else {
    const fig::Vec2 d = layout.to_data(mouse);
    const long long at = std::llround(d.x);
    if (at >= 0 && at < static_cast<long long>(panel.x.labels.size())) {
      // Bars over text labels (tokens): the label under the mouse.
      text = panel.x.labels[static_cast<std::size_t>(at)];
    } else {
      text = panel.x.label.empty() ? std::string("x") : panel.x.label;
      text += " = ";
      text += fig::label_number(d.x);
    }
    text += " · ";
    text += panel.y.label.empty() ? std::string("y") : panel.y.label;
    text += " = ";
    text += fig::label_number(d.y);
  }
  ImGui::BeginTooltip();
  ImGui::TextUnformatted(text.c_str());
  ImGui::EndTooltip();
}

void export_popup(AppState& s, FigureView& view) {
  ExportDialog& d = view.export_dialog;
  const std::string name = "export." + view.name;
  ImGui::Text("Export \"%s\" as shown", view.name.c_str());
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
  if (ImGui::BeginCombo("Format", kExportFormats[d.format].name)) {
    for (int i = 0; i < static_cast<int>(kExportFormats.size()); ++i) {
      if (ImGui::Selectable(kExportFormats[i].name, i == d.format)) {
        d.format = i;
        d.path = std::filesystem::path(d.path).replace_extension(kExportFormats[i].extension);
      }
      record_control(s, name + ".format=" + kExportFormats[i].name);
    }
    ImGui::EndCombo();
  }
  record_control(s, name + ".format");
  if (d.format == 0) {
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
    ImGui::SliderInt("Scale", &d.scale, 1, 4, "%d×", ImGuiSliderFlags_AlwaysClamp);
    record_control(s, name + ".scale");
  }
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 16);
  const bool enter = ImGui::InputText("File", &d.path, ImGuiInputTextFlags_EnterReturnsTrue);
  record_control(s, name + ".path");
  const bool save = ImGui::Button("Save");
  record_control(s, name + ".save");
  if (save || enter) {
    export_view(s, view, d.path, d.format == 0 ? d.scale : 1);
    ImGui::CloseCurrentPopup();
  }
  ImGui::SameLine();
  const bool cancel = ImGui::Button("Cancel");
  record_control(s, name + ".cancel");
  if (cancel || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false))
    ImGui::CloseCurrentPopup();
}

// Lays the figure out with the new limits (drawing nothing) and shifts the anchored panel's
// limits so that the anchored data point lands back under its pixel.
void keep_anchor(FigureView& view, const fig::Figure& built, const FontSet& fonts,
                 const fig::Style& style) {
  const Anchor anchor = *view.anchor;
  view.anchor.reset();
  if (anchor.panel >= static_cast<int>(view.limits.size()) || !view.limits[anchor.panel]) return;
  LayoutProbe probe(fonts);
  const fig::FigureLayout trial =
      fig::draw_figure(with_limits(built, view.limits), probe, view.area, style);
  if (anchor.panel >= static_cast<int>(trial.panels.size())) return;
  const fig::Vec2 landed = trial.panels[anchor.panel].to_data(anchor.pixel);
  AxisLimits& l = *view.limits[anchor.panel];
  const double dx = anchor.data.x - landed.x, dy = anchor.data.y - landed.y;
  l.x_min += dx, l.x_max += dx, l.y_min += dy, l.y_max += dy;
}

// A heatmap comparison's B − A is a new matrix at every build, unnamed (revision 0): a revision
// of this build's own (far from the labs' counts) lets the renderer keep its image between frames
// instead of drawing the matrix again each frame.
void name_difference(fig::Figure& f, int builds) {
  for (fig::Panel& p : f.panels)
    if (p.heatmap && p.heatmap->revision == 0)
      p.heatmap->revision = (std::uint64_t{1} << 62) + static_cast<std::uint64_t>(builds);
}

}  // namespace

int panel_at(const fig::FigureLayout& layout, fig::Vec2 pixel) {
  for (std::size_t i = 0; i < layout.panels.size(); ++i)
    if (layout.panels[i].plot.contains(pixel)) return static_cast<int>(i);
  return -1;
}

std::optional<Cell> heatmap_cell(const fig::PanelLayout& layout, const fig::Heatmap& heatmap,
                                 fig::Vec2 pixel) {
  if (!layout.heatmap || !heatmap.values || !layout.plot.contains(pixel)) return std::nullopt;
  // Cell (r, c) is centred at data (c, r).
  const fig::Vec2 d = layout.to_data(pixel);
  const Cell c{static_cast<int>(std::lround(d.y)), static_cast<int>(std::lround(d.x))};
  if (c.row < 0 || c.row >= heatmap.values->rows() || c.col < 0 || c.col >= heatmap.values->cols())
    return std::nullopt;
  return c;
}

std::optional<Cell> heatmap_cell_at(const FigureView& view, int panel, fig::Vec2 pixel) {
  if (panel < 0 || panel >= static_cast<int>(view.shown.panels.size()) ||
      panel >= static_cast<int>(view.layout.panels.size()))
    return std::nullopt;
  const auto& heatmap = view.shown.panels[static_cast<std::size_t>(panel)].heatmap;
  if (!heatmap) return std::nullopt;
  return heatmap_cell(view.layout.panels[static_cast<std::size_t>(panel)], *heatmap, pixel);
}

FigureInput figure_input(FigureView& view, const fig::Rect& area, float ui_scale,
                         const PressClaim& claim) {
  view.area = area;
  FigureInput in;
  const ImGuiIO& io = ImGui::GetIO();
  ImGui::SetCursorScreenPos(to_im({area.x0, area.y0}));
  ImGui::InvisibleButton(view.name.c_str(),
                         ImVec2(std::max(1.0f, static_cast<float>(area.width())),
                                std::max(1.0f, static_cast<float>(area.height()))));
  in.hovered = view.hovered = ImGui::IsItemHovered();
  in.mouse = {io.MousePos.x, io.MousePos.y};
  if (in.hovered) in.panel = panel_at(view.layout, in.mouse);
  const int data_panel = view.gesture.kind != Gesture::Kind::None ? view.gesture.panel : in.panel;
  if (data_panel >= 0 && data_panel < static_cast<int>(view.layout.panels.size()))
    in.data = view.layout.panels[data_panel].to_data(in.mouse);

  track_gesture(view, in, claim, ui_scale);

  // Wheel zoom about the cursor; heatmaps only in views that zoom them.
  if (in.panel >= 0 && io.MouseWheel != 0 &&
      (!view.layout.panels[in.panel].heatmap || view.zoom_heatmaps)) {
    const fig::PanelLayout& layout = view.layout.panels[in.panel];
    set_override(view.limits, in.panel,
                 zoom_about(layout, in.mouse, wheel_zoom_factor(io.MouseWheel)));
    view.anchor = Anchor{in.panel, in.mouse, layout.to_data(in.mouse)};
  }
  in.right_clicked = in.hovered && ImGui::IsMouseClicked(ImGuiMouseButton_Right);
  return in;
}

void show_figure(AppState& s, FigureView& view, const fig::FigureContext& ctx) {
  const fig::Rect& a = view.area;
  const Settings& settings = s.lab.settings();
  const fig::Style style{s.ui_scale, settings.view_font_size,
                         settings.view_presentation ? kProjectorStroke : 1.0,
                         settings.view_contrast};
  FigureCache& cache = view.cache;
  const std::uint64_t revision = view.revision(s);
  if (!cache.valid || cache.revision != revision || cache.query != ctx.query ||
      cache.compare_changes != view.compare.changes) {
    auto built = view.build(s, ctx);
    cache.error.clear();
    if (!built) {
      cache.figure = {};
      cache.error = built.error();
    } else if (!view.compare.active()) {
      cache.figure = std::move(built).value();
    } else {
      cache.live = std::move(built).value();
      const ViewComparison& c = view.compare;
      auto compared = fig::compare_figures(*c.a, c.b ? *c.b : cache.live, ctx.table);
      if (compared) {
        cache.figure = std::move(compared).value();
        name_difference(cache.figure, cache.builds);
      } else {
        cache.figure = {};
        cache.error = compared.error() + " (A/B > Clear drops A)";
      }
    }
    cache.revision = revision;
    cache.query = ctx.query;
    cache.compare_changes = view.compare.changes;
    cache.valid = true;
    ++cache.builds;
  }
  if (!cache.error.empty()) {
    // A figure that cannot be made (a model file gone bad, an input the model refuses) says why
    // where it would be; the last good one is not kept, so nothing stale is shown.
    view.layout = {};
    view.shown = {};
    ImGui::SetCursorScreenPos(to_im({a.x0 + ImGui::GetFontSize(), a.y0 + ImGui::GetFontSize()}));
    ImGui::PushTextWrapPos(static_cast<float>(a.x1) - ImGui::GetFontSize());
    ImGui::PushStyleColor(ImGuiCol_Text, error_color());
    ImGui::TextWrapped("%s", cache.error.c_str());
    ImGui::PopStyleColor();
    ImGui::PopTextWrapPos();
    return;
  }
  if (view.anchor) keep_anchor(view, cache.figure, s.fonts, style);
  fig::Figure shown = with_limits(cache.figure, view.limits);
  // An export gets the proportions seen on screen; its natural size is in unscaled points.
  shown.width = a.width() / s.ui_scale;
  shown.height = a.height() / s.ui_scale;
  if (view.compare.active()) fig::fit_comparison_grid(shown, shown.width, shown.height);

  ImDrawList* draw_list = ImGui::GetWindowDrawList();
  draw_list->PushClipRect(to_im({a.x0, a.y0}), to_im({a.x1, a.y1}), true);
  ImGuiCanvas canvas(draw_list, s.fonts, view.textures);
  view.layout = fig::draw_figure(shown, canvas, a, style);
  draw_list->PopClipRect();
  view.shown = std::move(shown);

  hover_tooltip(view);
}

constexpr const char* kExportLabel = "Export…";
constexpr const char* kCompareLabel = "A/B";

namespace {

float small_button_width(const char* label) {
  return ImGui::CalcTextSize(label).x + 2 * ImGui::GetStyle().FramePadding.x;
}

// The A/B popup: take snapshot A, pin B (a second snapshot in place of the live figure), clear.
void compare_popup(AppState& s, FigureView& view) {
  ViewComparison& c = view.compare;
  const std::string name = "compare." + view.name;
  const bool can_snap =
      view.cache.valid && view.cache.error.empty() && !live_figure(view).panels.empty();
  if (ImGui::MenuItem(c.active() ? "Snapshot A again" : "Snapshot A", nullptr, false, can_snap)) {
    c.a = fig::snapshot(live_figure(view));
    c.a_settings = s.lab.settings();
    compare_changed(view);
    show_message(s, "A: " + view.name + " as it is now; change a setting to compare");
  }
  record_control(s, name + ".snapshot");
  if (!c.active()) return;
  if (ImGui::MenuItem("Pin B", nullptr, c.b.has_value())) {
    if (c.b) {
      c.b.reset();
      c.b_settings.reset();
    } else {
      c.b = fig::snapshot(view.cache.live);
      c.b_settings = s.lab.settings();
    }
    compare_changed(view);
  }
  record_control(s, name + ".pin");
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Keep B as it is now: two snapshots compared; unpin for the live figure");
  if (ImGui::MenuItem("Clear")) {
    c.clear();
    compare_changed(view);
  }
  record_control(s, name + ".clear");
}

}  // namespace

const fig::Figure& live_figure(const FigureView& view) {
  return view.compare.active() ? view.cache.live : view.cache.figure;
}

void compare_changed(FigureView& view) {
  ++view.compare.changes;
  view.limits.clear();
}

float toolbar_buttons_width() {
  return small_button_width(kCompareLabel) + ImGui::GetStyle().ItemSpacing.x +
         small_button_width(kExportLabel);
}

void toolbar_tabs(AppState& s, const fig::Rect& row, const char* id, std::string_view key,
                  const std::vector<std::pair<std::string, std::string>>& tabs,
                  std::string& shown) {
  ImGui::SetCursorScreenPos(ImVec2(static_cast<float>(row.x0), static_cast<float>(row.y0)));
  const float width = std::max(1.0f, static_cast<float>(row.width()) - toolbar_buttons_width() -
                                         ImGui::GetStyle().ItemSpacing.x);
  const std::string child = std::string(id) + "_row";
  ImGui::BeginChild(child.c_str(), ImVec2(width, ImGui::GetFrameHeightWithSpacing()), false,
                    ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoBackground);
  setting_tabs(s, id, key, tabs, shown);
  ImGui::EndChild();
}

void figure_toolbar(AppState& s, FigureView& view, const fig::Rect& row, const char* hint) {
  const float buttons_w = toolbar_buttons_width();
  const float text_y = static_cast<float>(row.y0 + (row.height() - ImGui::GetTextLineHeight()) / 2);
  const float right = static_cast<float>(row.x1);
  // The hint only when it fits whole beside the buttons.
  const float room =
      right - buttons_w - ImGui::GetStyle().ItemSpacing.x - static_cast<float>(row.x0);
  if (hint && ImGui::CalcTextSize(hint).x <= room)
    ImGui::GetWindowDrawList()->AddText(ImVec2(static_cast<float>(row.x0), text_y),
                                        ImGui::GetColorU32(ImGuiCol_TextDisabled), hint);
  ImGui::SetCursorScreenPos(ImVec2(right - buttons_w, text_y));
  ImGui::PushID(view.name.c_str());

  // A/B: lit while the view compares.
  const bool comparing = view.compare.active();
  if (comparing) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetColorU32(ImGuiCol_ButtonActive));
  const bool compare_pressed = ImGui::SmallButton(kCompareLabel);
  if (comparing) ImGui::PopStyleColor();
  record_control(s, "compare." + view.name);
  if (compare_pressed) ImGui::OpenPopup("compare");
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip(comparing ? "Comparing with snapshot A: B − A, or A's curves dimmed"
                                : "Snapshot this figure as A, then compare what it becomes");
  if (ImGui::BeginPopup("compare")) {
    compare_popup(s, view);
    ImGui::EndPopup();
  }

  ImGui::SameLine();
  const bool pressed = ImGui::SmallButton(kExportLabel);
  record_control(s, "export." + view.name);
  if (pressed) {
    ExportDialog& d = view.export_dialog;
    if (d.path.empty()) d.path = view.name + kExportFormats[d.format].extension;
    ImGui::OpenPopup("export");
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Save this figure as shown: PNG, SVG, PDF or CSV");
  if (ImGui::BeginPopup("export")) {
    export_popup(s, view);
    ImGui::EndPopup();
  }
  ImGui::PopID();
}

}  // namespace al::gui
