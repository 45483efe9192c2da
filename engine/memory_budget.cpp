// The memory budget (half of physical memory, or AL_MEMORY_BUDGET_MB) and the check against it.
#include "memory_budget.hpp"

#include <unistd.h>

#include <charconv>
#include <cstdio>
#include <cstdlib>

namespace al {
namespace {

constexpr const char* kBudgetVariable = "AL_MEMORY_BUDGET_MB";
constexpr long long kMaxBudgetMb = 1000000000;  // a petabyte: anything above is a typo
// Used when the system cannot tell its physical memory (sysconf fails): small enough to be safe
// on any machine this app runs on, large enough for every default.
constexpr double kFallbackBudget = 4e9;

std::optional<long long> parse_megabytes(std::string_view text) {
  long long v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || v < 1 || v > kMaxBudgetMb)
    return std::nullopt;
  return v;
}

MemoryBudget half_of_physical_memory() {
  const long pages = ::sysconf(_SC_PHYS_PAGES), page = ::sysconf(_SC_PAGE_SIZE);
  if (pages <= 0 || page <= 0) return {kFallbackBudget, "physical memory unknown"};
  return {0.5 * static_cast<double>(pages) * static_cast<double>(page), "half of physical memory"};
}

}  // namespace

MemoryBudget memory_budget() {
  const char* text = std::getenv(kBudgetVariable);
  if (text == nullptr) return half_of_physical_memory();
  if (const auto mb = parse_megabytes(text))
    return {static_cast<double>(*mb) * 1e6, kBudgetVariable};
  MemoryBudget fallback = half_of_physical_memory();
  fallback.source += "; " + std::string(kBudgetVariable) +
                     " is not a whole number of megabytes from 1 to " +
                     std::to_string(kMaxBudgetMb) + " and was ignored";
  return fallback;
}

std::string format_bytes(double bytes) {
  static constexpr const char* kUnits[] = {"B", "kB", "MB", "GB", "TB", "PB", "EB"};
  std::size_t unit = 0;
  while (bytes >= 999.5 && unit + 1 < std::size(kUnits)) {
    bytes /= 1000.0;
    ++unit;
  }
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.3g %s", bytes, kUnits[unit]);
  return buf;
}

std::optional<std::string> check_memory(double bytes, std::string_view advice) {
  const MemoryBudget budget = memory_budget();
  if (bytes <= budget.bytes) return std::nullopt;
  std::string message = "estimated working set " + format_bytes(bytes) + " exceeds the budget of " +
                        format_bytes(budget.bytes) + " (" + budget.source + "): ";
  message += advice;
  return message;
}

double lab_working_set(std::int64_t points, std::int64_t queries) {
  const auto n = static_cast<double>(points), q = static_cast<double>(queries);
  const double matrices = 4.0 * q * n * sizeof(float);
  const double vectors = (2.0 * n + 5.0 * q) * sizeof(double);  // x, y; grid, truth, predictions
  return matrices + vectors;
}

}  // namespace al
