// Choosing the instruction set once per process, and the table of each one's kernels.
#include "engine/isa/isa.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "engine/isa/kernels.hpp"

namespace al {

// Defined in kernels_<isa>.cpp, each compiled with its own instruction-set flags. AL_X86_KERNELS
// is set by engine/CMakeLists.txt where it builds the AVX2 and AVX-512 copies (x86-64).
extern const IsaKernels kBaselineKernels;
#if defined(AL_X86_KERNELS)
extern const IsaKernels kAvx2Kernels;
extern const IsaKernels kAvx512Kernels;
#endif

const char* isa_name(Isa isa) {
  switch (isa) {
    case Isa::baseline:
      return "baseline";
    case Isa::avx2:
      return "avx2";
    case Isa::avx512:
      return "avx512";
  }
  return "baseline";
}

Isa cpu_isa() {
#if defined(AL_X86_KERNELS)
  __builtin_cpu_init();
  // The AVX-512 copy is compiled with the subsets every AVX-512 CPU since Skylake-X has.
  if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
      __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512vl") &&
      __builtin_cpu_supports("fma"))
    return Isa::avx512;
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return Isa::avx2;
#endif
  return Isa::baseline;
}

Expected<std::optional<Isa>> parse_isa_cap(const char* value) {
  if (value == nullptr || *value == '\0') return std::optional<Isa>{};
  for (const Isa isa : {Isa::baseline, Isa::avx2, Isa::avx512})
    if (std::strcmp(value, isa_name(isa)) == 0) return std::optional<Isa>{isa};
  return Error{std::string(kMaxIsaVariable) + "=" + value +
               ": unknown instruction set (use avx512, avx2 or baseline)"};
}

Isa capped_isa(std::optional<Isa> cap) {
  return cap ? std::min(cpu_isa(), *cap) : cpu_isa();
}

std::optional<std::string> check_isa_environment() {
  const auto cap = parse_isa_cap(std::getenv(kMaxIsaVariable));
  if (cap) return std::nullopt;
  return cap.error();
}

Isa active_isa() {
  static const Isa isa = [] {
    const auto cap = parse_isa_cap(std::getenv(kMaxIsaVariable));
    if (!cap) std::fprintf(stderr, "attention-lab: %s; not capped\n", cap.error().c_str());
    return capped_isa(cap ? cap.value() : std::nullopt);
  }();
  return isa;
}

const IsaKernels* isa_kernels(Isa isa) {
  switch (isa) {
    case Isa::baseline:
      return &kBaselineKernels;
#if defined(AL_X86_KERNELS)
    case Isa::avx2:
      return &kAvx2Kernels;
    case Isa::avx512:
      return &kAvx512Kernels;
#else
    default:
      return nullptr;
#endif
  }
  return nullptr;
}

const IsaKernels& kernels() {
  static const IsaKernels& table = *isa_kernels(active_isa());
  return table;
}

}  // namespace al
