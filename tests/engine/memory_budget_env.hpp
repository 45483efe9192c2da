// Tests set the memory budget through AL_MEMORY_BUDGET_MB (engine/memory_budget.hpp), so that what
// is refused does not depend on the machine's memory. The variable is restored afterwards, and a
// binary the test runs inherits it.
#pragma once

#include <cstdlib>
#include <optional>
#include <string>

namespace al::test {

class MemoryBudgetEnv {
 public:
  // `megabytes`: the text to set (it need not be valid), or nothing to unset the variable.
  explicit MemoryBudgetEnv(const std::optional<std::string>& megabytes) {
    if (const char* old = std::getenv(kName)) saved_ = old;
    if (megabytes)
      ::setenv(kName, megabytes->c_str(), 1);
    else
      ::unsetenv(kName);
  }
  ~MemoryBudgetEnv() {
    if (saved_)
      ::setenv(kName, saved_->c_str(), 1);
    else
      ::unsetenv(kName);
  }
  MemoryBudgetEnv(const MemoryBudgetEnv&) = delete;
  MemoryBudgetEnv& operator=(const MemoryBudgetEnv&) = delete;

 private:
  static constexpr const char* kName = "AL_MEMORY_BUDGET_MB";
  std::optional<std::string> saved_;
};

}  // namespace al::test
