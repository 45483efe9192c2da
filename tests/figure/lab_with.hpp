// Settings and labs built from --set style assignments for figure tests; an assignment the
// registry rejects fails the test that made it.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "engine/kernel_regression/lab.hpp"
#include "engine/settings.hpp"

namespace al::test {

using Assignments = std::vector<std::pair<std::string, std::string>>;

// The default settings with `assignments` applied.
inline Settings settings_with(const Assignments& assignments) {
  Settings s;
  EXPECT_EQ(apply_settings(s, assignments), std::nullopt);
  return s;
}

// A default lab updated to its own settings with `assignments` applied.
inline Lab lab_with(const Assignments& assignments) {
  Lab lab;
  Settings s = lab.settings();
  EXPECT_EQ(apply_settings(s, assignments), std::nullopt);
  EXPECT_EQ(lab.update(s), std::nullopt);
  return lab;
}

}  // namespace al::test
