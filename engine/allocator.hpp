// How the process's allocator treats freed memory: a program that trains or draws live calls
// keep_freed_memory() once at start.
//
// A training step allocates and frees the same few megabytes of matrices every few milliseconds.
// glibc serves every block above its mmap threshold (128 KB at first) with a fresh mapping and
// unmaps it when freed, and trims the heap's top back to the system above 128 KB too: each step
// then pays a page fault per 4 KB page to get zeroed pages back, and, with a second thread at
// work, the cross-core TLB flushes of every unmap. That costs more than the arithmetic: the
// reverse-task training step takes about 40 % less time when freed blocks stay in the heap.
#pragma once

namespace al {

// Blocks under 32 MB come from the heap (larger ones, like a 5 000 × 5 000 attention matrix,
// still get mappings of their own), and up to 256 MB of freed memory at the heap's top is kept
// for reuse instead of being returned. Memory in use is unchanged; what is kept is bounded by the
// largest working set the program has had.
void keep_freed_memory();

}  // namespace al
