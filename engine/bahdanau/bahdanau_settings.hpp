// The Bahdanau lab's knobs. Their keys, ranges and help are the table in bahdanau_settings.cpp.
// The model file and the sentence are the Transformer lab's model.* and input.* keys.
#pragma once

#include <vector>

namespace al {

struct SettingInfo;

struct BahdanauSettings {
  bool operator==(const BahdanauSettings&) const = default;
};

std::vector<SettingInfo> bahdanau_setting_table();

}  // namespace al
