// The self-attention lab's figures, of the network trained on associative recall
// (engine/self_attention):
//   self-attention-weights    the attention of one example, query positions x key positions with
//                             its tokens on both axes (0 to 1, so that it is seen forming);
//                             the last row, where the answer is read, is outlined unless another
//                             is highlighted. CSV: query,key,query_token,key_token,weight
//   self-attention-answer     the probabilities of every token the network can answer, at the
//                             last position. CSV: token,probability
//   self-attention-training   held-out loss and accuracy over the steps, chance as a guide.
//                             CSV: step,loss,accuracy
// The window draws them from its live trainer; the command line trains the sa.* keys' run for
// sa.steps steps first (the same steps the window takes) and shows sa.input.
#pragma once

#include <string>
#include <vector>

#include "engine/expected.hpp"
#include "engine/self_attention/training.hpp"
#include "engine/settings.hpp"
#include "figure.hpp"
#include "figures.hpp"

namespace al::fig {

// ctx.query: the query row to outline (-1: the last one). `step`: the training step of the
// network that answered, for the title.
Figure self_attention_weights_figure(const sa::Answer& a, int step, Colormap colormap,
                                     const FigureContext& ctx);
Figure self_attention_answer_figure(const sa::Answer& a, const sa::Vocab& vocab,
                                    const FigureContext& ctx);
// `chance`: the accuracy of guessing a value (1 / sa.values); `note` goes under the loss plot
// (why training stopped), or "No steps yet." when empty and nothing is trained.
Figure self_attention_training_figure(const std::vector<sa::CurvePoint>& curve, double chance,
                                      const std::string& note, const FigureContext& ctx);

// The registry's entries: train sa.steps steps on this thread, then draw. They fail before
// training with one line naming the key (sa.pairs beyond sa.keys, a bad sa.input).
Expected<Figure> self_attention_weights_figure(const Settings& s, const FigureContext& ctx);
Expected<Figure> self_attention_answer_figure(const Settings& s, const FigureContext& ctx);
Expected<Figure> self_attention_training_figure(const Settings& s, const FigureContext& ctx);

}  // namespace al::fig
