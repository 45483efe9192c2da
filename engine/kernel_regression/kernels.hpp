// Kernels of Nadaraya–Watson regression, evaluated at u = (x - x_i) * w (w = 1/sigma).
// They are evaluated in log space: the estimator subtracts each query's maximum before
// exponentiating, so no w in [1e-3, 1e3] and no spread of data overflows. A kernel that is zero
// at u has log value -infinity.
#pragma once

#include "engine/settings.hpp"

namespace al {

// log K(u):
//   Gaussian      exp(-u^2/2)            -> -u^2/2
//   Boxcar        1 if |u| < 1 (strict, as the book's code)
//   Constant      1
//   Epanechnikov  3/4 (1 - u^2) for |u| < 1
//   Triangular    max(0, 1 - |u|)  (the book's "Epanechikov")
//   Laplace       exp(-|u|)
double log_kernel(Kernel k, double u);
// K(u) itself, for plotting the kernel shapes.
double kernel_value(Kernel k, double u);
// True if K(u) = 0 for |u| >= 1 (Boxcar, Epanechnikov, Triangular).
bool has_compact_support(Kernel k);

}  // namespace al
