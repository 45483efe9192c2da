// Writes a starting corpus for model_file_fuzz: small valid model files of each Transformer
// architecture and option set, and a Bahdanau model, so the fuzzer mutates real headers and
// configs instead of discovering the format.
//   model_file_fuzz_seeds DIR
#include <cstdio>
#include <string>

#include "engine/bahdanau/model_file.hpp"
#include "engine/transformer/model_file.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s DIR\n", argv[0]);
    return 2;
  }
  using namespace al::tf;
  for (const Arch arch : {Arch::EncoderDecoder, Arch::Encoder, Arch::Decoder})
    for (const bool options : {false, true}) {
      ModelConfig c;
      c.arch = arch;
      c.d_model = 4;
      c.num_heads = 2;
      c.ffn_hidden = 4;
      c.num_encoder_layers = c.num_decoder_layers = 1;
      c.max_len = 8;
      c.src_vocab = Vocab({"<pad>", "<eos>", "x"});
      c.tgt_vocab = Vocab({"<pad>", "<bos>", "<eos>", "\xC3\xA9"});
      if (options) {
        c.norm = NormPlacement::Pre;
        c.positional = Positional::Learned;
        c.activation = Activation::Gelu;
        c.attention_bias = c.final_norm = true;
      }
      Transformer<float> m;
      m.init(c, 1);
      const std::string path =
          std::string(argv[1]) + "/" + name(arch) + (options ? "-options" : "");
      if (auto e = save_model(m, path)) {
        std::fprintf(stderr, "%s\n", e->c_str());
        return 1;
      }
    }
  al::bahdanau::Config c;
  c.embed_size = 2;
  c.num_hiddens = 3;
  c.num_layers = 2;
  c.src_vocab = Vocab({"<pad>", "<eos>", "x"});
  c.tgt_vocab = Vocab({"<pad>", "<bos>", "<eos>", "\xC3\xA9"});
  al::bahdanau::Model m;
  m.init(c, 1);
  if (auto e = al::bahdanau::save_model(m, std::string(argv[1]) + "/bahdanau")) {
    std::fprintf(stderr, "%s\n", e->c_str());
    return 1;
  }
  return 0;
}
