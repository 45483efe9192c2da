// The one settings registry. Every knob has a dotted key (`kernel.w`, `data.seed`, ...) that the
// GUI, `--set KEY=VALUE` on the command line, session files and lessons all use. Each lab declares
// its knobs in its own engine folder: a struct of typed fields and a table of keys (type, range,
// default, help; setting_table.hpp). The engine reads the typed fields of `Settings`; everything
// outside reads and writes them as text through the registry, the tables listed in settings.cpp.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bahdanau/bahdanau_settings.hpp"
#include "kernel_regression/kernel_regression_settings.hpp"
#include "mechanisms/kernel_identity_settings.hpp"
#include "mechanisms/mechanism_settings.hpp"
#include "mechanisms/multi_head_settings.hpp"
#include "mechanisms/restaurant_settings.hpp"
#include "mechanisms/scoring_settings.hpp"
#include "self_attention/self_attention_settings.hpp"
#include "setting_table.hpp"
#include "transformer/transformer_settings.hpp"

namespace al {

// Diverging: blue below the middle, white at it, red above (a difference B − A centred at 0).
enum class Colormap { Reds, Viridis, Cividis, Magma, Blues, Diverging };
// The lab the app shows (the workspace's lab bar).
enum class AppLab {
  KernelRegression,
  Transformer,
  Bahdanau,
  PositionalEncoding,
  SelfAttention,
  Scoring,
  KernelIdentity,
  MultiHead,
  Restaurant
};
// Where a figure's legend goes: Auto picks the inside position that covers no data, else
// outside the axes (right or below); None draws no legend.
enum class LegendPlacement {
  Auto,
  UpperLeft,
  UpperRight,
  LowerLeft,
  LowerRight,
  OutsideRight,
  Below,
  None
};

std::string_view name(Colormap c);
std::string_view name(AppLab l);
std::string_view title(AppLab l);  // "Kernel regression"
std::string_view name(LegendPlacement p);

// The knobs of the whole window: which lab it shows and how figures look. They change no numbers.
struct WorkspaceSettings {
  AppLab app_lab = AppLab::KernelRegression;
  Colormap view_colormap = Colormap::Reds;
  double view_font_size = 16.0;
  bool view_presentation = false;  // projector mode: larger type, thicker lines and markers
  bool view_contrast = false;      // the window's high-contrast theme
  bool view_controls = true;       // the controls column is shown
  LegendPlacement view_legend = LegendPlacement::Auto;
  // Pixels per inch of a book figure's PNG (its size is the book's, in inches).
  double figure_dpi = 100.0;

  bool operator==(const WorkspaceSettings&) const = default;
};

// Every lab's settings in one value: a session, `--set` and the window read and write this. Each
// base is one lab's struct, declared with its table in the lab's engine folder.
struct Settings : WorkspaceSettings,
                  KernelRegressionSettings,
                  TransformerSettings,
                  BahdanauSettings,
                  MechanismSettings,
                  SelfAttentionSettings,
                  ScoringSettings,
                  KernelIdentitySettings,
                  MultiHeadSettings,
                  RestaurantSettings {
  bool operator==(const Settings&) const = default;
};

// Every key of every lab's table, in the order they are applied (presets before the keys they
// set).
std::span<const SettingInfo> setting_registry();
// The title of the table of the workspace's keys (the app's look and the lab shown).
inline constexpr std::string_view kWorkspaceTitle = "Workspace";
// The same keys, grouped by lab under each table's title (`figure --list`).
std::span<const SettingTable> setting_tables();
const SettingInfo* find_setting(std::string_view key);

// Sets one key. On error `s` is unchanged and the message names the key, e.g.
// "kernel.w: '0' is out of range (0.001 to 1000)" or "unknown settings key 'kernel.width'".
std::optional<std::string> apply_setting(Settings& s, std::string_view key, std::string_view value);

// Sets many keys at once, all or nothing. They are applied in registry order (so `data.preset`
// never overrides an explicit `data.n_train`); for a repeated key the last value wins.
std::optional<std::string> apply_settings(
    Settings& s, const std::vector<std::pair<std::string, std::string>>& assignments);

// Splits "KEY=VALUE"; the error names the argument.
std::optional<std::pair<std::string, std::string>> split_assignment(std::string_view arg);

}  // namespace al
