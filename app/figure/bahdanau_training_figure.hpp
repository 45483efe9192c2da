// bahdanau-training: the Bahdanau lab's training per epoch (engine/bahdanau/trainer.hpp): the
// book's F9 (the loss of the epoch's batches and the teacher-forced loss over the whole phrase
// set after it; the book trains on the set it translates, so the second stands for its
// validation loss) and the mean BLEU of the book's four test sentences. CSV, one row per epoch:
//   epoch,train_loss,set_loss,bleu,exact   (exact: test sentences translated exactly, of 4)
#pragma once

#include <string>
#include <vector>

#include "engine/bahdanau/trainer.hpp"
#include "figures.hpp"

namespace al::fig {

Figure bahdanau_training_figure(const std::vector<bahdanau::EpochPoint>& history,
                                const std::string& note, const FigureContext& ctx);

}  // namespace al::fig
