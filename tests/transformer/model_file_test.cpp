// Model files: save → load gives the same model (identical logits) for every architecture and
// option, tensor names are PyTorch nn.Transformer's, F16 and BF16 files load, and a corpus of
// broken files (each made from a valid one by one change) is rejected with a message naming the
// problem.
#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <random>
#include <set>

#include "engine/json_reader.hpp"
#include "engine/transformer/model_file.hpp"
#include "engine/transformer/safetensors.hpp"
#include "engine/transformer/state_dict.hpp"
#include "tests/transformer/tiny_model.hpp"

namespace al::tf {
namespace {

Vocab letters() {
  return Vocab({"<pad>", "<bos>", "<eos>", "<unk>", "a", "b", "c", "\xC3\xA9"});
}

ModelConfig tiny_config(Arch arch) {
  ModelConfig c =
      test::tiny_config(arch, 6, 16, Vocab({"<pad>", "<eos>", "x", "y", "z"}), letters());
  c.num_decoder_layers = 1;
  return c;
}

// Every option away from its default, so the round trip covers them.
ModelConfig options_config(Arch arch) {
  ModelConfig c = tiny_config(arch);
  c.norm = NormPlacement::Pre;
  c.positional = Positional::Learned;
  c.activation = Activation::Gelu;
  c.embed_scale = false;
  c.attention_bias = true;
  c.final_norm = true;
  c.layer_norm_eps = 1e-6;
  return c;
}

Transformer<float> make_model(const ModelConfig& c, std::uint64_t seed = 3) {
  Transformer<float> m;
  m.init(c, seed);
  // LayerNorms start at γ = 1, β = 0; move them so that a swapped γ / β would show.
  Rng rng(seed + 100);
  m.visit([&](const std::string&, Param<float>& p) {
    for (Eigen::Index i = 0; i < p.value.size(); ++i)
      p.value.data()[i] += static_cast<float>(rng.uniform(-0.1, 0.1));
  });
  return m;
}

TokenBatch sample_batch(Arch arch) {
  if (arch == Arch::Encoder) return {1, 4, {2, 3, 4, 1}, {4}, 0, {}, {}};
  if (arch == Arch::Decoder) return {1, 0, {}, {}, 5, {1, 4, 5, 6, 7}, {}};
  return {1, 4, {2, 3, 4, 1}, {4}, 3, {1, 4, 5}, {}};
}

Mat<float> logits_of(const Transformer<float>& m) {
  Transformer<float>::Cache cache;
  return m.forward(sample_batch(m.config.arch), cache);
}

std::vector<std::uint8_t> bytes_of(const std::string& s) {
  return {s.begin(), s.end()};
}

std::string file_bytes(const Transformer<float>& m) {
  auto b = model_to_bytes(m);
  EXPECT_TRUE(b.ok()) << b.error();
  return b.ok() ? b.value() : std::string();
}

Expected<Transformer<float>> load(const std::string& bytes) {
  return load_model_from_bytes(bytes_of(bytes));
}

TEST(ModelFile, RoundTripGivesIdenticalLogits) {
  for (const Arch arch : {Arch::EncoderDecoder, Arch::Encoder, Arch::Decoder})
    for (const ModelConfig& c : {tiny_config(arch), options_config(arch)}) {
      SCOPED_TRACE(name(arch));
      const Transformer<float> model = make_model(c);
      auto loaded = load(file_bytes(model));
      ASSERT_TRUE(loaded.ok()) << loaded.error();
      const ModelConfig& l = loaded.value().config;
      EXPECT_EQ(l.arch, c.arch);
      EXPECT_EQ(l.norm, c.norm);
      EXPECT_EQ(l.positional, c.positional);
      EXPECT_EQ(l.activation, c.activation);
      EXPECT_EQ(l.embed_scale, c.embed_scale);
      EXPECT_EQ(l.attention_bias, c.attention_bias);
      EXPECT_EQ(l.final_norm, c.final_norm);
      EXPECT_EQ(l.layer_norm_eps, c.layer_norm_eps);
      EXPECT_EQ(l.tgt_vocab, c.tgt_vocab);
      EXPECT_EQ(loaded.value().parameter_count(),
                const_cast<Transformer<float>&>(model).parameter_count());
      const Mat<float> a = logits_of(model), b = logits_of(loaded.value());
      ASSERT_EQ(a.rows(), b.rows());
      EXPECT_EQ(a, b);  // F32 is stored exactly
    }
}

TEST(ModelFile, SavesAtomicallyAndNamesThePathInErrors) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("al_model_file_test_" + std::to_string(std::random_device()()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "m.safetensors").string();
  const Transformer<float> model = make_model(tiny_config(Arch::EncoderDecoder));
  ASSERT_EQ(save_model(model, path), std::nullopt);
  ASSERT_EQ(save_model(model, path), std::nullopt);  // replaces the file
  auto loaded = load_model(path);
  ASSERT_TRUE(loaded.ok()) << loaded.error();
  EXPECT_EQ(logits_of(model), logits_of(loaded.value()));
  int files = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir)) ++files;
  EXPECT_EQ(files, 1);  // no temporary file left behind

  const std::string nowhere = (dir / "missing" / "m.safetensors").string();
  const auto error = save_model(model, nowhere);
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->rfind(nowhere + ": cannot write: ", 0), 0u) << *error;
  auto missing = load_model(nowhere);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().rfind(nowhere + ": cannot open: ", 0), 0u) << missing.error();
  std::ofstream(dir / "bad.safetensors") << "abc";
  auto bad = load_model((dir / "bad.safetensors").string());
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error(), (dir / "bad.safetensors").string() +
                             ": file of 3 bytes is too short for a safetensors header length");
  std::filesystem::remove_all(dir);
}

TEST(ModelFile, SavingRefusesWhatCannotBeReadBack) {
  Transformer<float> model = make_model(tiny_config(Arch::Encoder));
  model.generator.bias.value(0, 2) = std::nanf("");
  auto b = model_to_bytes(model);
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.error(), "tensor 'generator.bias' holds a non-finite value; the model was not saved");
  ModelConfig c = tiny_config(Arch::Encoder);
  c.tgt_vocab = Vocab({"<pad>", "\xFF"});
  EXPECT_FALSE(model_to_bytes(make_model(c)).ok());
}

// The names nn.Transformer(d_model, nhead, 2, 1, ffn).state_dict() gives (PyTorch 2.x), plus the
// embeddings and generator the issue names.
TEST(ModelFile, TensorNamesAndShapesArePyTorchs) {
  ModelConfig c = tiny_config(Arch::EncoderDecoder);
  c.attention_bias = c.final_norm = true;
  Transformer<float> model = make_model(c);
  std::set<std::string> expected = {
      "src_embed.weight",    "tgt_embed.weight",  "generator.weight",    "generator.bias",
      "encoder.norm.weight", "encoder.norm.bias", "decoder.norm.weight", "decoder.norm.bias"};
  const auto attention = [&](const std::string& p) {
    for (const char* n : {"in_proj_weight", "in_proj_bias", "out_proj.weight", "out_proj.bias"})
      expected.insert(p + n);
  };
  const auto ffn_and_norms = [&](const std::string& p, int norms) {
    for (const char* n : {"linear1.weight", "linear1.bias", "linear2.weight", "linear2.bias"})
      expected.insert(p + n);
    for (int i = 1; i <= norms; ++i) {
      expected.insert(p + "norm" + std::to_string(i) + ".weight");
      expected.insert(p + "norm" + std::to_string(i) + ".bias");
    }
  };
  for (const char* layer : {"encoder.layers.0.", "encoder.layers.1."}) {
    attention(std::string(layer) + "self_attn.");
    ffn_and_norms(layer, 2);
  }
  attention("decoder.layers.0.self_attn.");
  attention("decoder.layers.0.multihead_attn.");
  ffn_and_norms("decoder.layers.0.", 3);

  std::set<std::string> names;
  std::map<std::string, std::vector<std::int64_t>> shapes;
  for (const StateTensor& t : state_dict(model)) {
    names.insert(t.name);
    shapes[t.name] = t.shape;
  }
  EXPECT_EQ(names, expected);
  using Shape = std::vector<std::int64_t>;
  EXPECT_EQ(shapes["encoder.layers.0.self_attn.in_proj_weight"], (Shape{24, 8}));
  EXPECT_EQ(shapes["encoder.layers.0.self_attn.in_proj_bias"], (Shape{24}));
  EXPECT_EQ(shapes["decoder.layers.0.multihead_attn.out_proj.weight"], (Shape{8, 8}));
  EXPECT_EQ(shapes["encoder.layers.1.linear1.weight"], (Shape{6, 8}));  // (out, in)
  EXPECT_EQ(shapes["encoder.layers.1.linear1.bias"], (Shape{6}));
  EXPECT_EQ(shapes["decoder.layers.0.norm3.weight"], (Shape{8}));
  EXPECT_EQ(shapes["encoder.norm.bias"], (Shape{8}));
  EXPECT_EQ(shapes["src_embed.weight"], (Shape{5, 8}));
  EXPECT_EQ(shapes["generator.weight"], (Shape{8, 8}));
  EXPECT_EQ(shapes["generator.bias"], (Shape{8}));

  // Decoder-only: the causal blocks are decoder.layers with an encoder layer's parts.
  Transformer<float> gpt = make_model(tiny_config(Arch::Decoder));
  names.clear();
  for (const StateTensor& t : state_dict(gpt)) names.insert(t.name);
  EXPECT_EQ(names,
            (std::set<std::string>{
                "tgt_embed.weight", "decoder.layers.0.self_attn.in_proj_weight",
                "decoder.layers.0.self_attn.out_proj.weight", "decoder.layers.0.linear1.weight",
                "decoder.layers.0.linear1.bias", "decoder.layers.0.linear2.weight",
                "decoder.layers.0.linear2.bias", "decoder.layers.0.norm1.weight",
                "decoder.layers.0.norm1.bias", "decoder.layers.0.norm2.weight",
                "decoder.layers.0.norm2.bias", "generator.weight", "generator.bias"}));
}

TEST(ModelFile, InProjStacksQueryKeyValueInThatOrder) {
  ModelConfig c = tiny_config(Arch::Encoder);
  c.attention_bias = true;
  Transformer<float> model = make_model(c);
  auto& attn = model.encoder[0].self_attn;
  attn.W_q.weight.value.setConstant(1);
  attn.W_k.weight.value.setConstant(2);
  attn.W_v.weight.value.setConstant(3);
  attn.W_q.bias.value.setConstant(-1);
  attn.W_k.bias.value.setConstant(-2);
  attn.W_v.bias.value.setConstant(-3);
  const std::string bytes = file_bytes(model);
  const auto raw = bytes_of(bytes);
  auto file = safetensors::parse(raw);
  ASSERT_TRUE(file.ok()) << file.error();
  const auto w = file.value().read(*file.value().find("encoder.layers.0.self_attn.in_proj_weight"));
  const auto b = file.value().read(*file.value().find("encoder.layers.0.self_attn.in_proj_bias"));
  ASSERT_EQ(w.size(), 3u * 64);
  ASSERT_EQ(b.size(), 3u * 8);
  for (std::size_t i = 0; i < w.size(); ++i) EXPECT_EQ(w[i], static_cast<float>(1 + i / 64));
  for (std::size_t i = 0; i < b.size(); ++i) EXPECT_EQ(b[i], -static_cast<float>(1 + i / 8));
}

TEST(ModelFile, ParameterCountOfAConfigMatchesTheBuiltModel) {
  for (const Arch arch : {Arch::EncoderDecoder, Arch::Encoder, Arch::Decoder})
    for (const ModelConfig& c : {tiny_config(arch), options_config(arch)}) {
      Transformer<float> m;
      m.init(c, 1);
      EXPECT_EQ(parameter_count(c), m.parameter_count()) << name(arch);
    }
  // The book's small translation model by hand: V_src = 5, V_tgt = 8, d = 8, ffn 6, no biases:
  //   embeddings 5·8 + 8·8; encoder layer 4·64 + 2·16 + (48 + 6 + 48 + 8) = 398, two of them;
  //   decoder layer 2·256 + 3·16 + 110 = 670; generator 8·8 + 8.
  EXPECT_EQ(parameter_count(tiny_config(Arch::EncoderDecoder)), 40 + 64 + 2 * 398 + 670 + 72);
}

// A file written by the Python exporter's own writer (scripts/make_reference_model.py): F16, and
// element i of every tensor is (i + 1) / 256, so where each element lands is known by hand.
TEST(ModelFile, ReadsTheFileThePythonWriterMakes) {
  auto loaded = load_model(AL_TEST_DATA "/safetensors/python_reference.safetensors");
  ASSERT_TRUE(loaded.ok()) << loaded.error();
  const Transformer<float>& m = loaded.value();
  EXPECT_EQ(m.config.arch, Arch::EncoderDecoder);
  EXPECT_EQ(m.config.d_model, 4);
  EXPECT_EQ(m.config.num_heads, 2);
  EXPECT_EQ(m.config.ffn_hidden, 3);
  EXPECT_EQ(m.config.max_len, 8);
  EXPECT_TRUE(m.config.attention_bias);
  EXPECT_TRUE(m.config.final_norm);
  EXPECT_EQ(m.config.src_vocab, Vocab({"<pad>", "<eos>", "hi"}));
  EXPECT_EQ(m.config.tgt_vocab, Vocab({"<pad>", "<bos>", "<eos>", "salut"}));
  const auto v = [](int i) { return static_cast<float>(i + 1) / 256; };
  const auto& attn = m.encoder[0].self_attn;
  // in_proj_weight (12, 4): rows 0–3 are W_q, 4–7 W_k, 8–11 W_v; element (r, c) is number 4r + c.
  EXPECT_EQ(attn.W_q.weight.value(1, 2), v(4 * 1 + 2));
  EXPECT_EQ(attn.W_k.weight.value(1, 2), v(4 * 5 + 2));
  EXPECT_EQ(attn.W_v.weight.value(3, 3), v(4 * 11 + 3));
  EXPECT_EQ(attn.W_k.bias.value(0, 1), v(4 + 1));
  EXPECT_EQ(attn.W_o.weight.value(2, 0), v(8));
  EXPECT_EQ(m.decoder[0].cross_attn.W_v.weight.value(0, 1), v(4 * 8 + 1));
  EXPECT_EQ(m.decoder[0].ffn.linear1.weight.value(2, 3), v(4 * 2 + 3));  // (ffn, d): not transposed
  EXPECT_EQ(m.decoder[0].ffn.linear2.weight.value(3, 2), v(3 * 3 + 2));  // (d, ffn)
  EXPECT_EQ(m.decoder[0].add_norm3.norm.beta.value(0, 3), v(3));
  EXPECT_EQ(m.tgt_embed.weight.value(3, 1), v(4 * 3 + 1));
  EXPECT_EQ(m.generator.bias.value(0, 3), v(3));
}

// Header JSON and data of a valid file, to break one thing at a time.
using Json = nlohmann::json;

struct Parts {
  Json header;
  std::string data;

  explicit Parts(const std::string& file) {
    std::uint64_t n = 0;
    for (int i = 7; i >= 0; --i) n = (n << 8) | static_cast<unsigned char>(file[i]);
    header = read_json(file.substr(8, n), safetensors::kHeaderLimits).value();
    data = file.substr(8 + n);
  }
  std::string bytes() const {
    const std::string h = header.dump();
    std::string out;
    for (int i = 0; i < 8; ++i) out += static_cast<char>((h.size() >> (8 * i)) & 0xFF);
    return out + h + data;
  }
  Json& tensor(const std::string& name) { return header.at(name); }
  // Applies `edit` to the config object inside __metadata__.config.
  template <class F>
  void edit_config(F&& edit) {
    Json& text = header.at("__metadata__").at("config");
    Json config = read_json(text.get<std::string>(), safetensors::kHeaderLimits).value();
    edit(config);
    text = config.dump();
  }
  // Appends an F32 vector of n zeros called `name`.
  void add_zeros(const std::string& name, std::int64_t n) {
    const auto end = static_cast<std::int64_t>(data.size());
    header[name] = {{"dtype", "F32"},
                    {"shape", Json::array({n})},
                    {"data_offsets", Json::array({end, end + 4 * n})}};
    data.append(static_cast<std::size_t>(4 * n), '\0');
  }
  // The data offset of a tensor's first byte.
  std::size_t offset(const std::string& name) {
    return tensor(name).at("data_offsets").at(0).get<std::size_t>();
  }
};

// Half and bfloat16 bits of a float both hold exactly: zero or a normal number with few mantissa
// bits (half: exponent rebased from 127 to 15, top 10 mantissa bits; bfloat16: the top 16 bits).
std::uint16_t half_bits(float x) {
  const auto b = std::bit_cast<std::uint32_t>(x);
  const auto sign = static_cast<std::uint16_t>((b >> 16) & 0x8000u);
  if ((b & 0x7FFFFFFFu) == 0) return sign;
  const std::uint32_t exponent = ((b >> 23) & 0xFFu) - 127 + 15, mantissa = (b >> 13) & 0x3FFu;
  return static_cast<std::uint16_t>(sign | (exponent << 10) | mantissa);
}
std::uint16_t bfloat16_bits(float x) {
  return static_cast<std::uint16_t>(std::bit_cast<std::uint32_t>(x) >> 16);
}

// The F32 file rewritten with every tensor in a 16-bit format.
std::string as_16_bit(const std::string& f32, const char* dtype, std::uint16_t (*encode)(float)) {
  Parts p(f32);
  const auto raw = bytes_of(f32);
  const safetensors::File file = safetensors::parse(raw).value();
  std::string data;
  for (auto& [name, t] : p.header.items()) {
    if (name == "__metadata__") continue;
    const auto begin = static_cast<std::int64_t>(data.size());
    for (float x : file.read(*file.find(name))) {
      const std::uint16_t bits = encode(x);
      data += static_cast<char>(bits & 0xFF);
      data += static_cast<char>(bits >> 8);
    }
    const auto end = static_cast<std::int64_t>(data.size());
    t["dtype"] = dtype;
    t["data_offsets"] = Json::array({begin, end});
  }
  p.data = data;
  return p.bytes();
}

TEST(ModelFile, LoadsF16AndBf16Models) {
  // Weights rounded to multiples of 1/32 in (−4, 4): exact in both 16-bit formats, so the loaded
  // model must give exactly the logits of the rounded one.
  Transformer<float> model = make_model(options_config(Arch::EncoderDecoder));
  model.visit([](const std::string&, Param<float>& p) {
    p.value = (p.value.array() * 32).round().cwiseMax(-127).cwiseMin(127) / 32;
  });
  const std::string f32 = file_bytes(model);
  for (const auto& [dtype, encode] :
       {std::pair{"F16", &half_bits}, std::pair{"BF16", &bfloat16_bits}}) {
    const std::string bytes = as_16_bit(f32, dtype, encode);
    EXPECT_LT(bytes.size(), f32.size());
    auto loaded = load(bytes);
    ASSERT_TRUE(loaded.ok()) << dtype << ": " << loaded.error();
    EXPECT_EQ(logits_of(loaded.value()), logits_of(model)) << dtype;
  }
}

std::string error_of(const std::string& bytes) {
  auto m = load(bytes);
  return m.ok() ? "(accepted)" : m.error();
}

TEST(ModelFile, RejectsBrokenModels) {
  const std::string valid = file_bytes(make_model(tiny_config(Arch::EncoderDecoder)));
  ASSERT_TRUE(load(valid).ok());
  struct Case {
    const char* what;
    std::function<void(Parts&)> breaks;
  };
  const Case cases[] = {
      {"no model config at __metadata__.config",
       [](Parts& p) { p.header.at("__metadata__").clear(); }},
      {"__metadata__.config: invalid JSON at line 1, column 2: syntax error while parsing object "
       "key - unexpected '{'; expected string literal",
       [](Parts& p) { p.header.at("__metadata__").at("config") = "{{"; }},
      {"__metadata__.config: invalid JSON at line 1, column 18: duplicate key 'arch'",
       [](Parts& p) { p.header.at("__metadata__").at("config") = R"({"arch":"x","arch":"y"})"; }},
      {"__metadata__.config: missing 'd_model'",
       [](Parts& p) { p.edit_config([](Json& c) { c.erase("d_model"); }); }},
      {"__metadata__.config: unknown key 'dropout'",
       [](Parts& p) { p.edit_config([](Json& c) { c["dropout"] = 0.1; }); }},
      {"__metadata__.config: d_model must be an integer from 1 to 65536",
       [](Parts& p) { p.edit_config([](Json& c) { c["d_model"] = 0; }); }},
      {"__metadata__.config: d_model must be an integer",
       [](Parts& p) { p.edit_config([](Json& c) { c["d_model"] = 8.5; }); }},
      {"__metadata__.config: d_model (8) is not divisible by num_heads (3)",
       [](Parts& p) { p.edit_config([](Json& c) { c["num_heads"] = 3; }); }},
      {"__metadata__.config: arch must be one of \"encoder-decoder\", \"encoder\", \"decoder\"",
       [](Parts& p) { p.edit_config([](Json& c) { c["arch"] = "rnn"; }); }},
      {"__metadata__.config: layer_norm_eps must be positive",
       [](Parts& p) { p.edit_config([](Json& c) { c["layer_norm_eps"] = 0; }); }},
      {"__metadata__.config: embed_scale must be true or false",
       [](Parts& p) { p.edit_config([](Json& c) { c["embed_scale"] = 1; }); }},
      {"__metadata__.config: tgt_vocab lists 'a' twice",
       [](Parts& p) {
         p.edit_config([](Json& c) { c["tgt_vocab"] = Json::array({"<bos>", "a", "a"}); });
       }},
      {"__metadata__.config: tgt_vocab has no <bos>",
       [](Parts& p) { p.edit_config([](Json& c) { c["tgt_vocab"] = Json::array({"a"}); }); }},
      {"__metadata__.config: max_len × d_model = 33554432 is over the limit of 4194304",
       [](Parts& p) {
         p.edit_config([](Json& c) {
           c["max_len"] = 1 << 20;
           c["d_model"] = 32;
         });
       }},
      {"the config describes",  // a vocabulary far larger than the file's data
       [](Parts& p) {
         p.edit_config([](Json& c) {
           std::vector<std::string> tokens = {"<bos>"};
           for (int i = 0; i < 20000; ++i) tokens.push_back(std::to_string(i));
           c["tgt_vocab"] = tokens;
         });
       }},
      {"tensor 'tgt_embed.weight' has shape [8, 8] but the config needs [9, 8]",
       [](Parts& p) {
         p.edit_config([](Json& c) {
           c["tgt_vocab"] = {"<pad>", "<bos>", "<eos>", "<unk>", "a", "b", "c", "d", "e"};
         });
       }},
      {"missing tensor 'decoder.layers.0.norm3.bias'",
       [](Parts& p) {
         // Drop the tensor and its bytes, keeping the data section tiled.
         const std::size_t at = p.offset("decoder.layers.0.norm3.bias");
         p.data.erase(at, 32);
         for (auto& [name, t] : p.header.items())
           if (name != "__metadata__" && p.offset(name) > at)
             for (Json& o : t.at("data_offsets")) o = o.get<std::size_t>() - 32;
         p.header.erase("decoder.layers.0.norm3.bias");
       }},
      // An in_proj_bias means the attention layers have biases: then all of them must be there.
      {"missing tensor 'encoder.layers.0.self_attn.out_proj.bias'",
       [](Parts& p) { p.add_zeros("encoder.layers.0.self_attn.in_proj_bias", 24); }},
      {"unexpected tensor 'encoder.layers.0.self_attn.bias_k'",
       [](Parts& p) { p.add_zeros("encoder.layers.0.self_attn.bias_k", 1); }},
      {"tensor 'generator.bias' holds a non-finite value (nan) at element 1",
       [](Parts& p) {
         const std::size_t at = p.offset("generator.bias") + 4;
         p.data.replace(at, 4, std::string("\x00\x00\xC0\x7F", 4));
       }},
      {"tensor 'src_embed.weight' holds a non-finite value (inf) at element 0",
       [](Parts& p) {
         p.data.replace(p.offset("src_embed.weight"), 4, std::string("\x00\x00\x80\x7F", 4));
       }},
      {"tensor 'generator.bias': dtype 'F64' is not supported",
       [](Parts& p) { p.tensor("generator.bias")["dtype"] = "F64"; }},
      {"tensor 'generator.bias': data_offsets hold 32 bytes but shape [8] of F16 needs 16",
       [](Parts& p) { p.tensor("generator.bias")["dtype"] = "F16"; }},
      {"overlap in the data section",
       [](Parts& p) {
         p.tensor("generator.bias")["data_offsets"] = Json::array({0, 32});
       }},
      {"lie outside the data section",
       [](Parts& p) {
         const auto end = static_cast<std::int64_t>(p.data.size());
         p.tensor("generator.bias")["data_offsets"] = Json::array({end - 16, end + 16});
       }},
      {"header is a string, not a JSON object", [](Parts& p) { p.header = "x"; }},
  };
  for (const Case& c : cases) {
    Parts p(valid);
    c.breaks(p);
    const std::string e = error_of(p.bytes());
    EXPECT_NE(e.find(c.what), std::string::npos) << c.what << "\n  got: " << e;
  }
}

}  // namespace
}  // namespace al::tf
