#!/bin/sh
# The portable_binary test: outside the per-instruction-set kernels (engine/isa/: namespaces
# al::isa_avx2, al::isa_avx512 and their renamed Eigen copies), the binary has no VEX- or
# EVEX-encoded instruction (AVX and later), so it runs on any x86-64 CPU that lacks them.
#   check_portable_binary.sh OBJDUMP BINARY
objdump=$1
binary=$2
offenders=$("$objdump" -d --no-show-raw-insn -C "$binary" | awk '
  /^[0-9a-f]+ <.*>:$/ { function_name = $0; next }
  /\tv[a-z0-9]+ / && !(function_name in seen) { seen[function_name] = 1; print function_name }' |
  grep -v -e 'Eigen_isa_avx' -e 'al::isa_avx')
if [ -n "$offenders" ]; then
  echo "AVX instructions outside the kernels of engine/isa/:"
  echo "$offenders" | head -20
  exit 1
fi
echo "AVX instructions only in the kernels of engine/isa/"
