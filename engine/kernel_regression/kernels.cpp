// The kernels of Nadaraya–Watson regression in log space, and their plain values for plots.
#include "kernels.hpp"

#include <cmath>
#include <limits>

namespace al {

double log_kernel(Kernel k, double u) {
  constexpr double kZero = -std::numeric_limits<double>::infinity();  // log 0
  const double a = std::abs(u);
  switch (k) {
    case Kernel::Gaussian:
      return -0.5 * u * u;
    case Kernel::Boxcar:
      return a < 1.0 ? 0.0 : kZero;
    case Kernel::Constant:
      return 0.0;
    case Kernel::Epanechnikov:
      return a < 1.0 ? std::log(0.75 * (1.0 - u * u)) : kZero;
    case Kernel::Triangular:
      return a < 1.0 ? std::log(1.0 - a) : kZero;
    case Kernel::Laplace:
      return -a;
  }
  return kZero;
}

double kernel_value(Kernel k, double u) {
  return std::exp(log_kernel(k, u));
}

bool has_compact_support(Kernel k) {
  return k == Kernel::Boxcar || k == Kernel::Epanechnikov || k == Kernel::Triangular;
}

}  // namespace al
