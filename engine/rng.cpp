// The samplers of Rng: our own arithmetic on top of std::mt19937_64, so samples are identical on
// every standard library.
#include "rng.hpp"

#include <cmath>
#include <numbers>

namespace al {

// The top 53 bits of a 64-bit draw, scaled by 2^-53: every double in [0, 1) on a 2^-53 grid.
double Rng::uniform() {
  return static_cast<double>(next() >> 11) * 0x1.0p-53;
}

// Box–Muller: for u1 in (0, 1] and u2 in [0, 1),
//   r = sqrt(-2 ln u1),  z0 = r cos(2 pi u2),  z1 = r sin(2 pi u2)
// are two independent standard normals. z0 is returned now and z1 on the next call.
// u1 = 1 - uniform() keeps log away from 0.
double Rng::normal() {
  if (has_spare_) {
    has_spare_ = false;
    return spare_;
  }
  const double u1 = 1.0 - uniform();
  const double u2 = uniform();
  const double r = std::sqrt(-2.0 * std::log(u1));
  const double theta = 2.0 * std::numbers::pi * u2;
  spare_ = r * std::sin(theta);
  has_spare_ = true;
  return r * std::cos(theta);
}

}  // namespace al
