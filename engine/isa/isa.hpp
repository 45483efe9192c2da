// Which instruction set the engine's hot loops run on, chosen once at run time: the widest the
// CPU has, capped by the environment variable AL_MAX_ISA (avx512, avx2 or baseline).
#pragma once

#include <optional>
#include <string>

#include "engine/expected.hpp"

namespace al {

// In order of width: each includes the one before. avx2 means AVX2 with FMA.
enum class Isa { baseline, avx2, avx512 };

const char* isa_name(Isa isa);

// The widest instruction set this CPU has that this build has kernels for.
Isa cpu_isa();

inline constexpr const char* kMaxIsaVariable = "AL_MAX_ISA";

// A value of AL_MAX_ISA: nullopt for unset or empty (no cap), an error line naming the variable
// and the accepted values for anything else.
Expected<std::optional<Isa>> parse_isa_cap(const char* value);

// min(cpu_isa(), cap).
Isa capped_isa(std::optional<Isa> cap);

// capped_isa of AL_MAX_ISA as it is at the first call, for the whole process. A value that does
// not parse is reported once on stderr and ignored (no cap): the command line refuses it before
// anything runs (check_isa_environment), a library user is warned without being stopped.
Isa active_isa();

// The error line for a bad AL_MAX_ISA, or nullopt when it is fine.
std::optional<std::string> check_isa_environment();

}  // namespace al
