// Choosing the instruction set once per process, and the table of each one's kernels.
#include "engine/isa/isa.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "engine/isa/kernels.hpp"
#include "engine/setting_table.hpp"

namespace al {

// Defined in kernels_<isa>.cpp, each compiled with its own instruction-set flags. AL_X86_KERNELS
// is set by engine/CMakeLists.txt where it builds the AVX2 and AVX-512 copies (x86-64).
extern const IsaKernels kBaselineKernels;
#if defined(AL_X86_KERNELS)
extern const IsaKernels kAvx2Kernels;
extern const IsaKernels kAvx512Kernels;
#endif

namespace {

constexpr NameTable<Isa, 3> kIsas{{
    {Isa::baseline, "baseline", "x86-64 baseline (SSE2)"},
    {Isa::avx2, "avx2", "AVX2 + FMA"},
    {Isa::avx512, "avx512", "AVX-512 (F, BW, DQ, VL)"},
}};

}  // namespace

const char* isa_name(Isa isa) {
  return lookup_name(kIsas, isa).data();  // the table's names are string literals
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
  Isa isa = Isa::baseline;
  if (auto error = check_choice(kIsas, value, isa))
    return Error{std::string(kMaxIsaVariable) + ": " + *error};
  return std::optional<Isa>{isa};
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
