// The Bahdanau side of the command line, through the real binary: `train bahdanau` writes a model
// file that loads, from the lab's bahdanau.* keys; the bahdanau-attention and bahdanau-logits
// figures read the shipped model (CSV and images); bahdanau-training trains bahdanau.epochs
// epochs; every bad input is one line, exit code 2 and no file written.
#include <gtest/gtest.h>

#include <filesystem>

#include "engine/bahdanau/model_file.hpp"
#include "run_binary.hpp"

namespace al::test {
namespace {

std::string model_setting(const char* file) {
  return "model.path=" + (std::filesystem::path(AL_TEST_DATA).parent_path().parent_path() /
                          "assets" / "models" / file)
                             .string();
}

TEST(BahdanauTrainCommand, WritesAModelThatLoads) {
  TempDir dir;
  // 5 epochs of batches of 64: 6 steps each cover the phrase set.
  const Outcome r =
      run(dir, {"train", "bahdanau", "--set", "bahdanau.epochs=5", "--set", "bahdanau.hiddens=8",
                "--set", "bahdanau.layers=1", "--out", "b.safetensors"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("bahdanau: 5 epochs (30 steps) in "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("loss over the phrase set "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("i'm home . => "), std::string::npos) << r.out;
  // Not a terminal: one progress line per 10 %.
  EXPECT_EQ(lines(r.err), 10) << r.err;
  EXPECT_NE(r.err.find("train bahdanau: 100% (30 of 30)"), std::string::npos) << r.err;
  EXPECT_EQ(dir.listing(), "b.safetensors");
  const auto model = bahdanau::load_model(dir.file("b.safetensors"));
  ASSERT_TRUE(model) << model.error();
  EXPECT_EQ(model.value().config.embed_size, 8);
  EXPECT_EQ(model.value().config.num_hiddens, 8);
  EXPECT_EQ(model.value().config.num_layers, 1);
  // It draws its attention.
  const Outcome drawn = run(
      dir, {"figure", "bahdanau-attention", "--set", "model.path=b.safetensors", "--out", "a.csv"});
  EXPECT_EQ(drawn.code, 0) << drawn.err;
}

TEST(BahdanauTrainCommand, BadInputIsOneLineBeforeAnyTraining) {
  TempDir dir;
  expect_bad_input(run(dir, {"train", "bahdanau"}), "train: missing --out FILE.safetensors", dir);
  expect_bad_input(run(dir, {"train", "bahdanau", "--out", "b.bin"}),
                   "b.bin: the model file must end in .safetensors", dir);
  // The Transformer's keys would be ignored: they are refused, naming the Bahdanau model's.
  expect_bad_input(
      run(dir, {"train", "bahdanau", "--out", "b.safetensors", "--set", "tf.lr=0.005"}),
      "tf.lr: train bahdanau reads the bahdanau.* keys (bahdanau.hiddens, .layers, .batch, .seed, "
      ".lr, .epochs), not tf.*",
      dir);
  expect_bad_input(
      run(dir, {"train", "bahdanau", "--out", "b.safetensors", "--set", "bahdanau.layers=0"}),
      "bahdanau.layers: '0' is out of range", dir);
  expect_bad_input(
      run(dir, {"train", "bahdanau", "--out", "b.safetensors", "--set", "bahdanau.epochs=0"}),
      "bahdanau.epochs: '0' is out of range", dir);
}

// The training figure trains bahdanau.epochs epochs of the bahdanau.* keys' run: a CSV row per
// epoch, the same epochs whatever the format, and bad keys named before any training.
TEST(BahdanauFigureCommand, TrainingTrainsTheKeysEpochs) {
  TempDir dir;
  const std::vector<std::string> small = {
      "--set", "bahdanau.epochs=3", "--set", "bahdanau.hiddens=8", "--set", "bahdanau.layers=1"};
  std::vector<std::string> args = {"figure", "bahdanau-training", "--out", "t.csv"};
  args.insert(args.end(), small.begin(), small.end());
  const Outcome r = run(dir, args);
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string csv = read_file(dir.file("t.csv"));
  EXPECT_EQ(csv.substr(0, csv.find('\n')), "epoch,train_loss,set_loss,bleu,exact");
  EXPECT_EQ(lines(csv), 1 + 3) << csv;
  EXPECT_NE(csv.find("\n1,"), std::string::npos) << csv;
  EXPECT_NE(csv.find("\n3,"), std::string::npos) << csv;
  for (const char* image : {"t.png", "t.svg"}) {
    args[3] = image;
    const Outcome drawn = run(dir, args);
    EXPECT_EQ(drawn.code, 0) << image << ": " << drawn.err;
  }
  expect_bad_input(
      run(dir, {"figure", "bahdanau-training", "--set", "bahdanau.epochs=0", "--out", "x.csv"}),
      "bahdanau.epochs: '0' is out of range", dir, "t.csv t.png t.svg");
  expect_bad_input(run(dir, {"figure", "bahdanau-training", "--set", "bahdanau.hiddens=1024",
                             "--set", "bahdanau.batch=4096", "--out", "x.csv"}),
                   "lower bahdanau.batch, bahdanau.hiddens or bahdanau.layers", dir,
                   "t.csv t.png t.svg");
}

TEST(BahdanauFigureCommand, AttentionCsvIsTheAlignment) {
  TempDir dir;
  const Outcome r = run(dir, {"figure", "bahdanau-attention", "--set",
                              model_setting("bahdanau.safetensors"), "--out", "a.csv"});
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string csv = read_file(dir.file("a.csv"));
  EXPECT_EQ(csv.substr(0, csv.find('\n')), "step,key,query_token,key_token,weight");
  // "i'm home ." + <eos> read, "je suis chez moi ." + <eos> decoded: 6 steps x 4 keys.
  EXPECT_EQ(lines(csv), 1 + 6 * 4);
  EXPECT_NE(csv.find("\n0,0,<bos>,i'm,"), std::string::npos) << csv;
  EXPECT_NE(csv.find("\n5,3,.,<eos>,"), std::string::npos) << csv;

  // Teacher-forced on a target of two words: <bos> and both words query.
  const Outcome forced =
      run(dir, {"figure", "bahdanau-attention", "--set", model_setting("bahdanau.safetensors"),
                "--set", "input.src=go .", "--set", "input.tgt=va !", "--out", "f.csv"});
  ASSERT_EQ(forced.code, 0) << forced.err;
  const std::string f = read_file(dir.file("f.csv"));
  EXPECT_EQ(lines(f), 1 + 3 * 3);
  EXPECT_NE(f.find("\n2,1,!,.,"), std::string::npos) << f;
}

TEST(BahdanauFigureCommand, LogitsCsvAndImages) {
  TempDir dir;
  const std::string model = model_setting("bahdanau.safetensors");
  const Outcome r = run(dir, {"figure", "bahdanau-logits", "--set", model, "--set",
                              "input.src=go .", "--out", "l.csv"});
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string csv = read_file(dir.file("l.csv"));
  EXPECT_EQ(csv.substr(0, csv.find('\n')), "position,token,logit");
  const auto vocab = bahdanau::load_model(model.substr(11)).value().config.tgt_vocab.size();
  EXPECT_EQ(lines(csv), 1 + 3 * vocab);  // va ! <eos>
  EXPECT_NE(csv.find("\n0,<pad>,"), std::string::npos);
  for (const char* name : {"bahdanau-attention", "bahdanau-logits"})
    for (const char* image : {"x.png", "x.svg", "x.pdf"}) {
      const Outcome drawn = run(dir, {"figure", name, "--set", model, "--out", image});
      EXPECT_EQ(drawn.code, 0) << name << " " << image << ": " << drawn.err;
    }
  EXPECT_EQ(read_file(dir.file("x.png")).substr(1, 3), "PNG");
}

TEST(BahdanauFigureCommand, BadInputIsOneLine) {
  TempDir dir;
  for (const char* name : {"bahdanau-attention", "bahdanau-logits"})
    expect_bad_input(run(dir, {"figure", name, "--out", "a.csv"}),
                     "model.path: set it to a .safetensors file", dir);
  expect_bad_input(run(dir, {"figure", "bahdanau-attention", "--set",
                             model_setting("phrases.safetensors"), "--out", "a.png"}),
                   "arch \"encoder-decoder\" is a Transformer, not a Bahdanau model", dir);
  expect_bad_input(run(dir, {"figure", "transformer-attention", "--set",
                             model_setting("bahdanau.safetensors"), "--out", "a.png"}),
                   "arch \"bahdanau\" is a GRU encoder-decoder with Bahdanau attention", dir);
  write_text(dir.file("bad.safetensors"), "this is not a model file at all");
  expect_bad_input(run(dir, {"figure", "bahdanau-logits", "--set", "model.path=bad.safetensors",
                             "--out", "l.csv"}),
                   "attention-lab: bad.safetensors: ", dir, "bad.safetensors");
  expect_bad_input(
      run(dir, {"figure", "bahdanau-attention", "--set", model_setting("bahdanau.safetensors"),
                "--set", "input.src= ", "--out", "a.csv"}),
      "input.src: no words", dir, "bad.safetensors");
}

}  // namespace
}  // namespace al::test
