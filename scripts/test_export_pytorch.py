#!/usr/bin/env python3
"""Tests of export_pytorch.py: python3 scripts/test_export_pytorch.py

Without torch: the safetensors writer against hand-written bytes (the same file the C++ writer's
test expects, so both writers agree), F16 / BF16 rounding, names outside the format rejected, and
the committed reference file reproducible. With torch (skipped when it is not importable): a
small nn.Transformer exported with every parameter in place; and, when the environment variable
AL_BINARY names an attention-lab binary, its logits and encoder attention weights compared with
PyTorch's, and transformer-query-steps' weights and scaled scores q.k/sqrt(d/h) for a query of every
kind, layer and head compared with PyTorch's attention modules; and the book's Seq2Seq with
Bahdanau attention (its modules as D2L 11.4 writes them) exported with export_bahdanau, its
attention weights and logits from bahdanau-attention and bahdanau-logits compared with PyTorch's,
teacher-forced and greedy.
"""

import csv
import json
import math
import os
import struct
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import export_pytorch as ex  # noqa: E402
import make_reference_model  # noqa: E402

try:
    import torch
    from torch import nn
    HAVE_TORCH = True
except ImportError:
    HAVE_TORCH = False


def read_safetensors(payload):
    """(header dict, data bytes) of a safetensors file."""
    (n,) = struct.unpack("<Q", payload[:8])
    return json.loads(payload[8:8 + n].decode("utf-8")), payload[8 + n:]


class Writer(unittest.TestCase):
    def test_bytes_match_the_reference_layout(self):
        got = ex.safetensors_bytes([("a", [2], [1.0, -2.0])], {"k": "v"})
        header = b'{"__metadata__":{"k":"v"},"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}'
        self.assertEqual(len(header), 79)  # padded with one space to a multiple of 8
        self.assertEqual(got, struct.pack("<Q", 80) + header + b" "
                         + b"\x00\x00\x80\x3f\x00\x00\x00\xc0")

    def test_half_and_bfloat16_round_to_nearest_even(self):
        self.assertEqual(ex._pack([1.0, -2.0, 65504.0], "F16"), b"\x00\x3c\x00\xc0\xff\x7b")
        # 1/3 = 0x3EAAAAAB as a float: the low half 0xAAAB rounds the top half up to 0x3EAB.
        self.assertEqual(ex._pack([1.0, -5.0, 1.0 / 3.0], "BF16"), b"\x80\x3f\xa0\xc0\xab\x3e")
        # Exactly half-way (0x3F808000): to the even neighbour 0x3F80.
        halfway = struct.unpack("<f", struct.pack("<I", 0x3F808000))[0]
        self.assertEqual(ex._pack([halfway], "BF16"), b"\x80\x3f")
        with self.assertRaises(OverflowError):
            ex._pack([70000.0], "F16")

    def test_header_lists_every_tensor_in_order(self):
        payload = ex.safetensors_bytes([("x", [2, 1], [0.5, 0.25]), ("y", [], [3.0])], {}, "F16")
        header, data = read_safetensors(payload)
        self.assertEqual(header["x"], {"dtype": "F16", "shape": [2, 1], "data_offsets": [0, 4]})
        self.assertEqual(header["y"], {"dtype": "F16", "shape": [], "data_offsets": [4, 6]})
        self.assertEqual(struct.unpack("<3e", data), (0.5, 0.25, 3.0))
        self.assertEqual((len(payload) - len(data) - 8) % 8, 0)  # header length

    def test_rejects_names_outside_the_format_and_bad_shapes(self):
        config = make_reference_model.reference_config()
        with self.assertRaisesRegex(ValueError, "pos_encoding.pe"):
            ex.model_file_bytes(config, [("pos_encoding.pe", [1], [0.0])])
        with self.assertRaisesRegex(ValueError, "does not hold"):
            ex.safetensors_bytes([("a", [3], [1.0])], {})
        for name in ["encoder.layers.12.self_attn.in_proj_weight", "decoder.norm.bias",
                     "decoder.layers.0.multihead_attn.out_proj.weight", "tgt_pos.weight"]:
            self.assertTrue(ex.KNOWN_NAME.match(name), name)
        self.assertFalse(ex.KNOWN_NAME.match("encoder.layers.0.self_attn.bias_k"))

    def test_committed_reference_file_is_reproducible(self):
        with open(make_reference_model.DEFAULT_OUT, "rb") as f:
            committed = f.read()
        self.assertEqual(committed, make_reference_model.reference_bytes(),
                         "rerun scripts/make_reference_model.py")

    def test_writes_atomically(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "m.safetensors")
            ex.write_model(path, make_reference_model.reference_config(),
                           make_reference_model.reference_tensors())
            self.assertEqual(os.listdir(d), ["m.safetensors"])


def sinusoid(max_len, d):
    """The book's table P[i, 2j] = sin(i w_j), P[i, 2j+1] = cos(i w_j), w_j = 10000^(-2j/d)."""
    p = torch.zeros(max_len, d)
    for i in range(max_len):
        for c in range(d):
            w = 10000 ** (-2 * (c // 2) / d)
            p[i, c] = math.sin(i * w) if c % 2 == 0 else math.cos(i * w)
    return p


if HAVE_TORCH:
    class Seq2Seq(nn.Module):
        """The book's Transformer on nn.Transformer: embeddings times sqrt(d) plus sinusoidal
        positions, post-norm layers, a generator."""

        def __init__(self, src_vocab, tgt_vocab, d=8, heads=2, ffn=12, layers=2, max_len=16):
            super().__init__()
            self.d = d
            self.src_embed = nn.Embedding(len(src_vocab), d)
            self.tgt_embed = nn.Embedding(len(tgt_vocab), d)
            self.transformer = nn.Transformer(d, heads, layers, layers, ffn, dropout=0.0,
                                              batch_first=True)
            self.generator = nn.Linear(d, len(tgt_vocab))
            self.register_buffer("pe", sinusoid(max_len, d), persistent=False)

        def embed(self, table, ids):
            return table(ids) * math.sqrt(self.d) + self.pe[: ids.shape[1]]

        def forward(self, src, tgt):
            mask = nn.Transformer.generate_square_subsequent_mask(tgt.shape[1])
            out = self.transformer(self.embed(self.src_embed, src),
                                   self.embed(self.tgt_embed, tgt), tgt_mask=mask)
            return self.generator(out)


if HAVE_TORCH:
    class AdditiveAttention(nn.Module):
        """The book's additive attention: w_v^T tanh(W_q q + W_k k), no biases, no mask (one
        unpadded sentence)."""

        def __init__(self, num_hiddens):
            super().__init__()
            self.W_k = nn.Linear(num_hiddens, num_hiddens, bias=False)
            self.W_q = nn.Linear(num_hiddens, num_hiddens, bias=False)
            self.w_v = nn.Linear(num_hiddens, 1, bias=False)

        def forward(self, queries, keys, values):
            features = torch.tanh(self.W_q(queries).unsqueeze(2) + self.W_k(keys).unsqueeze(1))
            self.attention_weights = torch.softmax(self.w_v(features).squeeze(-1), dim=-1)
            return torch.bmm(self.attention_weights, values)

    class Seq2SeqEncoder(nn.Module):
        def __init__(self, vocab_size, embed_size, num_hiddens, num_layers):
            super().__init__()
            self.embedding = nn.Embedding(vocab_size, embed_size)
            self.rnn = nn.GRU(embed_size, num_hiddens, num_layers)

        def forward(self, X):
            return self.rnn(self.embedding(X.t().type(torch.int64)))

    class Seq2SeqAttentionDecoder(nn.Module):
        def __init__(self, vocab_size, embed_size, num_hiddens, num_layers):
            super().__init__()
            self.attention = AdditiveAttention(num_hiddens)
            self.embedding = nn.Embedding(vocab_size, embed_size)
            self.rnn = nn.GRU(embed_size + num_hiddens, num_hiddens, num_layers)
            self.dense = nn.Linear(num_hiddens, vocab_size)

        def forward(self, X, state):
            enc_outputs, hidden_state = state
            enc_outputs = enc_outputs.permute(1, 0, 2)
            outputs, weights = [], []
            for x in self.embedding(X.t().type(torch.int64)):
                query = hidden_state[-1].unsqueeze(1)
                context = self.attention(query, enc_outputs, enc_outputs)
                x = torch.cat((context, x.unsqueeze(1)), dim=-1)  # context first
                out, hidden_state = self.rnn(x.permute(1, 0, 2), hidden_state)
                outputs.append(out)
                weights.append(self.attention.attention_weights)
            return self.dense(torch.cat(outputs, dim=0)).permute(1, 0, 2), hidden_state, weights

    class BahdanauSeq2Seq(nn.Module):
        def __init__(self, src_vocab, tgt_vocab, embed_size=6, num_hiddens=8, num_layers=2):
            super().__init__()
            self.encoder = Seq2SeqEncoder(len(src_vocab), embed_size, num_hiddens, num_layers)
            self.decoder = Seq2SeqAttentionDecoder(len(tgt_vocab), embed_size, num_hiddens,
                                                   num_layers)

        def forward(self, src, tgt):
            """Logits (steps, vocabulary) and attention weights (steps, keys) of one sentence."""
            logits, _, weights = self.decoder(tgt, self.encoder(src))
            return logits[0], torch.cat([w[0] for w in weights], dim=0)


@unittest.skipUnless(HAVE_TORCH, "torch is not installed")
class ExportBahdanauModel(unittest.TestCase):
    SRC = ["<pad>", "<bos>", "<eos>", "<unk>", "i'm", "home", "."]
    TGT = ["<pad>", "<bos>", "<eos>", "<unk>", "je", "suis", "chez", "moi", "."]

    def setUp(self):
        torch.manual_seed(0)
        self.model = BahdanauSeq2Seq(self.SRC, self.TGT).eval()
        self.dir = tempfile.TemporaryDirectory()
        self.path = os.path.join(self.dir.name, "b.safetensors")

    def tearDown(self):
        self.dir.cleanup()

    def test_every_parameter_is_exported_under_its_name(self):
        config = ex.export_bahdanau(self.model, self.path, self.SRC, self.TGT)
        self.assertEqual(config, ex.bahdanau_config(6, 8, 2, self.SRC, self.TGT))
        with open(self.path, "rb") as f:
            header, data = read_safetensors(f.read())
        self.assertEqual(json.loads(header["__metadata__"]["config"]), config)
        params = dict(self.model.named_parameters())
        self.assertEqual(set(header) - {"__metadata__"}, set(params))
        self.assertIn("decoder.rnn.weight_ih_l0", params)
        self.assertEqual(list(params["decoder.rnn.weight_ih_l0"].shape), [24, 6 + 8])
        for name, p in params.items():
            begin, end = header[name]["data_offsets"]
            values = struct.unpack("<%df" % p.numel(), data[begin:end])
            self.assertEqual(list(values), p.detach().flatten().tolist(), name)

    def decode(self, src_words, tgt_words):
        """PyTorch's logits and weights, teacher-forced on <bos> + tgt_words."""
        src = torch.tensor([[self.SRC.index(w) for w in src_words + ["<eos>"]]])
        tgt = torch.tensor([[self.TGT.index(w) for w in ["<bos>"] + tgt_words]])
        with torch.no_grad():
            return self.model(src, tgt)

    def compare(self, src_words, tgt_words, forced):
        """bahdanau-logits and bahdanau-attention against PyTorch on the decoder input
        <bos> + tgt_words; `forced`: pass tgt_words as input.tgt (else Attention Lab decodes
        greedily and must find them)."""
        logits, weights = self.decode(src_words, tgt_words)
        given = tgt_words if forced else []
        rows = self.run_figure("bahdanau-logits", src_words, given)
        self.assertEqual(len(rows), logits.numel())
        for r in rows:
            want = logits[int(r["position"]), self.TGT.index(r["token"])].item()
            self.assertAlmostEqual(float(r["logit"]), want, delta=1e-4)
        rows = self.run_figure("bahdanau-attention", src_words, given)
        self.assertEqual(len(rows), weights.numel())
        for r in rows:
            want = weights[int(r["step"]), int(r["key"])].item()
            self.assertAlmostEqual(float(r["weight"]), want, delta=1e-4)
            self.assertEqual(r["key_token"], (src_words + ["<eos>"])[int(r["key"])])
            self.assertEqual(r["query_token"], (["<bos>"] + tgt_words)[int(r["step"])])

    @unittest.skipUnless(os.environ.get("AL_BINARY"), "AL_BINARY is not set")
    def test_attention_lab_gives_pytorchs_weights_and_logits_teacher_forced(self):
        ex.export_bahdanau(self.model, self.path, self.SRC, self.TGT)
        self.compare(["i'm", "home", "."], ["je", "suis", "chez"], forced=True)

    @unittest.skipUnless(os.environ.get("AL_BINARY"), "AL_BINARY is not set")
    def test_attention_lab_gives_pytorchs_greedy_decoding(self):
        ex.export_bahdanau(self.model, self.path, self.SRC, self.TGT)
        # PyTorch's greedy decoding of at most 5 tokens, stopping at <eos>: the decoder's input
        # is <bos> and every chosen token but the last.
        src_words, fed = ["home", "i'm"], []
        while True:
            logits, _ = self.decode(src_words, fed)
            token = self.TGT[int(logits[-1].argmax())]
            if token == "<eos>" or len(fed) + 1 == 5:
                break
            fed.append(token)
        self.compare(src_words, fed, forced=False)

    def run_figure(self, figure, src_words, tgt_words):
        out = os.path.join(self.dir.name, figure + ".csv")
        subprocess.run([os.environ["AL_BINARY"], "figure", figure,
                        "--set", "model.path=" + self.path,
                        "--set", "input.src=" + " ".join(src_words),
                        "--set", "input.tgt=" + " ".join(tgt_words),
                        "--set", "decode.max_steps=5", "--out", out], check=True)
        with open(out, newline="", encoding="utf-8") as f:
            return list(csv.DictReader(f))


@unittest.skipUnless(HAVE_TORCH, "torch is not installed")
class ExportTorchModel(unittest.TestCase):
    SRC = ["<pad>", "<eos>", "<unk>", "i'm", "home", "."]
    TGT = ["<pad>", "<bos>", "<eos>", "<unk>", "je", "suis", "chez", "moi", "."]

    def setUp(self):
        torch.manual_seed(0)
        self.model = Seq2Seq(self.SRC, self.TGT).eval()
        self.dir = tempfile.TemporaryDirectory()
        self.path = os.path.join(self.dir.name, "m.safetensors")

    def tearDown(self):
        self.dir.cleanup()

    def test_every_parameter_is_exported_under_its_name(self):
        config = ex.export(self.model, self.path, self.SRC, self.TGT)
        self.assertEqual((config["d_model"], config["num_heads"], config["ffn_hidden"]), (8, 2, 12))
        self.assertEqual((config["num_encoder_layers"], config["num_decoder_layers"]), (2, 2))
        self.assertEqual((config["norm"], config["activation"]), ("post", "relu"))
        with open(self.path, "rb") as f:
            header, data = read_safetensors(f.read())
        self.assertEqual(json.loads(header["__metadata__"]["config"]), config)
        params = {n.removeprefix("transformer."): p for n, p in self.model.named_parameters()}
        self.assertEqual(set(header) - {"__metadata__"}, set(params))
        for name, p in params.items():
            begin, end = header[name]["data_offsets"]
            values = struct.unpack("<%df" % p.numel(), data[begin:end])
            self.assertEqual(list(values), p.detach().flatten().tolist(), name)

    @unittest.skipUnless(os.environ.get("AL_BINARY"), "AL_BINARY is not set")
    def test_attention_lab_gives_pytorchs_logits_and_attention(self):
        ex.export(self.model, self.path, self.SRC, self.TGT)
        src_words, tgt_words = ["i'm", "home", "."], ["je", "suis"]
        src = torch.tensor([[self.SRC.index(w) for w in src_words + ["<eos>"]]])
        tgt = torch.tensor([[self.TGT.index(w) for w in ["<bos>"] + tgt_words]])
        with torch.no_grad():
            logits = self.model(src, tgt)[0]
            x = self.model.embed(self.model.src_embed, src)
            _, weights = self.model.transformer.encoder.layers[0].self_attn(
                x, x, x, need_weights=True, average_attn_weights=False)
        rows = self.run_figure("transformer-logits", src_words, tgt_words)
        for r in rows:
            want = logits[int(r["position"]), self.TGT.index(r["token"])].item()
            self.assertAlmostEqual(float(r["logit"]), want, delta=1e-4)
        self.assertEqual(len(rows), logits.numel())
        rows = self.run_figure("transformer-attention", src_words, tgt_words)
        checked = 0
        for r in rows:
            if r["kind"] == "encoder-self" and r["layer"] == "0":
                want = weights[0, int(r["head"]), int(r["query"]), int(r["key"])].item()
                self.assertAlmostEqual(float(r["weight"]), want, delta=1e-5)
                checked += 1
        self.assertEqual(checked, 2 * 4 * 4)

    def attention_inputs(self, src, tgt):
        """{(kind, layer): (attention module, query input, key/value input, mask)} of every
        attention in the model's forward pass (post-norm layers, no dropout, final norms)."""
        t = self.model.transformer
        inputs = {}
        x = self.model.embed(self.model.src_embed, src)
        for i, layer in enumerate(t.encoder.layers):
            inputs[("encoder-self", i)] = (layer.self_attn, x, x, None)
            x = layer(x)
        memory = t.encoder.norm(x)
        y = self.model.embed(self.model.tgt_embed, tgt)
        mask = nn.Transformer.generate_square_subsequent_mask(tgt.shape[1])
        for i, layer in enumerate(t.decoder.layers):
            inputs[("decoder-self", i)] = (layer.self_attn, y, y, mask)
            # The cross-attention reads norm1(y + self-attention), as the layer computes it.
            after_self = layer.norm1(y + layer.self_attn(y, y, y, attn_mask=mask,
                                                         need_weights=False)[0])
            inputs[("cross", i)] = (layer.multihead_attn, after_self, memory, None)
            y = layer(y, memory, tgt_mask=mask)
        return inputs

    @unittest.skipUnless(os.environ.get("AL_BINARY"), "AL_BINARY is not set")
    def test_query_steps_give_pytorchs_weights_and_scaled_scores(self):
        ex.export(self.model, self.path, self.SRC, self.TGT)
        src_words, tgt_words = ["i'm", "home", "."], ["je", "suis"]
        src = torch.tensor([[self.SRC.index(w) for w in src_words + ["<eos>"]]])
        tgt = torch.tensor([[self.TGT.index(w) for w in ["<bos>"] + tgt_words]])
        d, heads = self.model.d, self.model.transformer.encoder.layers[0].self_attn.num_heads
        dh = d // heads
        checked = 0
        with torch.no_grad():
            for (kind, layer), (attn, q_in, kv_in, mask) in self.attention_inputs(src, tgt).items():
                _, weights = attn(q_in, kv_in, kv_in, attn_mask=mask, need_weights=True,
                                  average_attn_weights=False)  # (1, heads, queries, keys)
                # q.k / sqrt(d/h) from the exported in_proj (q, k, v stacked) and its bias.
                w, b = attn.in_proj_weight, attn.in_proj_bias
                q_all = q_in[0] @ w[:d].T + b[:d]
                k_all = kv_in[0] @ w[d:2 * d].T + b[d:2 * d]
                for head in range(heads):
                    query = (layer + head) % q_in.shape[1]
                    cols = slice(head * dh, (head + 1) * dh)
                    scaled = (k_all[:, cols] @ q_all[query, cols]) / math.sqrt(dh)
                    rows = self.run_figure("transformer-query-steps", src_words, tgt_words,
                                           ["attention.kind=" + kind,
                                            "attention.layer=%d" % layer,
                                            "attention.head=%d" % head,
                                            "attention.query=%d" % query])
                    self.assertEqual(len(rows), kv_in.shape[1])
                    for r in rows:
                        key = int(r["key"])
                        where = (kind, layer, head, query, key)
                        self.assertAlmostEqual(float(r["weight"]),
                                               weights[0, head, query, key].item(), delta=1e-4,
                                               msg=where)
                        self.assertAlmostEqual(float(r["scaled"]), scaled[key].item(), delta=1e-4,
                                               msg=where)
                        masked = kind == "decoder-self" and key > query
                        self.assertEqual(float(r["masked"]) == -1e6, masked, where)
                    checked += 1
        self.assertEqual(checked, 3 * 2 * 2)

    def run_figure(self, figure, src_words, tgt_words, settings=()):
        out = os.path.join(self.dir.name, figure + ".csv")
        sets = [arg for s in settings for arg in ("--set", s)]
        subprocess.run([os.environ["AL_BINARY"], "figure", figure,
                        "--set", "model.path=" + self.path,
                        "--set", "input.src=" + " ".join(src_words),
                        "--set", "input.tgt=" + " ".join(tgt_words), *sets, "--out", out],
                       check=True)
        with open(out, newline="", encoding="utf-8") as f:
            return list(csv.DictReader(f))


if __name__ == "__main__":
    unittest.main()
