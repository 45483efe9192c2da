// A vectorised e^t for t <= 0: the loop is compiled once per instruction set (engine/isa/), and
// the copy for this CPU runs.
#include "vector_exp.hpp"

#include "engine/isa/kernels.hpp"

namespace al {

void exp_nonpositive(Eigen::Ref<Eigen::ArrayXd> t) {
  kernels().exp_nonpositive(t.data(), t.size());
}

}  // namespace al
