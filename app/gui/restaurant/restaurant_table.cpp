// The restaurant lab's table and preference sliders (see restaurant_table.hpp).
#include "restaurant_table.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <string>

#include "app/gui/actions.hpp"
#include "app/gui/widgets/setting_widgets.hpp"
#include "engine/mechanisms/restaurant_settings.hpp"

namespace al::gui {
namespace {

// "restaurant.keys.2.1": a control's name from its key and indices.
std::string control_name(const char* key, int a, int b = -1) {
  std::string out = key;
  out += '.';
  out += std::to_string(a);
  if (b >= 0) {
    out += '.';
    out += std::to_string(b);
  }
  return out;
}

// A name typed in place, applied when the field loses focus (the text being typed is kept in
// s.edits meanwhile, as the settings' fields do); true when it changed `name`. A name the key
// would refuse (empty, too long, holding its separator) is refused with the key's message.
bool name_field(AppState& s, const std::string& control, const char* key, char sep,
                std::string& name, float width) {
  const auto it = s.edits.find(control);
  std::string text = it != s.edits.end() ? it->second : name;
  ImGui::SetNextItemWidth(width);
  std::string id = "##";
  id += control;
  ImGui::InputText(id.c_str(), &text, ImGuiInputTextFlags_AutoSelectAll);
  record_control(s, control);
  if (ImGui::IsItemActive()) {
    s.edits.insert_or_assign(control, text);
    return false;
  }
  if (!ImGui::IsItemDeactivated()) return false;
  s.edits.erase(control);
  std::string parsed;
  if (auto e = parse_name(text, sep, parsed)) {
    show_message(s, std::string(key) + ": the name " + *e, true);
    return false;
  }
  if (parsed == name) return false;
  name = std::move(parsed);
  return true;
}

}  // namespace

void preference_sliders(AppState& s) {
  const Settings& st = s.lab.settings();
  for (std::size_t j = 0; j < st.restaurant_query.size() && j < st.restaurant_features.size();
       ++j) {
    const std::string control = control_name("restaurant.query", static_cast<int>(j));
    float v = static_cast<float>(st.restaurant_query[j]);
    std::string label = st.restaurant_features[j];
    label += "##";
    label += control;
    if (ImGui::SliderFloat(label.c_str(), &v, -1.0f, 1.0f, "%.2f", ImGuiSliderFlags_AlwaysClamp)) {
      Settings next = st;
      next.restaurant_query[j] = std::round(v * 100.0f) / 100.0;
      update_settings(s, next);
    }
    record_control(s, control);
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("restaurant.query: how much you want '%s' (-1: rather not, 1: very much)",
                        st.restaurant_features[j].c_str());
  }
}

void restaurant_table(AppState& s) {
  const Settings& st = s.lab.settings();
  const Vectors& k = st.restaurant_keys;
  const float number = ImGui::GetFontSize() * 2.8f, name = ImGui::GetFontSize() * 6.0f;
  Settings next = st;
  bool changed = false;
  // Header: the feature names.
  ImGui::Dummy({name, 0.0f});
  for (int j = 0; j < k.dim && j < static_cast<int>(next.restaurant_features.size()); ++j) {
    ImGui::SameLine();
    changed |= name_field(s, control_name("restaurant.feature", j), "restaurant.features", ',',
                          next.restaurant_features[static_cast<std::size_t>(j)], number);
  }
  int removed = -1;
  for (int i = 0; i < k.count() && i < static_cast<int>(next.restaurant_names.size()); ++i) {
    changed |= name_field(s, control_name("restaurant.name", i), "restaurant.names", ';',
                          next.restaurant_names[static_cast<std::size_t>(i)], name);
    for (int j = 0; j < k.dim; ++j) {
      ImGui::SameLine();
      const std::string control = control_name("restaurant.keys", i, j);
      float v = static_cast<float>(k.at(i, j));
      ImGui::SetNextItemWidth(number);
      std::string id = "##";
      id += control;
      if (ImGui::DragFloat(id.c_str(), &v, 0.01f, -1.0f, 1.0f, "%.2f",
                           ImGuiSliderFlags_AlwaysClamp)) {
        next.restaurant_keys.at(i, j) = std::round(v * 100.0f) / 100.0;
        changed = true;
      }
      record_control(s, control);
    }
    ImGui::SameLine();
    ImGui::PushID(i);
    const bool remove = ImGui::SmallButton("x");
    ImGui::PopID();
    record_control(s, control_name("restaurant.delete", i));
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Delete this restaurant");
    if (remove && k.count() > 1) removed = i;
  }
  if (removed >= 0) {
    next.restaurant_names.erase(next.restaurant_names.begin() + removed);
    auto first = next.restaurant_keys.values.begin() + static_cast<std::ptrdiff_t>(removed) * k.dim;
    next.restaurant_keys.values.erase(first, first + k.dim);
    if (next.restaurant_selected == removed) next.restaurant_selected = -1;
    if (next.restaurant_selected > removed) --next.restaurant_selected;
    changed = true;
  }
  if (action_button(s, "Add restaurant", "restaurant.add",
                    "A new row of restaurant.names and restaurant.keys") &&
      k.count() < kMaxRestaurants) {
    std::string name_text = "Restaurant ";
    name_text += std::to_string(k.count() + 1);
    next.restaurant_names.push_back(name_text);
    next.restaurant_keys.values.insert(next.restaurant_keys.values.end(),
                                       static_cast<std::size_t>(k.dim), 0.5);
    changed = true;
  }
  ImGui::SameLine();
  if (action_button(s, "Add feature", "restaurant.add_feature",
                    "A new column of restaurant.features and restaurant.keys, and its preference "
                    "in restaurant.query") &&
      k.dim < kMaxFeatures) {
    std::string feature = "feature ";
    feature += std::to_string(k.dim + 1);
    next.restaurant_features.push_back(feature);
    next.restaurant_query.push_back(0.5);
    Vectors wider{k.dim + 1, {}};
    for (int i = 0; i < k.count(); ++i) {
      for (int j = 0; j < k.dim; ++j) wider.values.push_back(k.at(i, j));
      wider.values.push_back(0.5);
    }
    next.restaurant_keys = wider;
    changed = true;
  }
  ImGui::SameLine();
  if (action_button(s, "Remove feature", "restaurant.remove_feature",
                    "The last feature, its column and its preference") &&
      k.dim > 1) {
    next.restaurant_features.pop_back();
    next.restaurant_query.pop_back();
    Vectors narrower{k.dim - 1, {}};
    for (int i = 0; i < k.count(); ++i)
      for (int j = 0; j + 1 < k.dim; ++j) narrower.values.push_back(k.at(i, j));
    next.restaurant_keys = narrower;
    changed = true;
  }
  if (changed) update_settings(s, next);
}

}  // namespace al::gui
