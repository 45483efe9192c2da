// parallel_rows: every row exactly once, in contiguous blocks, and inline below the threshold.
#include "engine/parallel.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace al {
namespace {

// The blocks parallel_rows hands out, and how often each row was visited.
struct Visits {
  std::mutex mutex;
  std::vector<std::pair<int, int>> blocks;
  std::vector<std::atomic<int>> count;
  explicit Visits(int rows) : count(static_cast<std::size_t>(rows)) {}
  void visit(int begin, int end) {
    {
      const std::lock_guard<std::mutex> lock(mutex);
      blocks.emplace_back(begin, end);
    }
    for (int r = begin; r < end; ++r) ++count[static_cast<std::size_t>(r)];
  }
};

TEST(ParallelRows, EveryRowExactlyOnceInContiguousBlocks) {
  for (int rows : {1, 2, 7, 31, 32, 33, 1000, 5001}) {
    Visits v(rows);
    parallel_rows(rows, 1e9, [&](int begin, int end) { v.visit(begin, end); });
    for (int r = 0; r < rows; ++r) ASSERT_EQ(v.count[static_cast<std::size_t>(r)], 1) << rows;
    for (const auto& [begin, end] : v.blocks) {
      EXPECT_LT(begin, end) << rows;
      EXPECT_GE(begin, 0);
      EXPECT_LE(end, rows);
    }
    // Several blocks per thread when there are rows enough (to balance a busy core).
    if (std::thread::hardware_concurrency() > 1 && rows >= 1000) {
      EXPECT_GE(v.blocks.size(), static_cast<std::size_t>(2 * kBlocksPerThread)) << rows;
    }
  }
}

TEST(ParallelRows, LittleWorkRunsInlineAsOneBlock) {
  Visits v(100);
  const auto caller = std::this_thread::get_id();
  bool same_thread = false;
  parallel_rows(100, kParallelWork / 2, [&](int begin, int end) {
    same_thread = std::this_thread::get_id() == caller;
    v.visit(begin, end);
  });
  EXPECT_TRUE(same_thread);
  ASSERT_EQ(v.blocks.size(), 1u);
  EXPECT_EQ(v.blocks[0], std::make_pair(0, 100));
}

TEST(ParallelRows, NoRowsNoWork) {
  int calls = 0;
  parallel_rows(0, 1e9, [&](int begin, int end) { calls += end > begin; });
  EXPECT_EQ(calls, 0);
}

}  // namespace
}  // namespace al
