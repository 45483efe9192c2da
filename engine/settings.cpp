#include "settings.hpp"

#include <map>

#include "user_text.hpp"

namespace al {
namespace {

constexpr NameTable<Colormap, 6> kColormaps{{
    {Colormap::Reds, "reds", "Reds"},
    {Colormap::Viridis, "viridis", "viridis"},
    {Colormap::Cividis, "cividis", "cividis"},
    {Colormap::Magma, "magma", "magma"},
    {Colormap::Blues, "blues", "Blues"},
    {Colormap::Diverging, "rdbu", "RdBu (diverging)"},
}};
constexpr NameTable<AppLab, 9> kAppLabs{{
    {AppLab::KernelRegression, "kernel-regression", "Kernel regression"},
    {AppLab::Transformer, "transformer", "Transformer"},
    {AppLab::Bahdanau, "bahdanau", "Bahdanau attention"},
    {AppLab::PositionalEncoding, "positional-encoding", "Positional encoding"},
    {AppLab::SelfAttention, "self-attention", "Self-attention"},
    {AppLab::Scoring, "scoring", "Scoring"},
    {AppLab::KernelIdentity, "kernel-identity", "Attention as a kernel"},
    {AppLab::MultiHead, "multi-head", "Multi-head attention"},
    {AppLab::Restaurant, "restaurant", "The restaurant query"},
}};
constexpr NameTable<LegendPlacement, 8> kLegendPlacements{{
    {LegendPlacement::Auto, "auto", "Auto: where it covers no data"},
    {LegendPlacement::UpperLeft, "upper-left", "Upper left"},
    {LegendPlacement::UpperRight, "upper-right", "Upper right"},
    {LegendPlacement::LowerLeft, "lower-left", "Lower left"},
    {LegendPlacement::LowerRight, "lower-right", "Lower right"},
    {LegendPlacement::OutsideRight, "outside-right", "Outside, right"},
    {LegendPlacement::Below, "below", "Below the plot"},
    {LegendPlacement::None, "none", "None"},
}};

using W = WorkspaceSettings;

std::vector<SettingInfo> workspace_setting_table() {
  return {
      choice_setting("app.lab", "the lab the app shows (also `attention-lab --lab NAME`)",
                     &W::app_lab, kAppLabs),
      choice_setting("view.colormap", "heatmap colormap", &W::view_colormap, kColormaps),
      real_setting("view.font_size", "font size in points at 1x scale", &W::view_font_size, 8.0,
                   64.0),
      bool_setting("view.presentation",
                   "presentation (projector) mode: type 1.75x larger, lines and markers thicker",
                   &W::view_presentation),
      bool_setting("view.contrast",
                   "high-contrast theme in the window: black text, axes and borders, a darker grid "
                   "(exports keep the print style)",
                   &W::view_contrast),
      bool_setting("view.controls",
                   "the controls column beside the figures (F6); false: the figures take the whole "
                   "window",
                   &W::view_controls),
      choice_setting("view.legend",
                     "where legends go (auto: inside where they cover no data, else outside the "
                     "axes)",
                     &W::view_legend, kLegendPlacements),
      real_setting("figure.dpi",
                   "pixels per inch of a book figure's PNG (figure d2l-...: the book's size in "
                   "inches; matplotlib's default 100)",
                   &W::figure_dpi, 36.0, 600.0),
  };
}

// The one list of tables: a new lab adds its table here.
const std::vector<SettingTable>& tables() {
  static const std::vector<SettingTable> t = [] {
    std::vector<SettingTable> all = {
        {kWorkspaceTitle, workspace_setting_table()},
        {"Kernel regression", kernel_regression_setting_table()},
        {"Transformer", transformer_setting_table()},
        {"Bahdanau attention", bahdanau_setting_table()},
        {"Mechanisms", mechanism_setting_table()},
        {"Self-attention", self_attention_setting_table()},
        {"Scoring", scoring_setting_table()},
        {"Attention as a kernel", kernel_identity_setting_table()},
        {"Multi-head attention", multi_head_setting_table()},
        {"The restaurant query", restaurant_setting_table()},
    };
    for (auto& table : all) fill_defaults(table.keys);
    return all;
  }();
  return t;
}

const std::vector<SettingInfo>& registry() {
  static const std::vector<SettingInfo> r = [] {
    std::vector<SettingInfo> all;
    for (const auto& table : tables()) all.insert(all.end(), table.keys.begin(), table.keys.end());
    return all;
  }();
  return r;
}

}  // namespace

std::string_view name(Colormap c) {
  return lookup_name(kColormaps, c);
}
std::string_view name(AppLab l) {
  return lookup_name(kAppLabs, l);
}
std::string_view title(AppLab l) {
  return lookup_title(kAppLabs, l);
}
std::string_view name(LegendPlacement p) {
  return lookup_name(kLegendPlacements, p);
}

std::span<const SettingInfo> setting_registry() {
  return registry();
}

std::span<const SettingTable> setting_tables() {
  return tables();
}

const SettingInfo* find_setting(std::string_view key) {
  for (const auto& info : registry())
    if (info.key == key) return &info;
  return nullptr;
}

std::optional<std::string> apply_setting(Settings& s, std::string_view key,
                                         std::string_view value) {
  const SettingInfo* info = find_setting(key);
  if (!info)
    return "unknown settings key " + quote_for_message(key) +
           " (see `attention-lab figure --list`)";
  Settings copy = s;
  if (auto err = info->set(copy, value)) return std::string(key) + ": " + *err;
  s = std::move(copy);
  return {};
}

std::optional<std::string> apply_settings(
    Settings& s, const std::vector<std::pair<std::string, std::string>>& assignments) {
  std::map<std::size_t, std::string_view> by_order;  // registry index -> last value given
  const auto reg = setting_registry();
  for (const auto& [key, value] : assignments) {
    const SettingInfo* info = find_setting(key);
    if (!info)
      return "unknown settings key " + quote_for_message(key) +
             " (see `attention-lab figure --list`)";
    by_order[static_cast<std::size_t>(info - reg.data())] = value;
  }
  Settings copy = s;
  for (const auto& [index, value] : by_order)
    if (auto err = apply_setting(copy, reg[index].key, value)) return err;
  s = std::move(copy);
  return {};
}

std::optional<std::pair<std::string, std::string>> split_assignment(std::string_view arg) {
  auto eq = arg.find('=');
  if (eq == std::string_view::npos || eq == 0) return {};
  return std::pair{std::string(arg.substr(0, eq)), std::string(arg.substr(eq + 1))};
}

}  // namespace al
