// Bahdanau model files: a round trip keeps every byte and every logit; the config's fields; and
// hostile or broken files fail with one line naming the problem.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "engine/bahdanau/model_file.hpp"
#include "engine/transformer/model_file.hpp"
#include "engine/transformer/safetensors.hpp"

namespace al::bahdanau {
namespace {

namespace st = tf::safetensors;

Model small_model() {
  Config c;
  c.embed_size = 3;
  c.num_hiddens = 4;
  c.num_layers = 2;
  c.src_vocab = Vocab({"<pad>", "<eos>", "<unk>", "go", "."});
  c.tgt_vocab = Vocab({"<pad>", "<bos>", "<eos>", "va", "!", "\xC3\xA9"});
  Model m;
  m.init(c, 3);
  return m;
}

std::span<const std::uint8_t> bytes_of(const std::string& s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

std::string error_of(const std::string& bytes) {
  const auto m = load_model_from_bytes(bytes_of(bytes));
  return m ? "" : m.error();
}

// A file of the given config JSON and tensors (F32).
std::string file_of(const std::string& config, const std::vector<st::OutTensor>& tensors) {
  return st::serialize({{"config", config}, {"format", "pt"}}, tensors);
}

// The small model's tensors as the writer lays them out.
std::vector<st::OutTensor> tensors_of(const Model& m) {
  const std::string bytes = model_to_bytes(m).value();
  const auto file = st::parse(bytes_of(bytes)).value();
  std::vector<st::OutTensor> out;
  for (const auto& [name, info] : file.tensors) out.push_back({name, info.shape, file.read(info)});
  return out;
}

TEST(BahdanauModelFile, RoundTripKeepsBytesAndLogits) {
  const Model m = small_model();
  const std::string bytes = model_to_bytes(m).value();
  const auto loaded = load_model_from_bytes(bytes_of(bytes));
  ASSERT_TRUE(loaded) << loaded.error();
  EXPECT_EQ(model_to_bytes(loaded.value()).value(), bytes);
  TokenBatch batch{1, 3, {3, 4, 1}, {3}, 2, {1, 3}, {3, 2}};
  Model::Cache a, b;
  EXPECT_EQ(m.forward(batch, a), loaded.value().forward(batch, b));
  EXPECT_EQ(loaded.value().config.tgt_vocab, m.config.tgt_vocab);
}

TEST(BahdanauModelFile, ConfigAndTensorNames) {
  const Model m = small_model();
  EXPECT_EQ(config_to_json(m.config),
            R"({"arch":"bahdanau","embed_size":3,"num_hiddens":4,"num_layers":2,)"
            R"("src_vocab":["<pad>","<eos>","<unk>","go","."],)"
            R"("tgt_vocab":["<pad>","<bos>","<eos>","va","!","é"]})");
  const std::string bytes = model_to_bytes(m).value();
  const auto file = st::parse(bytes_of(bytes)).value();
  const std::map<std::string, std::vector<std::int64_t>> want = {
      {"encoder.embedding.weight", {5, 3}},
      {"encoder.rnn.weight_ih_l0", {12, 3}},
      {"encoder.rnn.weight_hh_l0", {12, 4}},
      {"encoder.rnn.bias_ih_l0", {12}},
      {"encoder.rnn.bias_hh_l0", {12}},
      {"encoder.rnn.weight_ih_l1", {12, 4}},
      {"encoder.rnn.weight_hh_l1", {12, 4}},
      {"encoder.rnn.bias_ih_l1", {12}},
      {"encoder.rnn.bias_hh_l1", {12}},
      {"decoder.attention.W_q.weight", {4, 4}},
      {"decoder.attention.W_k.weight", {4, 4}},
      {"decoder.attention.w_v.weight", {1, 4}},
      {"decoder.embedding.weight", {6, 3}},
      {"decoder.rnn.weight_ih_l0", {12, 7}},
      {"decoder.rnn.weight_hh_l0", {12, 4}},
      {"decoder.rnn.bias_ih_l0", {12}},
      {"decoder.rnn.bias_hh_l0", {12}},
      {"decoder.rnn.weight_ih_l1", {12, 4}},
      {"decoder.rnn.weight_hh_l1", {12, 4}},
      {"decoder.rnn.bias_ih_l1", {12}},
      {"decoder.rnn.bias_hh_l1", {12}},
      {"decoder.dense.weight", {6, 4}},
      {"decoder.dense.bias", {6}}};
  std::map<std::string, std::vector<std::int64_t>> got;
  for (const auto& [name, info] : file.tensors) got[name] = info.shape;
  EXPECT_EQ(got, want);
}

TEST(BahdanauModelFile, BadConfigsAreOneLine) {
  const Model m = small_model();
  const auto tensors = tensors_of(m);
  const std::string vocabs = R"("src_vocab":["<pad>","<eos>","<unk>","go","."],)"
                             R"("tgt_vocab":["<pad>","<bos>","<eos>","va","!","é"])";
  const auto with = [&](const std::string& fields) {
    return error_of(file_of("{" + fields + vocabs + "}", tensors));
  };
  EXPECT_EQ(with(R"("arch":"rnn","embed_size":3,"num_hiddens":4,"num_layers":2,)"),
            R"(__metadata__.config: arch must be one of "bahdanau")");
  EXPECT_EQ(with(R"("arch":"bahdanau","num_hiddens":4,"num_layers":2,)"),
            "__metadata__.config: missing 'embed_size'");
  EXPECT_EQ(with(R"("arch":"bahdanau","embed_size":0,"num_hiddens":4,"num_layers":2,)"),
            "__metadata__.config: embed_size must be an integer from 1 to 65536");
  EXPECT_EQ(with(R"("arch":"bahdanau","embed_size":3,"num_hiddens":4.5,"num_layers":2,)"),
            "__metadata__.config: num_hiddens must be an integer from 1 to 65536");
  EXPECT_EQ(with(R"("arch":"bahdanau","embed_size":3,"num_hiddens":4,"num_layers":2,"x":1,)"),
            "__metadata__.config: unknown key 'x'");
  // A Transformer's file: named as such.
  tf::ModelConfig tc;
  tc.src_vocab = tc.tgt_vocab = Vocab({"<pad>", "<bos>", "<eos>"});
  tf::Transformer<float> transformer;
  transformer.init(tc, 1);
  EXPECT_EQ(error_of(tf::model_to_bytes(transformer).value()),
            "__metadata__.config: arch \"encoder-decoder\" is a Transformer, not a Bahdanau model "
            "(the transformer-* figures read it)");
  // And the other way round.
  const auto as_transformer = tf::load_model_from_bytes(bytes_of(model_to_bytes(m).value()));
  ASSERT_FALSE(as_transformer);
  EXPECT_EQ(as_transformer.error(),
            "__metadata__.config: arch \"bahdanau\" is a GRU encoder-decoder with Bahdanau "
            "attention, not a Transformer (the bahdanau-* figures read it)");
}

TEST(BahdanauModelFile, BadTensorsAreOneLine) {
  const Model m = small_model();
  const std::string config = config_to_json(m.config);
  auto tensors = tensors_of(m);
  const auto change = [&](const std::string& name, auto edit) {
    auto copy = tensors;
    for (auto& t : copy)
      if (t.name == name) edit(t);
    return error_of(file_of(config, copy));
  };
  EXPECT_EQ(change("decoder.dense.bias", [](st::OutTensor& t) { t.values[2] = NAN; }),
            "tensor 'decoder.dense.bias' holds a non-finite value (nan) at element 2");
  EXPECT_EQ(change("decoder.rnn.weight_ih_l0",
                   [](st::OutTensor& t) {
                     t.shape = {7, 12};  // transposed
                   }),
            "tensor 'decoder.rnn.weight_ih_l0' has shape [7, 12] but the config needs [12, 7]");
  auto missing = tensors;
  missing.pop_back();
  EXPECT_EQ(error_of(file_of(config, missing)).substr(0, 15), "missing tensor ");
  auto extra = tensors;
  extra.push_back({"decoder.rnn.weight_ih_l2", {1}, {0.0f}});
  EXPECT_EQ(error_of(file_of(config, extra)),
            "unexpected tensor 'decoder.rnn.weight_ih_l2': the config's bahdanau model has no "
            "such parameter");
  // A config that asks for far more parameters than the file holds is refused before allocation.
  Config huge = m.config;
  huge.num_hiddens = 65536;
  huge.num_layers = 1024;
  const std::string error = error_of(file_of(config_to_json(huge), tensors));
  EXPECT_EQ(error.substr(0, 21), "the config describes ") << error;
}

TEST(BahdanauModelFile, FilesOnDisk) {
  const auto missing = load_model("/nonexistent/b.safetensors");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().find('\n'), std::string::npos);
  EXPECT_NE(missing.error().find("/nonexistent/b.safetensors"), std::string::npos);
  const auto truncated =
      load_model_from_bytes(bytes_of(model_to_bytes(small_model()).value().substr(0, 40)));
  ASSERT_FALSE(truncated);
  EXPECT_EQ(truncated.error().find('\n'), std::string::npos);
}

}  // namespace
}  // namespace al::bahdanau
