// Splitting independent rows across threads. Each row is computed by exactly the same code
// whichever thread runs it, so results do not depend on the thread count.
#pragma once

#include <algorithm>
#include <thread>
#include <vector>

namespace al {

// Calls body(begin, end) over contiguous blocks covering [0, rows). Starting a thread costs tens
// of microseconds, so below `kParallelWork` units of work (e.g. matrix entries) it runs inline.
inline constexpr double kParallelWork = 2e5;

template <class Body>
void parallel_rows(int rows, double work, Body&& body) {
  const int hw = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  const int threads = work < kParallelWork ? 1 : std::clamp(std::min(hw, 8), 1, std::max(rows, 1));
  if (threads == 1) {
    body(0, rows);
    return;
  }
  std::vector<std::jthread> pool;
  const int block = (rows + threads - 1) / threads;
  for (int t = 1; t < threads; ++t) {
    const int begin = std::min(rows, t * block), end = std::min(rows, begin + block);
    pool.emplace_back([&body, begin, end] { body(begin, end); });
  }
  body(0, std::min(rows, block));
}

}  // namespace al
