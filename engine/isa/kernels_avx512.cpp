// The kernels (kernels.hpp) for AVX-512 (F, BW, DQ, VL), AVX2 and FMA; flags in
// engine/CMakeLists.txt.
#define AL_ISA_NAMESPACE isa_avx512
#define AL_ISA_EIGEN Eigen_isa_avx512
#define AL_ISA_TABLE kAvx512Kernels
#define AL_ISA_VALUE Isa::avx512
#include "engine/isa/kernels_body.inc"
