// Axis ticks: Heckbert's "nice numbers" (Graphics Gems, 1990), the locator ImPlot and most
// plotting libraries use, the labels that go with them, and where a value falls on a heatmap's
// cell coordinates.
#include <algorithm>
#include <charconv>
#include <cmath>

#include "layout.hpp"
#include "number_format.hpp"

namespace al::fig {
namespace {

// The nice number nearest x > 0: f * 10^e with f in {1, 2, 5, 10}, rounding the mantissa at
// the thresholds 1.5, 3 and 7.
struct NiceNumber {
  double mantissa;  // 1, 2, 5 or 10
  int exponent;
  double value() const { return mantissa * std::pow(10.0, exponent); }
};

NiceNumber nice_number(double x) {
  const int exponent = static_cast<int>(std::floor(std::log10(x)));
  const double f = x / std::pow(10.0, exponent);
  return {f < 1.5 ? 1.0 : f < 3 ? 2.0 : f < 7 ? 5.0 : 10.0, exponent};
}

// k * step, computed as (k * mantissa) / 10^-e for negative exponents so that 3 * 0.1 prints
// as 0.3 rather than 0.30000000000000004.
double tick_value(long long k, const NiceNumber& step) {
  const double units = static_cast<double>(k) * step.mantissa;
  return step.exponent >= 0 ? units * std::pow(10.0, step.exponent)
                            : units / std::pow(10.0, -step.exponent);
}

}  // namespace

// step = nice_round((hi - lo) / (target - 1)); the ticks are the multiples of step inside
// [lo, hi] (with a little slack so rounded limits keep their end ticks). Heckbert first rounds
// the range up to a nice number too, which for fixed axis limits only thins the ticks (a span
// of 6 becomes 10, and 7 ticks become 3).
std::vector<double> nice_ticks(double lo, double hi, int target) {
  if (!std::isfinite(lo) || !std::isfinite(hi)) return {};
  if (lo > hi) std::swap(lo, hi);
  const double span = hi - lo;
  if (span == 0.0) return {lo};
  if (!std::isfinite(span)) return {lo, hi};
  const NiceNumber step = nice_number(span / std::max(target - 1, 1));
  const double step_value = step.value();
  if (!(step_value > 0.0) || !std::isfinite(step_value)) return {lo, hi};

  const double slack = 1e-9;
  const double first = std::ceil(lo / step_value - slack);
  const double last = std::floor(hi / step_value + slack);
  if (!(last - first < 1000.0)) return {lo, hi};  // the step is below the doubles' resolution
  std::vector<double> ticks;
  for (double k = first; k <= last; k += 1.0) {
    double v = tick_value(static_cast<long long>(k), step);
    if (std::abs(v) < step_value * slack) v = 0.0;  // no "-0" or "1e-17" labels
    ticks.push_back(v);
  }
  return ticks;
}

// As many decimals as the step needs (step 0.2 -> one decimal, so every label of an axis has
// the same: "1.0", "1.5"); for very large or very small values, enough significant digits.
std::string tick_label(double value, double step) {
  if (value == 0.0) return "0";
  const double magnitude = std::abs(value);
  const int step_exponent = step > 0.0 && std::isfinite(step)
                                ? static_cast<int>(std::floor(std::log10(step) + 1e-9))
                                : -3;
  const int decimals = std::max(0, -step_exponent);
  if (decimals <= 5 && magnitude < 1e7) {
    char buf[64];
    const auto written =
        std::to_chars(buf, buf + sizeof buf, value, std::chars_format::fixed, decimals);
    return std::string(buf, written.ptr);
  }
  return significant(
      value,
      std::clamp(static_cast<int>(std::floor(std::log10(magnitude))) - step_exponent + 1, 1, 17));
}

// i = the last index with coords[i] <= value (binary search), then
//   index = i + (value - coords[i]) / (coords[i + 1] - coords[i]).
// With repeated coordinates i is the last of the equal run, so the divisor is never zero.
std::optional<double> fractional_index(const std::vector<double>& coords, double value) {
  if (coords.empty() || !(value >= coords.front() && value <= coords.back())) return std::nullopt;
  const auto above = std::upper_bound(coords.begin(), coords.end(), value);
  const auto i = static_cast<std::size_t>(above - coords.begin()) - 1;
  if (i + 1 == coords.size()) return static_cast<double>(i);
  return static_cast<double>(i) + (value - coords[i]) / (coords[i + 1] - coords[i]);
}

}  // namespace al::fig
