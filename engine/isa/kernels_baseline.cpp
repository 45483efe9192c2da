// The kernels (kernels.hpp) for the build's own target (no flags of its own); flags in
// engine/CMakeLists.txt.
#define AL_ISA_NAMESPACE isa_baseline
#define AL_ISA_EIGEN Eigen_isa_baseline
#define AL_ISA_TABLE kBaselineKernels
#define AL_ISA_VALUE Isa::baseline
#include "engine/isa/kernels_body.inc"
