// The positional-encoding lab's figures, all of the sinusoidal table P (pe.positions x pe.dim) and
// the followed position pe.position:
//   positional-encoding            F11 and F12: four columns of P from pe.column as curves over the
//                                  positions, and P as a Blues heatmap from -1 to 1;
//   positional-encoding-offsets    the dot products P_i . P_k of every two rows, and along the
//                                  followed row against the offset k - i beside their closed form;
//   positional-encoding-rotation   the pair of columns of pe.column on the unit circle, and the
//                                  rotation R(pe.delta) that moves the followed position's point
//                                  to position + delta, whatever the position;
//   positional-encoding-binary     the book's binary counter beside P's first rows and columns;
//   positional-encoding-learned    a Transformer's learned position table (model.path) beside P
//                                  of the same shape, as the cosines between their rows.
#pragma once

#include "engine/expected.hpp"
#include "engine/settings.hpp"
#include "engine/transformer/model.hpp"
#include "figure.hpp"
#include "figures.hpp"

namespace al::fig {

Expected<Figure> positional_encoding_figure(const Settings& s, const FigureContext& ctx);
Expected<Figure> positional_encoding_offsets_figure(const Settings& s, const FigureContext& ctx);
Expected<Figure> positional_encoding_rotation_figure(const Settings& s, const FigureContext& ctx);
Expected<Figure> positional_encoding_binary_figure(const Settings& s, const FigureContext& ctx);
Expected<Figure> positional_encoding_learned_figure(const Settings& s, const FigureContext& ctx);
// The same for a model in memory (the lab keeps the one it loaded).
Expected<Figure> learned_positions_figure(const tf::Transformer<float>& model, const Settings& s,
                                          const FigureContext& ctx);

// The pair of columns the rotation turns (pe.column / 2 within pe.dim) and the position followed
// (pe.position within pe.positions): what every view and the lab's status line name.
int followed_pair(const Settings& s);
int followed_position(const Settings& s);

}  // namespace al::fig
