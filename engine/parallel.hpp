// Splitting independent rows across threads. Each row is computed by exactly the same code
// whichever thread runs it, so results do not depend on the thread count.
#pragma once

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

namespace al {

// Calls body(begin, end) over contiguous blocks covering [0, rows). Starting a thread costs tens
// of microseconds, so below `kParallelWork` units of work (e.g. matrix entries) it runs inline.
inline constexpr double kParallelWork = 2e5;

// Threads take blocks of rows from a shared counter, about kBlocksPerThread each, so when one
// core is busy with other work the other threads take over its share instead of waiting for it.
inline constexpr int kBlocksPerThread = 16;

template <class Body>
void parallel_rows(int rows, double work, Body&& body) {
  // Below the threshold the core count is not even asked for: glibc reads it from /sys on every
  // call, an open, read and close that would cost more than a small product itself.
  const int hw = work < kParallelWork
                     ? 1
                     : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  const int threads = std::clamp(std::min(hw, 8), 1, std::max(rows, 1));
  if (threads == 1) {
    body(0, rows);
    return;
  }
  const int block = std::max(1, rows / (threads * kBlocksPerThread));
  std::atomic<int> next{0};
  const auto take_blocks = [&] {
    for (int begin = next.fetch_add(block); begin < rows; begin = next.fetch_add(block))
      body(begin, std::min(rows, begin + block));
  };
  std::vector<std::jthread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(take_blocks);
  take_blocks();
}

}  // namespace al
