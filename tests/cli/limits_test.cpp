// Nothing the user can set makes a run unbounded: greedy decoding stops at decode.max_steps (or
// the model's max_len) and says so; input.src is at most 4096 bytes; and a training run, a
// transformer figure or the kernel-regression lab whose estimated working set exceeds the memory
// budget is refused before it allocates, with one line naming the keys to lower. Each reproducer
// of the issue finishes in well under a second. The budget is set through AL_MEMORY_BUDGET_MB, so
// what is refused does not depend on the machine.
#include <gtest/gtest.h>

#include "app/figure/transformer_figures.hpp"
#include "engine/transformer/model_file.hpp"
#include "run_binary.hpp"
#include "tests/engine/memory_budget_env.hpp"
#include "tests/transformer/tiny_model.hpp"

namespace al::test {
namespace {

// An encoder-decoder of width 8 with positions up to `max_len` whose generator always picks
// `token` ("a", or "<eos>"): with "a" it never ends a sentence, so only a limit stops decoding.
tf::Transformer<float> constant_model(const std::string& token = "a", int max_len = 65536) {
  const tf::Vocab v({"<pad>", "<bos>", "<eos>", "<unk>", "a", "b"});
  tf::Transformer<float> m;
  m.init(tf::test::tiny_config(tf::Arch::EncoderDecoder, 16, max_len, v, v), 1);
  m.generator.weight.value.setZero();
  m.generator.bias.value.setZero();
  m.generator.bias.value(0, v.id(token)) = 10.0f;
  return m;
}

Settings with(const std::vector<std::pair<std::string, std::string>>& assignments) {
  Settings s;
  s.input_src = "a b a";
  EXPECT_EQ(apply_settings(s, assignments), std::nullopt);
  return s;
}

// The decoder positions of a logits figure, and its note.
std::pair<Eigen::Index, std::string> decoded(const tf::Transformer<float>& model,
                                             const Settings& s) {
  const auto f = fig::figure_of_settings(fig::transformer_logits_figure, model, s, {});
  EXPECT_TRUE(f) << (f ? "" : f.error());
  if (!f) return {-1, ""};
  const fig::Panel& p = f.value().panels.at(0);
  return {p.heatmap->values->rows(), p.note};
}

TEST(Limits, GreedyDecodingStopsAtDecodeMaxStepsAndSaysSo) {
  const auto endless = constant_model();
  EXPECT_EQ(
      decoded(endless, with({})),
      std::make_pair(Eigen::Index{64}, std::string("No <eos> in 64 tokens: decoding stopped at "
                                                   "decode.max_steps.")));
  EXPECT_EQ(decoded(endless, with({{"decode.max_steps", "5"}})).first, 5);
  // The model's max_len stops it first: <bos> and five tokens fed back fill 6 positions.
  EXPECT_EQ(decoded(constant_model("a", 6), with({})),
            std::make_pair(Eigen::Index{6}, std::string("No <eos> before the model's max_len (6): "
                                                        "decoding stopped there.")));
  // A sentence that ends says nothing.
  EXPECT_EQ(decoded(constant_model("<eos>"), with({{"decode.max_steps", "1"}})),
            std::make_pair(Eigen::Index{1}, std::string()));

  // The attention figure puts the note under the first panel of its last row.
  const auto f = fig::figure_of_settings(fig::transformer_attention_figure, endless, with({}), {});
  ASSERT_TRUE(f) << f.error();
  const auto& panels = f.value().panels;
  ASSERT_EQ(panels.size(), 4u);  // 2 layers x 2 heads
  EXPECT_EQ(panels[2].note, "No <eos> in 64 tokens: decoding stopped at decode.max_steps.");
  EXPECT_EQ(panels[0].note + panels[1].note + panels[3].note, "");
}

TEST(Limits, AModelThatNeverEndsDecodesDecodeMaxStepsThroughTheBinary) {
  TempDir dir;
  ASSERT_EQ(tf::save_model(constant_model(), dir.file("m.safetensors")), std::nullopt);
  // Before the limit this ran 172 s and died of std::bad_alloc at 18 GB.
  for (const auto& [steps, queries] : {std::pair{"64", 64}, std::pair{"5", 5}}) {
    const Outcome r =
        run(dir, {"figure", "transformer-attention", "--set", "model.path=m.safetensors", "--set",
                  std::string("decode.max_steps=") + steps, "--out", "a.csv"});
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(r.err, "");
    const std::string csv = read_file(dir.file("a.csv"));
    std::size_t rows = 0;
    for (std::size_t at = csv.find("\ndecoder-self,0,0,"); at != std::string::npos;
         at = csv.find("\ndecoder-self,0,0,", at + 1))
      ++rows;
    EXPECT_EQ(rows, static_cast<std::size_t>(queries * queries)) << steps;
  }
  const Outcome png = run(dir, {"figure", "transformer-attention", "--set",
                                "model.path=m.safetensors", "--out", "a.png"});
  EXPECT_EQ(png.code, 0) << png.err;
}

TEST(Limits, RunsOverTheMemoryBudgetAreOneLineBeforeAnyWork) {
  TempDir dir;
  {
    const MemoryBudgetEnv budget("8000");
    expect_bad_input(
        run(dir, {"train", "reverse", "--out", "x.safetensors", "--set", "tf.d_model=1024", "--set",
                  "tf.heads=64", "--set", "tf.layers=16", "--set", "tf.ffn=8192", "--set",
                  "tf.batch=4096", "--set", "tf.seq_len=100", "--set", "tf.steps=1"}),
        "attention-lab: estimated working set 2.37 TB exceeds the budget of 8 GB "
        "(AL_MEMORY_BUDGET_MB): lower tf.batch, tf.seq_len, tf.heads, tf.d_model, tf.layers or "
        "tf.ffn",
        dir);
  }
  {
    const MemoryBudgetEnv budget("500");  // the estimate is 929 MB, the real peak 938 MB
    expect_bad_input(run(dir, {"train", "reverse", "--out", "x.safetensors", "--set",
                               "tf.batch=1024", "--set", "tf.seq_len=50"}),
                     "attention-lab: estimated working set 929 MB exceeds the budget of 500 MB",
                     dir);
  }
  {
    const MemoryBudgetEnv budget("50");
    expect_bad_input(run(dir, {"figure", "attention", "--set", "data.n_train=5000", "--set",
                               "data.query_step=0.001", "--out", "a.csv"}),
                     "attention-lab: data.n_train: estimated working set 400 MB exceeds the "
                     "budget of 50 MB (AL_MEMORY_BUDGET_MB): use fewer points or a larger "
                     "data.query_step",
                     dir);
  }
  ASSERT_EQ(tf::save_model(constant_model(), dir.file("m.safetensors")), std::nullopt);
  {
    // 1000 steps keep 1000 x 1000 weights per head (and the trace in double): about 40 MB.
    const MemoryBudgetEnv budget("10");
    expect_bad_input(
        run(dir, {"figure", "transformer-attention", "--set", "model.path=m.safetensors", "--set",
                  "decode.max_steps=1000", "--out", "a.png"}),
        "exceeds the budget of 10 MB (AL_MEMORY_BUDGET_MB): shorten input.src or "
        "input.tgt, lower decode.max_steps, or use a smaller model.path",
        dir, "m.safetensors");
  }
}

TEST(Limits, SentencesAreBoundedBeforeTheyAreTokenised) {
  TempDir dir;
  ASSERT_EQ(tf::save_model(constant_model(), dir.file("m.safetensors")), std::nullopt);
  std::string words;  // 20 000 words: far within the model's max_len of 65 536
  for (int i = 0; i < 20000; ++i) words += i == 0 ? "a" : " a";
  for (const char* key : {"input.src=", "input.tgt="})
    expect_bad_input(run(dir, {"figure", "transformer-logits", "--set", "model.path=m.safetensors",
                               "--set", key + words, "--out", "l.csv"}),
                     std::string(key, 9) + ": 39999 bytes is longer than 4096", dir,
                     "m.safetensors");
  // Within 4096 bytes, a source longer than the model's max_len is refused before the forward
  // pass: 16 words and <eos> on a model of max_len 16.
  ASSERT_EQ(tf::save_model(constant_model("a", 16), dir.file("short.safetensors")), std::nullopt);
  expect_bad_input(
      run(dir, {"figure", "transformer-logits", "--set", "model.path=short.safetensors", "--set",
                "input.src=" + words.substr(0, 31), "--out", "l.csv"}),
      "input.src: the source has 17 tokens, more than the model's max_len 16", dir,
      "m.safetensors short.safetensors");
  Settings s;
  EXPECT_EQ(apply_setting(s, "input.src", std::string(4096, 'a')), std::nullopt);
  EXPECT_EQ(apply_setting(s, "decode.max_steps", "1001").value_or(""),
            "decode.max_steps: '1001' is out of range (1 to 1000)");
}

}  // namespace
}  // namespace al::test
