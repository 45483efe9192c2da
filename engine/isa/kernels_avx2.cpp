// The kernels (kernels.hpp) for AVX2 and FMA; flags in engine/CMakeLists.txt.
#define AL_ISA_NAMESPACE isa_avx2
#define AL_ISA_EIGEN Eigen_isa_avx2
#define AL_ISA_TABLE kAvx2Kernels
#define AL_ISA_VALUE Isa::avx2
#include "engine/isa/kernels_body.inc"
