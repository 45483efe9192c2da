// The Bahdanau lab's keys in session files: every bahdanau.* key set away from its default comes
// back from the file with its value, so a saved session reopens the same lab and the same
// training (and `train bahdanau`, which reads the same keys, the same model).
#include <gtest/gtest.h>

#include <string>

#include "app/session/session.hpp"
#include "engine/bahdanau/bahdanau_settings.hpp"
#include "engine/setting_table.hpp"

namespace al {
namespace {

TEST(BahdanauSession, RoundTripsEveryBahdanauKey) {
  Lab lab;
  for (const auto& [key, value] : {std::pair{"bahdanau.step", "3"},
                                   {"bahdanau.key", "2"},
                                   {"bahdanau.show_training", "true"},
                                   {"bahdanau.hiddens", "16"},
                                   {"bahdanau.layers", "1"},
                                   {"bahdanau.batch", "32"},
                                   {"bahdanau.seed", "7"},
                                   {"bahdanau.lr", "0.002"},
                                   {"bahdanau.speed", "5"},
                                   {"bahdanau.step_epochs", "25"},
                                   {"bahdanau.epochs", "40"}})
    ASSERT_FALSE(lab.set(key, value)) << key;
  // The list above covers the table: no key still holds its default (a new key fails here).
  for (const SettingInfo& info : bahdanau_setting_table())
    EXPECT_NE(info.get(lab.settings()), info.default_value) << info.key << " left at its default";

  const BahdanauSettings& set = lab.settings();
  const std::string text = session::to_json(lab);
  auto back = session::from_json(text, "s.json");
  ASSERT_TRUE(back) << back.error();
  EXPECT_EQ(static_cast<const BahdanauSettings&>(back.value().settings()), set);
}

}  // namespace
}  // namespace al
