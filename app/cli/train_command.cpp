// The train subcommand: parse, check everything that can be wrong before the first step (task,
// keys, output path), train on this thread with a progress report, evaluate, save.
#include "train_command.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>

#include "app/figure/number_format.hpp"
#include "engine/atomic_file.hpp"
#include "engine/transformer/model_file.hpp"
#include "engine/transformer/train_config.hpp"
#include "engine/user_text.hpp"
#include "messages.hpp"
#include "train_bahdanau.hpp"
#include "train_steps.hpp"

namespace al::cli {
namespace {

constexpr const char* kTasks = "copy, reverse, sort, phrases or bahdanau";

struct TrainOptions {
  std::string task;
  std::string out;
  std::vector<std::pair<std::string, std::string>> assignments;
};

Expected<TrainOptions> parse_train_options(ArgReader& args) {
  TrainOptions o;
  while (!args.done()) {
    const std::string arg = args.next();
    if (arg == "--out") {
      if (auto error = read_value(args, arg, "FILE.safetensors", o.out)) return Error{*error};
    } else if (arg == "--set") {
      if (auto error = read_assignment(args, arg, o.assignments)) return Error{*error};
    } else if (arg.starts_with("-")) {
      return Error{"train: unknown option " + quote_for_message(arg) +
                   " (see attention-lab --help)"};
    } else if (o.task.empty()) {
      o.task = arg;
    } else {
      return Error{"train: unexpected argument " + quote_for_message(arg) + " (one TASK only)"};
    }
  }
  return o;
}

// The output must be a .safetensors file that can be written: known before training starts
// rather than after it.
std::optional<std::string> check_out(const std::string& out) {
  std::string ext = std::filesystem::path(out).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (ext != ".safetensors") return printable(out) + ": the model file must end in .safetensors";
  return check_writable(out);
}

// Steps between two held-out evaluations of tf.stop_accuracy: an evaluation (200 greedy decodes)
// costs about as much as a few steps.
constexpr int kStopCheckEvery = 100;

std::string percent(double fraction) {
  return fig::significant(100.0 * fraction, 4) + " %";
}

}  // namespace

int train_command(ArgReader& args) {
  auto parsed = parse_train_options(args);
  if (!parsed) return fail(parsed.error());
  const TrainOptions& o = parsed.value();
  if (o.task.empty()) return fail(std::string("train: missing TASK (") + kTasks + ")");
  // bahdanau: the GRU encoder-decoder with Bahdanau attention, on the phrase set.
  const bool bahdanau = o.task == "bahdanau";
  const auto task = parse_task(o.task);
  if (!task && !bahdanau)
    return fail("train: unknown task " + quote_for_message(o.task) + " (" + kTasks + ")");
  if (o.out.empty()) return fail("train: missing --out FILE.safetensors");
  if (auto error = check_out(o.out)) return fail(*error);
  Settings s;
  if (auto error = apply_settings(s, o.assignments)) return fail(*error);
  if (bahdanau) {
    // Its keys are the Bahdanau lab's; a tf.* key would be ignored without a word.
    for (const auto& [key, value] : o.assignments)
      if (key.starts_with("tf.")) {
        std::string m = key;
        m += ": train bahdanau reads the bahdanau.* keys (bahdanau.hiddens, .layers, .batch, "
             ".seed, .lr, .epochs), not tf.*";
        return fail(m);
      }
    return train_bahdanau(s, o.out);
  }
  s.tf_task = *task;  // TASK names the task, whatever --set tf.task says
  const auto config = tf::train_config(s);
  if (!config) return fail(config.error());
  if (auto error = tf::check_training_memory(config.value())) return fail(*error);

  tf::TrainingRun run(config.value());
  // tf.stop_accuracy > 0: the held-out accuracy is measured every kStopCheckEvery steps and the
  // run ends at the first check that reaches it (tf.steps stays the most it may take).
  const int eval_examples = config.value().eval_examples;
  const auto reached = [&](int step) {
    return s.tf_stop_accuracy > 0 && step % kStopCheckEvery == 0 &&
           run.evaluate(eval_examples).token_accuracy >= s.tf_stop_accuracy;
  };
  const auto trained = train_steps(
      run, s.tf_steps, "train " + o.task,
      [&](int step) { return tf::divergence_message(step, s.tf_lr); }, reached);
  if (!trained) return fail(trained.error());
  const auto& [last, steps, seconds] = trained.value();

  const tf::EvalStats eval = run.evaluate(eval_examples);
  std::printf("%s: %d steps in %s s, final loss %s (last batch)\n", o.task.c_str(), steps,
              fig::significant(seconds, 3).c_str(), fig::significant(last.loss, 4).c_str());
  std::printf("held-out token accuracy %s, whole sequences %s (%d sequences, greedy decoding)\n",
              percent(eval.token_accuracy).c_str(), percent(eval.sequence_accuracy).c_str(),
              eval_examples);
  if (steps < s.tf_steps)
    std::printf("stopped at tf.stop_accuracy %s (checked every %d steps)\n",
                percent(s.tf_stop_accuracy).c_str(), kStopCheckEvery);
  if (auto error = tf::save_model(run.model(), o.out)) return fail(*error);
  std::printf("wrote %s\n", o.out.c_str());
  return 0;
}

}  // namespace al::cli
