#!/usr/bin/env python3
"""PyTorch's time for one benchmark case of `make bench` (pytorch_ratio.cpp runs it in the same
run as the engine's benchmark and reports ours / PyTorch's). The cases, with the shapes the C++
benchmark passes:

  nw N                   Nadaraya-Watson with the N x N weights materialised, float32:
                         softmax(-((xq[:,None] - xk[None,:]) * w)**2 / 2) @ y
  mha L D H              nn.MultiheadAttention self-attention forward over L tokens, width D,
                         H heads, need_weights=True, average_attn_weights=False
  encoder L D H FFN      nn.TransformerEncoderLayer forward (post-norm, ReLU, no dropout)
  reverse_step B N D H F nn.Transformer training step: batch B of sequences of N tokens, width D,
                         2 + 2 layers, H heads, FFN F, embeddings and output layer, cross-entropy,
                         Adam and gradient clipping to norm 1

Usage: pytorch_cases.py CASE ARGS... Runs the case for 3 seconds to warm up, then times it
repeatedly for about a second (at least 5 times) on 2 threads, inference cases without autograd,
and prints `pytorch_seconds S`, the median of one run. Without torch it prints why and exits with 3.
"""

import statistics
import sys
import time

try:
    import torch
    from torch import nn
except ImportError:
    print("torch does not import with " + sys.executable)
    sys.exit(3)

THREADS = 2  # the engine's benchmarks run on both cores too
WARM_UP_SECONDS = 3.0
VOCAB = 14  # the reverse task's: ten digits and the specials


def nw_case(n):
    xk = torch.sort(torch.rand(n) * 5).values
    y = 2 * torch.sin(xk) + xk**0.8 + 0.5 * torch.randn(n)
    xq = torch.arange(n, dtype=torch.float32) * 5 / n
    w = 1.0

    def run():
        weights = torch.softmax(-(((xq[:, None] - xk[None, :]) * w) ** 2) / 2, dim=1)
        return weights @ y, weights

    return run


def mha_case(length, width, heads):
    attention = nn.MultiheadAttention(width, heads, batch_first=True).eval()
    x = torch.randn(1, length, width)

    def run():
        return attention(x, x, x, need_weights=True, average_attn_weights=False)

    return run


def encoder_case(length, width, heads, ffn):
    layer = nn.TransformerEncoderLayer(width, heads, ffn, dropout=0.0, batch_first=True).eval()
    x = torch.randn(1, length, width)
    return lambda: layer(x)


def reverse_step_case(batch, length, width, heads, ffn):
    class Model(nn.Module):
        def __init__(self):
            super().__init__()
            self.src = nn.Embedding(VOCAB, width)
            self.tgt = nn.Embedding(VOCAB, width)
            self.core = nn.Transformer(width, heads, 2, 2, ffn, dropout=0.0, batch_first=True)
            self.out = nn.Linear(width, VOCAB)

        def forward(self, src, tgt):
            mask = self.core.generate_square_subsequent_mask(tgt.shape[1])
            return self.out(self.core(self.src(src), self.tgt(tgt), tgt_mask=mask))

    model = Model()
    optimizer = torch.optim.Adam(model.parameters(), lr=3e-3)
    loss = nn.CrossEntropyLoss()

    def step():
        src = torch.randint(VOCAB, (batch, length))
        tgt = torch.randint(VOCAB, (batch, length))
        labels = torch.randint(VOCAB, (batch, length))
        value = loss(model(src, tgt).reshape(-1, VOCAB), labels.reshape(-1))
        optimizer.zero_grad()
        value.backward()
        nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()

    return step


CASES = {"nw": nw_case, "mha": mha_case, "encoder": encoder_case, "reverse_step": reverse_step_case}
TRAINING = {"reverse_step"}


def main():
    if len(sys.argv) < 2 or sys.argv[1] not in CASES:
        print("usage: pytorch_cases.py {%s} ARGS..." % ",".join(CASES))
        sys.exit(2)
    torch.set_num_threads(THREADS)
    torch.manual_seed(1)
    name, args = sys.argv[1], [int(a) for a in sys.argv[2:]]
    run = CASES[name](*args)
    with torch.set_grad_enabled(name in TRAINING):
        # As long a warm-up as the C++ side's (kWarmUp in pytorch_ratio.hpp), at least one run.
        warmed_up = time.perf_counter() + WARM_UP_SECONDS
        run()
        while time.perf_counter() < warmed_up:
            run()
        times, budget = [], time.perf_counter() + 1.0
        while len(times) < 5 or time.perf_counter() < budget:
            start = time.perf_counter()
            run()
            times.append(time.perf_counter() - start)
    print("pytorch_seconds %.9f" % statistics.median(times))


if __name__ == "__main__":
    main()
