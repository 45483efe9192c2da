// Memory is estimated before it is allocated. Whatever can ask for gigabytes (a Transformer's
// training step or forward pass, the kernel-regression lab's query x key matrices) first estimates
// its working set from the settings and, when the estimate exceeds the budget, refuses with one
// line naming the keys to lower, instead of being killed by the kernel's OOM killer part way
// through (or taking the rest of the machine with it).
//
// The budget is half of physical memory (sysconf: _SC_PHYS_PAGES x _SC_PAGE_SIZE), so an
// accepted run leaves room for everything else. The environment variable AL_MEMORY_BUDGET_MB, a
// whole number of megabytes (10^6 bytes), replaces it: tests use it to be independent of the
// machine, and a user can raise or lower the limit. A malformed value is ignored, and the message
// of a refusal says so (the lab cannot fail to start over an environment variable).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace al {

struct MemoryBudget {
  double bytes = 0.0;
  // Where it comes from, for messages: "half of physical memory" or "AL_MEMORY_BUDGET_MB".
  std::string source;
};

// Read afresh on each call (the environment variable can change between tests).
MemoryBudget memory_budget();

// Decimal units with three significant digits: "950 B", "12.3 kB", "23.1 GB".
std::string format_bytes(double bytes);

// Nothing when `bytes` fit the budget; otherwise one line,
//   "estimated working set 23.1 GB exceeds the budget of 12.3 GB (half of physical memory): "
// followed by `advice`, which names the keys to lower.
std::optional<std::string> check_memory(double bytes, std::string_view advice);

// The kernel-regression lab's working set for `points` keys and `queries` queries: its three
// estimates (average, Nadaraya-Watson, parametric) each hold a queries x points float matrix, and
// one more is alive while an estimate is recomputed or a figure copies one; plus the points, the
// query grid, the truth and the three predictions in double.
double lab_working_set(std::int64_t points, std::int64_t queries);

}  // namespace al
