// Deterministic random numbers: the same seed gives the same samples on every machine and standard
// library. std::uniform_real_distribution and std::normal_distribution are implementation-defined,
// so the samplers here are our own, on top of std::mt19937_64 (whose output the standard fixes).
#pragma once

#include <cstdint>
#include <random>

namespace al {

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : gen_(seed) {}
  std::uint64_t next() { return gen_(); }
  // Uniform in [0, 1) with 53 random bits.
  double uniform();
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
  // Standard normal by the Box–Muller transform (one sample per call; the pair's second is kept).
  double normal();
  double normal(double mean, double sd) { return mean + sd * normal(); }

 private:
  std::mt19937_64 gen_;
  bool has_spare_ = false;
  double spare_ = 0.0;
};

}  // namespace al
