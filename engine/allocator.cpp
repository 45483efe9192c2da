// The allocator's settings (see allocator.hpp).
#include "engine/allocator.hpp"

#include <malloc.h>

namespace al {

void keep_freed_memory() {
  // glibc's largest allowed threshold on 64-bit systems (mallopt refuses more).
  mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
  mallopt(M_TRIM_THRESHOLD, 256 * 1024 * 1024);
}

}  // namespace al
