#!/usr/bin/env python3
"""Writes tests/data/safetensors/python_reference.safetensors, a tiny model file made by the
Python exporter's writer (export_pytorch.write_model) without torch, for the C++ test
ModelFile.ReadsTheFileThePythonWriterMakes: a second, independent writer of the format.

Encoder-decoder, d_model 4, 2 heads, ffn 3, one layer per stack, attention biases, final norms,
F16 data. Element i (row-major) of every tensor is (i + 1) / 256, exact in F16, so the C++ test
can check by hand where each element lands (for example that in_proj_weight stacks W_q, W_k, W_v).

  make_reference_model.py [OUT]
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from export_pytorch import model_config, model_file_bytes, write_file_atomic  # noqa: E402

D, FFN = 4, 3
SRC_VOCAB = ["<pad>", "<eos>", "hi"]
TGT_VOCAB = ["<pad>", "<bos>", "<eos>", "salut"]
DEFAULT_OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "data",
                           "safetensors", "python_reference.safetensors")


def _shapes():
    """Every tensor of the model with its PyTorch shape, as nn.Transformer names them."""
    def attention(prefix):
        return {prefix + "in_proj_weight": [3 * D, D], prefix + "in_proj_bias": [3 * D],
                prefix + "out_proj.weight": [D, D], prefix + "out_proj.bias": [D]}

    def ffn_and_norms(prefix, norms):
        s = {prefix + "linear1.weight": [FFN, D], prefix + "linear1.bias": [FFN],
             prefix + "linear2.weight": [D, FFN], prefix + "linear2.bias": [D]}
        for i in range(1, norms + 1):
            s[prefix + "norm%d.weight" % i] = [D]
            s[prefix + "norm%d.bias" % i] = [D]
        return s

    shapes = {"src_embed.weight": [len(SRC_VOCAB), D], "tgt_embed.weight": [len(TGT_VOCAB), D],
              "encoder.norm.weight": [D], "encoder.norm.bias": [D],
              "decoder.norm.weight": [D], "decoder.norm.bias": [D],
              "generator.weight": [len(TGT_VOCAB), D], "generator.bias": [len(TGT_VOCAB)]}
    shapes.update(attention("encoder.layers.0.self_attn."))
    shapes.update(ffn_and_norms("encoder.layers.0.", 2))
    shapes.update(attention("decoder.layers.0.self_attn."))
    shapes.update(attention("decoder.layers.0.multihead_attn."))
    shapes.update(ffn_and_norms("decoder.layers.0.", 3))
    return shapes


def reference_config():
    return model_config("encoder-decoder", D, 2, FFN, 1, 1, SRC_VOCAB, TGT_VOCAB, max_len=8)


def reference_tensors():
    tensors = []
    for name, shape in sorted(_shapes().items()):
        n = 1
        for s in shape:
            n *= s
        tensors.append((name, shape, [(i + 1) / 256 for i in range(n)]))
    return tensors


def reference_bytes():
    return model_file_bytes(reference_config(), reference_tensors(), "F16")


def main(argv):
    out = argv[1] if len(argv) > 1 else DEFAULT_OUT
    write_file_atomic(out, reference_bytes())
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
