// The attention-as-a-kernel lab's figures (engine/mechanisms/kernel_identity.hpp):
//   kernel-identity     four heatmaps of the identity.* queries x keys: the scaled dot-product
//                       weights softmax(q·k/√d), the RBF exp(−‖q − k‖²/(2√d)), the magnitude
//                       exp((‖q‖² + ‖k‖²)/(2√d)) and their product normalised over the keys, with
//                       the largest difference from the dot-product weights;
//   kernel-identity-nw  the kernel-regression lab's Gaussian Nadaraya–Watson weights beside the RBF
//                       of the same scalars (d = 1, times kernel.w) normalised, and the
//                       dot-product attention of those scalars, which keeps the magnitude term.
#pragma once

#include "engine/expected.hpp"
#include "engine/kernel_regression/lab.hpp"
#include "figure.hpp"
#include "figures.hpp"

namespace al::fig {

Expected<Figure> kernel_identity_figure(const Settings& s, const FigureContext& ctx);
Expected<Figure> kernel_identity_nw_figure(const Lab& lab, const FigureContext& ctx);

}  // namespace al::fig
