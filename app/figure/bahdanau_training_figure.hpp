// bahdanau-training: the Bahdanau lab's training per epoch (engine/bahdanau/trainer.hpp): the
// book's F9 (the loss of the epoch's batches and the teacher-forced loss over the whole phrase
// set after it; the book trains on the set it translates, so the second stands for its
// validation loss) and the mean BLEU of the book's four test sentences. The window draws its live
// trainer's history; `attention-lab figure bahdanau-training` trains the bahdanau.* keys' run
// for bahdanau.epochs epochs first (engine/bahdanau/epoch.hpp, the same epochs). CSV, one row
// per epoch:
//   epoch,train_loss,set_loss,bleu,exact   (exact: test sentences translated exactly, of 4)
#pragma once

#include <string>
#include <vector>

#include "engine/bahdanau/epoch.hpp"
#include "engine/expected.hpp"
#include "engine/settings.hpp"
#include "figures.hpp"

namespace al::fig {

Figure bahdanau_training_figure(const std::vector<bahdanau::EpochPoint>& history,
                                const std::string& note, const FigureContext& ctx);

// The registry's entry: trains on this thread. Fails, before training, with a message naming the
// bahdanau.* keys of a run over the memory budget.
Expected<Figure> bahdanau_training_figure(const Settings& s, const FigureContext& ctx);

}  // namespace al::fig
