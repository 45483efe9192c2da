// The Transformer side of the command line, through the real binary: `train` writes a model file
// that loads, the transformer figures read it (one query's steps too), and every bad input is one
// line, exit code 2 and no file written.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>

#include "engine/transformer/model_file.hpp"
#include "run_binary.hpp"

// Inside al::test: the helpers of run_binary.hpp need no qualification.
namespace al::test {
namespace {

TEST(TrainCommand, WritesAModelThatLoadsAndDrawsItsAttention) {
  TempDir dir;
  const Outcome r =
      run(dir, {"train", "reverse", "--set", "tf.steps=20", "--out", "m.safetensors"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("final loss "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("held-out token accuracy "), std::string::npos) << r.out;
  // Not a terminal: one progress line per 10 %.
  EXPECT_EQ(lines(r.err), 10) << r.err;
  EXPECT_NE(r.err.find("train reverse: 100% (20 of 20)"), std::string::npos) << r.err;
  EXPECT_EQ(dir.listing(), "m.safetensors");

  auto model = tf::load_model(dir.file("m.safetensors"));
  ASSERT_TRUE(model) << model.error();
  EXPECT_EQ(model.value().config.d_model, 32);
  EXPECT_EQ(model.value().config.num_heads, 4);
  EXPECT_EQ(model.value().config.num_encoder_layers, 2);
  EXPECT_TRUE(model.value().config.src_vocab.contains("7"));

  const Outcome fig =
      run(dir, {"figure", "transformer-attention", "--set", "model.path=m.safetensors", "--set",
                "input.src=1 2 3", "--out", "a.csv"});
  ASSERT_EQ(fig.code, 0) << fig.err;
  const std::string csv = read_file(dir.file("a.csv"));
  EXPECT_EQ(csv.substr(0, csv.find('\n')),
            "kind,layer,head,query,key,query_token,key_token,weight");
  EXPECT_NE(csv.find("\nencoder-self,0,0,0,0,1,1,"), std::string::npos);
  for (const char* image : {"a.png", "a.svg", "a.pdf", "l.png"}) {
    const std::string figure = image[0] == 'a' ? "transformer-attention" : "transformer-logits";
    const Outcome drawn = run(dir, {"figure", figure, "--set", "model.path=m.safetensors", "--set",
                                    "attention.kind=cross", "--out", image});
    EXPECT_EQ(drawn.code, 0) << image << ": " << drawn.err;
  }
  EXPECT_EQ(read_file(dir.file("a.png")).substr(1, 3), "PNG");
  EXPECT_EQ(read_file(dir.file("a.pdf")).rfind("%PDF-", 0), 0u);
}

// tf.stop_accuracy ends the run at the first check (every 100 steps) that reaches it: a target
// the copy task passes within a few hundred steps stops it long before tf.steps.
TEST(TrainCommand, StopsAtTheTargetAccuracy) {
  TempDir dir;
  const Outcome r = run(dir, {"train", "copy", "--set", "tf.steps=5000", "--set",
                              "tf.stop_accuracy=0.5", "--out", "m.safetensors"});
  ASSERT_EQ(r.code, 0) << r.err;
  int steps = 0;
  ASSERT_EQ(std::sscanf(r.out.c_str(), "copy: %d steps in", &steps), 1) << r.out;
  EXPECT_LT(steps, 5000);
  EXPECT_EQ(steps % 100, 0);
  EXPECT_NE(r.out.find("stopped at tf.stop_accuracy 50 % (checked every 100 steps)"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(dir.listing(), "m.safetensors");
}

TEST(TrainCommand, BadInputIsOneLineBeforeAnyTraining) {
  TempDir dir;
  expect_bad_input(run(dir, {"train", "--out", "m.safetensors"}), "train: missing TASK", dir);
  expect_bad_input(run(dir, {"train", "juggle", "--out", "m.safetensors"}),
                   "train: unknown task 'juggle' (copy, reverse, sort, phrases or bahdanau)", dir);
  expect_bad_input(run(dir, {"train", "copy"}), "train: missing --out FILE.safetensors", dir);
  expect_bad_input(run(dir, {"train", "copy", "--out", "m.bin"}),
                   "m.bin: the model file must end in .safetensors", dir);
  expect_bad_input(run(dir, {"train", "copy", "--out", "no/such/m.safetensors"}),
                   "no/such/m.safetensors: cannot write: there is no directory 'no/such'", dir);
  expect_bad_input(run(dir, {"train", "copy", "--out", "m.safetensors", "--set", "tf.heads=3"}),
                   "tf.d_model: 32 is not divisible by tf.heads (3)", dir);
  expect_bad_input(run(dir, {"train", "copy", "--out", "m.safetensors", "--set", "tf.steps=0"}),
                   "tf.steps: '0' is out of range (1 to 1000000)", dir);
  expect_bad_input(run(dir, {"train", "copy", "sort", "--out", "m.safetensors"}),
                   "train: unexpected argument 'sort'", dir);
  expect_bad_input(run(dir, {"train", "copy", "--out", "m.safetensors", "--fast"}),
                   "train: unknown option '--fast'", dir);
  expect_bad_input(run(dir, {"train", "copy", "--out", "m.safetensors", "--set", "tf.lr=10"}),
                   "tf.lr: '10' is out of range (1e-06 to 1)", dir);
}

TEST(TransformerFigureCommand, ModelFileErrorsNameTheKeyOrFile) {
  TempDir dir;
  for (const char* name : {"transformer-attention", "transformer-logits"}) {
    const Outcome r = run(dir, {"figure", name, "--out", "a.csv"});
    expect_bad_input(r, "model.path: set it to a .safetensors file", dir);
  }
  write_text(dir.file("bad.safetensors"), "this is not a model file at all");
  expect_bad_input(run(dir, {"figure", "transformer-attention", "--set",
                             "model.path=bad.safetensors", "--out", "a.png"}),
                   "attention-lab: bad.safetensors: ", dir, "bad.safetensors");
  expect_bad_input(run(dir, {"figure", "transformer-logits", "--set", "model.path=gone.safetensors",
                             "--out", "l.csv"}),
                   "attention-lab: gone.safetensors: ", dir, "bad.safetensors");
  expect_bad_input(run(dir, {"figure", "transformer-attention", "--set", "attention.kind=self",
                             "--out", "a.png"}),
                   "attention.kind: 'self' is not one of encoder-self|decoder-self|cross", dir,
                   "bad.safetensors");
}

// transformer-query-steps through the binary on the shipped phrase model: its CSV (one row per
// key), its images, its place in `figure --list` with its keys, and a layer, head or query beyond
// the model as one line naming the key, exit 2 and no file.
TEST(TransformerFigureCommand, QueryStepsCsvImagesAndErrors) {
  TempDir dir;
  const std::string model =
      "model.path=" + (std::filesystem::path(AL_TEST_DATA).parent_path().parent_path() / "assets" /
                       "models" / "phrases.safetensors")
                          .string();
  const auto query_steps = [&](const std::vector<std::string>& sets, const std::string& out) {
    std::vector<std::string> args = {"figure", "transformer-query-steps", "--set", model,
                                     "--set",  "attention.kind=cross"};
    for (const std::string& set : sets) args.insert(args.end(), {"--set", set});
    args.insert(args.end(), {"--out", out});
    return run(dir, args);
  };
  const Outcome r = query_steps(
      {"attention.layer=1", "attention.head=3", "attention.query=2", "input.tgt=je suis"}, "q.csv");
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string csv = read_file(dir.file("q.csv"));
  EXPECT_EQ(csv.substr(0, csv.find('\n')), "key,key_token,score,scaled,masked,weight");
  EXPECT_EQ(lines(csv), 1 + 4);  // i'm home . <eos>
  EXPECT_NE(csv.find("\n0,i'm,"), std::string::npos) << csv;
  EXPECT_NE(csv.find("\n3,<eos>,"), std::string::npos) << csv;
  for (const char* image : {"q.png", "q.svg", "q.pdf"}) {
    const Outcome drawn = query_steps({"attention.kind=decoder-self", "attention.query=1"}, image);
    EXPECT_EQ(drawn.code, 0) << image << ": " << drawn.err;
  }
  EXPECT_EQ(read_file(dir.file("q.png")).substr(1, 3), "PNG");
  const std::string files = "q.csv q.pdf q.png q.svg";
  expect_bad_input(query_steps({"attention.layer=2"}, "bad.csv"),
                   "attention.layer: 2 is out of range (this model has 2 cross layers: 0 to 1)",
                   dir, files);
  expect_bad_input(query_steps({"attention.head=4"}, "bad.csv"),
                   "attention.head: 4 is out of range (this model has 4 heads: 0 to 3)", dir,
                   files);
  expect_bad_input(query_steps({"input.tgt=je", "attention.query=2"}, "bad.png"),
                   "attention.query: 2 is out of range (cross has 2 queries: 0 to 1)", dir, files);
  expect_bad_input(query_steps({"attention.query=-1"}, "bad.csv"),
                   "attention.query: '-1' is out of range (0 to 9999)", dir, files);

  const Outcome list = run(dir, {"figure", "--list"});
  ASSERT_EQ(list.code, 0) << list.err;
  for (const char* name :
       {"transformer-query-steps", "attention.layer", "attention.head", "attention.query"})
    EXPECT_NE(list.out.find(name), std::string::npos) << name;
}

TEST(TransformerFigureCommand, PositionalEncodingCsv) {
  TempDir dir;
  ASSERT_EQ(run(dir, {"figure", "positional-encoding", "--out", "pe.csv"}).code, 0);
  const std::string pe = read_file(dir.file("pe.csv"));
  EXPECT_EQ(lines(pe), 1 + 60 * 32);
  EXPECT_NE(pe.find("\n1,0,0.84147098480789"), std::string::npos);
  ASSERT_EQ(run(dir, {"figure", "positional-encoding", "--set", "pe.dim=8", "--set",
                      "pe.positions=3", "--out", "small.csv"})
                .code,
            0);
  EXPECT_EQ(lines(read_file(dir.file("small.csv"))), 1 + 3 * 8);
}

}  // namespace
}  // namespace al::test
