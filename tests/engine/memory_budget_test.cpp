// The memory budget: half of physical memory or AL_MEMORY_BUDGET_MB, the one-line refusal, the
// kernel-regression lab's estimate, and the lab refusing a change whose estimate exceeds the
// budget before it allocates anything.
//
// The lab's estimate against peak RSS (/usr/bin/time -v, Release build, the reference machine):
//   attention-lab figure attention --out a.png --set data.n_train=5000 --set data.query_step=0.001
//     estimate 400 MB, peak RSS 306 MB (5000 x 5000 weights: three 100 MB float matrices);
//   the same as SVG, or the regression figure: peak RSS 305 MB, 307 MB;
//   data.n_train=2000 and data.query_step=0.002 (2500 queries): estimate 80 MB, peak RSS 71 MB.
#include "engine/memory_budget.hpp"

#include <gtest/gtest.h>

#include "engine/kernel_regression/lab.hpp"
#include "memory_budget_env.hpp"

namespace al {
namespace {

using test::MemoryBudgetEnv;

TEST(MemoryBudget, HalfOfPhysicalMemoryUnlessTheVariableSaysOtherwise) {
  {
    const MemoryBudgetEnv unset(std::nullopt);
    const MemoryBudget b = memory_budget();
    EXPECT_EQ(b.source, "half of physical memory");
    EXPECT_GT(b.bytes, 1e8);  // any machine that builds this has more than 200 MB
  }
  {
    const MemoryBudgetEnv set("250");
    const MemoryBudget b = memory_budget();
    EXPECT_EQ(b.source, "AL_MEMORY_BUDGET_MB");
    EXPECT_EQ(b.bytes, 250e6);
  }
  for (const char* bad : {"", "0", "-5", "1.5", "12MB", "1000000001", "99999999999999999999"}) {
    const MemoryBudgetEnv set(bad);
    const MemoryBudget b = memory_budget();
    EXPECT_EQ(b.source,
              "half of physical memory; AL_MEMORY_BUDGET_MB is not a whole number of megabytes "
              "from 1 to 1000000000 and was ignored")
        << "'" << bad << "'";
    EXPECT_GT(b.bytes, 1e8);
  }
}

TEST(MemoryBudget, BytesInDecimalUnitsWithThreeDigits) {
  EXPECT_EQ(format_bytes(0), "0 B");
  EXPECT_EQ(format_bytes(950), "950 B");
  EXPECT_EQ(format_bytes(999.6), "1 kB");
  EXPECT_EQ(format_bytes(12345), "12.3 kB");
  EXPECT_EQ(format_bytes(250e6), "250 MB");
  EXPECT_EQ(format_bytes(23.14e9), "23.1 GB");
  EXPECT_EQ(format_bytes(2.36e12), "2.36 TB");
}

TEST(MemoryBudget, RefusalIsOneLineNamingTheBudgetAndTheAdvice) {
  const MemoryBudgetEnv set("100");
  EXPECT_EQ(check_memory(100e6, "lower x"), std::nullopt);  // exactly the budget fits
  EXPECT_EQ(check_memory(250e6, "lower x or y").value_or(""),
            "estimated working set 250 MB exceeds the budget of 100 MB (AL_MEMORY_BUDGET_MB): "
            "lower x or y");
}

TEST(MemoryBudget, LabWorkingSetByHand) {
  // 10 points x 5 queries: four float matrices 4 * 5 * 10 * 4 = 800 bytes; x and y (2 * 10),
  // grid, truth and three predictions (5 * 5) in double: 45 * 8 = 360 bytes.
  EXPECT_EQ(lab_working_set(10, 5), 1160.0);
  EXPECT_EQ(lab_working_set(5000, 5000), 4.0 * 25e6 * 4 + 35000.0 * 8);
}

TEST(MemoryBudget, LabRefusesWhatExceedsTheBudgetAndKeepsItsState) {
  const MemoryBudgetEnv set("50");
  Lab lab;
  ASSERT_EQ(lab.set("data.n_train", "5000"), std::nullopt);  // 5000 x 50 queries: 1 MB
  // 5000 queries x 5000 points: within the count limit (25 000 000), not within 50 MB.
  EXPECT_EQ(lab.set("data.query_step", "0.001").value_or(""),
            "data.query_step: estimated working set 400 MB exceeds the budget of 50 MB "
            "(AL_MEMORY_BUDGET_MB): use fewer points or a larger data.query_step");
  EXPECT_EQ(lab.data().queries.size(), 50u);
  EXPECT_EQ(lab.nadaraya_watson().weights.rows(), 50);
  Settings both = lab.settings();
  both.data_n_train = 4000;
  both.query_step = 0.002;  // 2500 queries x 4000 points: 160 MB
  EXPECT_EQ(lab.update(both).value_or("").rfind("data.n_train: estimated working set 160 MB", 0),
            0u);
  EXPECT_EQ(lab.data().x.size(), 5000u);
}

}  // namespace
}  // namespace al
