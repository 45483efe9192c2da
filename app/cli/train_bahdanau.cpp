// The Bahdanau side of the train subcommand: its run from the bahdanau.* keys, the training loop
// with progress, the evaluation on the book's test sentences, the model file.
#include "train_bahdanau.hpp"

#include <cstdio>

#include "app/figure/number_format.hpp"
#include "engine/bahdanau/epoch.hpp"
#include "engine/bahdanau/train_config.hpp"
#include "engine/transformer/run.hpp"
#include "messages.hpp"
#include "train_steps.hpp"

namespace al::cli {

int train_bahdanau(const Settings& s, const std::string& out) {
  const bahdanau::TrainConfig config = bahdanau::train_config(s);
  if (auto error = bahdanau::check_training(config)) return fail(*error);

  bahdanau::TrainingRun run(config);
  // bahdanau.epochs epochs of the window's trainer, as steps: the same steps give the same model.
  const int per_epoch = bahdanau::steps_per_epoch(config);
  const int steps = s.bahdanau_epochs * per_epoch;
  const auto trained = train_steps(
      run, steps, "train bahdanau",
      [&](int step) {
        return bahdanau::divergence_message((step - 1) / per_epoch + 1, s.bahdanau_lr);
      },
      [](int) { return false; });
  if (!trained) return fail(trained.error());
  const auto& trained_steps = trained.value();

  const bahdanau::EvalStats eval = run.evaluate();
  std::printf("bahdanau: %d epochs (%d steps) in %s s, final loss %s (last batch)\n",
              s.bahdanau_epochs, steps, fig::significant(trained_steps.seconds, 3).c_str(),
              fig::significant(trained_steps.last.loss, 4).c_str());
  std::printf("loss over the phrase set %s, token accuracy %s %%\n",
              fig::significant(eval.loss, 4).c_str(),
              fig::significant(100.0 * eval.token_accuracy, 4).c_str());
  for (const bahdanau::Translation& t : eval.test)
    std::printf("%s => %s, bleu %.3f\n", t.source.c_str(), tf::join_words(t.output).c_str(),
                t.bleu);
  if (auto error = bahdanau::save_model(run.model(), out)) return fail(*error);
  std::printf("wrote %s\n", out.c_str());
  return 0;
}

}  // namespace al::cli
