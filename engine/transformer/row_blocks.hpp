// Spreading matrix products over the cores, deterministically.
//
// Eigen's result for one row can depend on the block of rows it is computed in (small blocks take
// other kernels), so the blocks here depend only on the shape of the work, never on the thread
// count: the same model gives the same numbers on every machine. Starting a thread costs about
// 50 µs, as much as a million multiply-adds, so below kParallelMacs of work everything runs
// inline on the calling thread.
#pragma once

#include <Eigen/Core>
#include <algorithm>

#include "engine/parallel.hpp"

namespace al::tf {

inline constexpr double kParallelMacs = 4e6;
inline constexpr int kMaxRowBlocks = 2;  // the 2-core machine the issue measures on
// Smaller blocks lose more to packing than they gain.
inline constexpr Eigen::Index kMinBlockRows = 32;

// al::parallel_rows decides on threads from its own threshold; this one is in multiply-adds.
inline double parallel_work(double macs) {
  return macs < kParallelMacs ? 0.0 : macs;
}

// Calls body(first_row, row_count) for consecutive blocks covering [0, rows), in parallel;
// `macs` is the multiply-adds of all rows.
template <class Body>
void for_row_blocks(Eigen::Index rows, double macs, Body&& body) {
  const Eigen::Index blocks =
      macs < kParallelMacs ? 1 : std::clamp<Eigen::Index>(rows / kMinBlockRows, 1, kMaxRowBlocks);
  parallel_rows(static_cast<int>(blocks), parallel_work(macs), [&](int begin, int end) {
    for (int b = begin; b < end; ++b) {
      const Eigen::Index first = rows * b / blocks, last = rows * (b + 1) / blocks;
      body(first, last - first);
    }
  });
}

// Calls unit(u) for u in [0, units): independent pieces (one attention head of one sequence
// each), each computed the same way on whichever thread, in parallel when `macs` is large.
template <class Unit>
void for_each_unit(int units, double macs, Unit&& unit) {
  parallel_rows(units, parallel_work(macs), [&](int begin, int end) {
    for (int u = begin; u < end; ++u) unit(u);
  });
}

}  // namespace al::tf
