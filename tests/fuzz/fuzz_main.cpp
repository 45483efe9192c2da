// libFuzzer's entry for one fuzz target, named at build time by AL_FUZZ_ENTRY (CMakeLists.txt).
// A violated property aborts, so libFuzzer reports it and saves the input like any crash.
#include <cstdio>
#include <cstdlib>

#include "targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (const auto problem = AL_FUZZ_ENTRY({data, size})) {
    std::fprintf(stderr, "fuzz property violated: %s\n", problem->c_str());
    std::abort();
  }
  return 0;
}
