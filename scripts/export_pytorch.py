#!/usr/bin/env python3
"""Export a PyTorch nn.Transformer-based model to an Attention Lab model file.

The file is safetensors (8-byte little-endian header length, a JSON header, raw little-endian
tensors) with the model's configuration as a JSON string at __metadata__ -> config. It is written
with torch, json and struct only: the safetensors package is not needed.

What the model must look like (parameter names as nn.Transformer's state_dict, optionally under a
prefix such as "transformer." that --strip removes):
  encoder-decoder  src_embed (nn.Embedding), tgt_embed, encoder.* and decoder.* of an
                   nn.Transformer, generator (nn.Linear d -> target vocabulary)
  encoder          src_embed, encoder.* (an nn.TransformerEncoder), generator
  decoder          tgt_embed, decoder.layers.* (nn.TransformerEncoderLayer blocks run with a causal
                   mask), optional decoder.norm, generator
  learned positions: src_pos / tgt_pos (nn.Embedding(max_len, d)); sinusoidal ones are computed
  by Attention Lab (the book's table: P[i, 2j] = sin(i w_j), P[i, 2j+1] = cos(i w_j),
  w_j = 10000^(-2j/d)), so a buffer holding them is not exported.
The model's forward must be what Attention Lab computes: embeddings times sqrt(d) (unless
--no-embed-scale) plus positions, the layers (dropout off), the final norms when present, the
generator; source padding masked by valid lengths, the decoder causally.

A Bahdanau model (--arch bahdanau, export_bahdanau()) is the book's Seq2Seq with
Seq2SeqEncoder and Seq2SeqAttentionDecoder (D2L 11.4), under the names of its modules:
  encoder.embedding.weight, encoder.rnn.{weight_ih,weight_hh,bias_ih,bias_hh}_l{k} (an nn.GRU),
  decoder.attention.{W_q,W_k,w_v}.weight (additive attention, no biases), decoder.embedding.weight,
  decoder.rnn.* (an nn.GRU reading [context ; embedding]), decoder.dense.{weight,bias}
with dropout off; the config (arch "bahdanau", embed_size, num_hiddens, num_layers) is read from
the tensors' shapes.

Command line, for a model saved whole with torch.save(model, "model.pt"):
  export_pytorch.py model.pt out.safetensors --src-vocab src.txt --tgt-vocab tgt.txt
  (vocabulary files: one token per line, in id order)
As a library: export(model, path, src_vocab=[...], tgt_vocab=[...], arch="encoder-decoder"), or
export_bahdanau(model, path, src_vocab=[...], tgt_vocab=[...]).
"""

import argparse
import json
import math
import os
import re
import struct
import sys

DTYPES = ("F32", "F16", "BF16")

# Every tensor name the format knows (see engine/transformer/state_dict.hpp).
_LAYER = (
    r"(self_attn|multihead_attn)\.(in_proj_weight|in_proj_bias|out_proj\.weight|out_proj\.bias)"
    r"|(linear1|linear2|norm1|norm2|norm3)\.(weight|bias)"
)
KNOWN_NAME = re.compile(
    r"((src|tgt)_(embed|pos)\.weight|generator\.(weight|bias)|(encoder|decoder)\.norm\.(weight|bias)"
    r"|(encoder|decoder)\.layers\.\d+\.(" + _LAYER + r"))$"
)

# Every tensor name of a Bahdanau model file (see engine/bahdanau/model_file.hpp).
BAHDANAU_NAME = re.compile(
    r"((encoder|decoder)\.embedding\.weight"
    r"|(encoder|decoder)\.rnn\.(weight_ih|weight_hh|bias_ih|bias_hh)_l\d+"
    r"|decoder\.attention\.(W_q|W_k|w_v)\.weight|decoder\.dense\.(weight|bias))$"
)


def _pack(values, dtype):
    """Little-endian bytes of a flat list of floats in F32, F16 or BF16 (round to nearest even)."""
    if dtype == "F32":
        return struct.pack("<%df" % len(values), *values)
    if dtype == "F16":
        return struct.pack("<%de" % len(values), *values)  # raises OverflowError beyond 65504
    out = bytearray()
    for bits in struct.unpack("<%dI" % len(values), struct.pack("<%df" % len(values), *values)):
        if (bits & 0x7F800000) == 0x7F800000:  # inf or nan: keep the top half as it is
            rounded = bits >> 16
        else:
            rounded = (bits + 0x7FFF + ((bits >> 16) & 1)) >> 16
        out += struct.pack("<H", rounded)
    return bytes(out)


def safetensors_bytes(tensors, metadata, dtype="F32"):
    """A safetensors file as bytes. tensors: list of (name, shape, flat list of floats)."""
    if dtype not in DTYPES:
        raise ValueError("dtype must be one of %s" % ", ".join(DTYPES))
    header, data, offset = {}, [], 0
    if metadata:
        header["__metadata__"] = {str(k): str(v) for k, v in metadata.items()}
    for name, shape, values in tensors:
        if math.prod(shape) != len(values):
            raise ValueError("%s: shape %s does not hold %d values" % (name, shape, len(values)))
        raw = _pack(values, dtype)
        header[name] = {"dtype": dtype, "shape": list(shape),
                        "data_offsets": [offset, offset + len(raw)]}
        data.append(raw)
        offset += len(raw)
    text = json.dumps(header, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    text += b" " * (-len(text) % 8)  # keep the data section 8-byte aligned, as the reference does
    return struct.pack("<Q", len(text)) + text + b"".join(data)


def write_file_atomic(path, payload):
    """Writes beside the target, then renames, so a failure never leaves half a file."""
    tmp = "%s.tmp-%d" % (path, os.getpid())
    try:
        with open(tmp, "wb") as f:
            f.write(payload)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


def model_config(arch, d_model, num_heads, ffn_hidden, num_encoder_layers, num_decoder_layers,
                 src_vocab, tgt_vocab, norm="post", positional="sinusoidal", max_len=1000,
                 embed_scale=True, activation="relu", layer_norm_eps=1e-5):
    """The config object of a model file (every key the loader reads)."""
    return {
        "arch": arch, "d_model": d_model, "num_heads": num_heads, "ffn_hidden": ffn_hidden,
        "num_encoder_layers": num_encoder_layers, "num_decoder_layers": num_decoder_layers,
        "norm": norm, "positional": positional, "max_len": max_len, "embed_scale": embed_scale,
        "activation": activation, "layer_norm_eps": layer_norm_eps,
        "src_vocab": list(src_vocab), "tgt_vocab": list(tgt_vocab),
    }


def bahdanau_config(embed_size, num_hiddens, num_layers, src_vocab, tgt_vocab):
    """The config object of a Bahdanau model file."""
    return {"arch": "bahdanau", "embed_size": embed_size, "num_hiddens": num_hiddens,
            "num_layers": num_layers, "src_vocab": list(src_vocab), "tgt_vocab": list(tgt_vocab)}


def model_file_bytes(config, tensors, dtype="F32"):
    """A model file from a config dict and (name, shape, flat values) tensors."""
    known = BAHDANAU_NAME if config.get("arch") == "bahdanau" else KNOWN_NAME
    for name, _, _ in tensors:
        if not known.match(name):
            raise ValueError("tensor %r is not part of the model-file format" % name)
    metadata = {"config": json.dumps(config, ensure_ascii=False), "format": "pt"}
    return safetensors_bytes(tensors, metadata, dtype)


def write_model(path, config, tensors, dtype="F32"):
    write_file_atomic(path, model_file_bytes(config, tensors, dtype))


def _layer_count(names, stack):
    found = {int(m.group(1)) for n in names for m in [re.match(stack + r"\.layers\.(\d+)\.", n)] if m}
    return max(found) + 1 if found else 0


def export(model, path, src_vocab, tgt_vocab, arch="encoder-decoder", positional=None,
           max_len=None, embed_scale=True, dtype="F32", strip="transformer."):
    """Exports a torch model (see the module text) to `path`; returns the config written."""
    import torch
    from torch import nn

    params = {}
    for name, p in model.named_parameters():
        name = name[len(strip):] if strip and name.startswith(strip) else name
        params[name] = p.detach().to(torch.float32).cpu().contiguous()
    unknown = sorted(n for n in params if not KNOWN_NAME.match(n))
    if unknown:
        raise ValueError("parameters outside the model-file format: %s" % ", ".join(unknown))
    attention = [m for m in model.modules() if isinstance(m, nn.MultiheadAttention)]
    layers = [m for m in model.modules()
              if isinstance(m, (nn.TransformerEncoderLayer, nn.TransformerDecoderLayer))]
    if not attention or not layers:
        raise ValueError("the model has no nn.Transformer layers")
    first = layers[0]
    activation = getattr(first, "activation", None)
    gelu = activation is torch.nn.functional.gelu or isinstance(activation, nn.GELU)
    if positional is None:
        positional = "learned" if ("src_pos.weight" in params or "tgt_pos.weight" in params) \
            else "sinusoidal"
    if max_len is None:
        pos = params.get("src_pos.weight", params.get("tgt_pos.weight"))
        max_len = pos.shape[0] if pos is not None else 1000
    config = model_config(
        arch=arch, d_model=attention[0].embed_dim, num_heads=attention[0].num_heads,
        ffn_hidden=first.linear1.out_features,
        num_encoder_layers=_layer_count(params, "encoder"),
        num_decoder_layers=_layer_count(params, "decoder"),
        src_vocab=src_vocab, tgt_vocab=tgt_vocab,
        norm="pre" if getattr(first, "norm_first", False) else "post",
        positional=positional, max_len=int(max_len), embed_scale=embed_scale,
        activation="gelu" if gelu else "relu", layer_norm_eps=float(first.norm1.eps))
    tensors = [(n, list(t.shape), t.flatten().tolist()) for n, t in sorted(params.items())]
    write_model(path, config, tensors, dtype)
    return config


def export_bahdanau(model, path, src_vocab, tgt_vocab, dtype="F32"):
    """Exports the book's Seq2Seq with Bahdanau attention (see the module text) to `path`;
    returns the config written."""
    import torch

    params = {n: p.detach().to(torch.float32).cpu().contiguous()
              for n, p in model.named_parameters()}
    unknown = sorted(n for n in params if not BAHDANAU_NAME.match(n))
    if unknown:
        raise ValueError("parameters outside the model-file format: %s" % ", ".join(unknown))
    layers = sum(1 for n in params if re.match(r"encoder\.rnn\.weight_ih_l\d+$", n))
    config = bahdanau_config(embed_size=params["encoder.embedding.weight"].shape[1],
                             num_hiddens=params["encoder.rnn.weight_hh_l0"].shape[1],
                             num_layers=layers, src_vocab=src_vocab, tgt_vocab=tgt_vocab)
    tensors = [(n, list(t.shape), t.flatten().tolist()) for n, t in params.items()]
    write_model(path, config, tensors, dtype)
    return config


def _read_vocab(path):
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n") for line in f if line.rstrip("\n")]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("model", help="a model saved with torch.save(model, path)")
    ap.add_argument("out", help="the .safetensors file to write")
    ap.add_argument("--src-vocab", required=True, help="source tokens, one per line, in id order")
    ap.add_argument("--tgt-vocab", required=True, help="target tokens, one per line, in id order")
    ap.add_argument("--arch", default="encoder-decoder", choices=["encoder-decoder", "encoder",
                                                                  "decoder", "bahdanau"])
    ap.add_argument("--positional", choices=["sinusoidal", "learned", "none"])
    ap.add_argument("--max-len", type=int)
    ap.add_argument("--no-embed-scale", action="store_true", help="embeddings are not times sqrt(d)")
    ap.add_argument("--dtype", default="F32", choices=DTYPES)
    ap.add_argument("--strip", default="transformer.", help="prefix removed from parameter names")
    args = ap.parse_args(argv)
    import torch
    model = torch.load(args.model, map_location="cpu", weights_only=False)
    model.eval()
    if args.arch == "bahdanau":
        config = export_bahdanau(model, args.out, _read_vocab(args.src_vocab),
                                 _read_vocab(args.tgt_vocab), dtype=args.dtype)
        print("%s: bahdanau, embed_size %d, num_hiddens %d, %d layers" % (
            args.out, config["embed_size"], config["num_hiddens"], config["num_layers"]))
        return 0
    config = export(model, args.out, _read_vocab(args.src_vocab), _read_vocab(args.tgt_vocab),
                    arch=args.arch, positional=args.positional, max_len=args.max_len,
                    embed_scale=not args.no_embed_scale, dtype=args.dtype, strip=args.strip)
    print("%s: %s, d_model %d, %d heads, %d + %d layers" % (
        args.out, config["arch"], config["d_model"], config["num_heads"],
        config["num_encoder_layers"], config["num_decoder_layers"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
