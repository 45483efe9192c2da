#include "bahdanau_settings.hpp"

#include "engine/setting_table.hpp"
#include "engine/settings.hpp"

namespace al {

std::vector<SettingInfo> bahdanau_setting_table() {
  return {};
}

}  // namespace al
