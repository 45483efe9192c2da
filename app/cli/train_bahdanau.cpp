// The Bahdanau side of the train subcommand: its configuration from tf.*, the training loop with
// progress, the evaluation on the book's test sentences, the model file.
#include "train_bahdanau.hpp"

#include <cstdio>

#include "app/figure/number_format.hpp"
#include "engine/memory_budget.hpp"
#include "engine/transformer/run.hpp"
#include "engine/transformer/trainer.hpp"
#include "messages.hpp"
#include "train_steps.hpp"

namespace al::cli {
namespace {}  // namespace

Expected<bahdanau::TrainConfig> bahdanau_train_config(const Settings& s) {
  if (s.tf_dropout != 0.0)
    return Error{"tf.dropout: the Bahdanau model trains without dropout; set it to 0"};
  bahdanau::TrainConfig c = bahdanau::phrases_config();
  c.model.embed_size = c.model.num_hiddens = s.tf_d_model;
  c.model.num_layers = s.tf_layers;
  c.batch = s.tf_batch;
  c.adam.lr = s.tf_lr;
  c.seed = s.tf_seed;
  if (auto e = bahdanau::validate(c)) return Error{"train: " + *e};
  return c;
}

int train_bahdanau(const Settings& s, const std::string& out) {
  const auto config = bahdanau_train_config(s);
  if (!config) return fail(config.error());
  if (auto error = check_memory(bahdanau::training_working_set(config.value()),
                                "lower tf.batch, tf.d_model or tf.layers"))
    return fail(*error);

  bahdanau::TrainingRun run(config.value());
  const auto trained = train_steps(run, s.tf_steps, s.tf_lr, "train bahdanau");
  if (!trained) return fail(trained.error());
  const auto& [last, seconds] = trained.value();

  const bahdanau::EvalStats eval = run.evaluate();
  std::printf("bahdanau: %d steps in %s s, final loss %s (last batch)\n", s.tf_steps,
              fig::significant(seconds, 3).c_str(), fig::significant(last.loss, 4).c_str());
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
