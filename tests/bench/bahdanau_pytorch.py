#!/usr/bin/env python3
"""PyTorch's time for the Bahdanau benchmark (bahdanau_bench.cpp runs it with the job it wrote):
the book's Seq2SeqEncoder and Seq2SeqAttentionDecoder (D2L 10.4, old edition: E = H, GRU layers,
additive attention without biases, the decoder reading [context ; embedding]) with the job's shapes,
trained as Attention Lab trains them: batches drawn uniformly from the phrase pairs and padded to
their longest sentence, the attention masked by the source's valid length, cross-entropy over the
real tokens, Adam with the gradients clipped to global norm 1, Xavier-uniform weights; after every
epoch, the teacher-forced loss over every pair and greedy translations (at most 10 tokens) of the
book's four test sentences. As the book's encoder, it runs over the padding (no packed sequences).

Usage: bahdanau_pytorch.py JOB.json. Prints `pytorch_seconds S` (the wall time of the training and
its evaluations); without torch it prints why and exits with 3.
"""

import json
import sys
import time

try:
    import torch
    from torch import nn
except ImportError:
    print("torch does not import with " + sys.executable)
    sys.exit(3)

TEST_STEPS = 10  # the old edition's num_steps


def masked_softmax(scores, valid_lens):
    keys = torch.arange(scores.shape[-1], device=scores.device)
    mask = keys[None, None, :] < valid_lens[:, None, None]
    return torch.softmax(scores.masked_fill(~mask, -1e6), dim=-1)


class AdditiveAttention(nn.Module):
    def __init__(self, num_hiddens):
        super().__init__()
        self.W_k = nn.Linear(num_hiddens, num_hiddens, bias=False)
        self.W_q = nn.Linear(num_hiddens, num_hiddens, bias=False)
        self.w_v = nn.Linear(num_hiddens, 1, bias=False)

    def forward(self, queries, keys, values, valid_lens):
        features = torch.tanh(self.W_q(queries).unsqueeze(2) + self.W_k(keys).unsqueeze(1))
        weights = masked_softmax(self.w_v(features).squeeze(-1), valid_lens)
        return torch.bmm(weights, values)


class Seq2SeqEncoder(nn.Module):
    def __init__(self, vocab_size, embed_size, num_hiddens, num_layers):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, embed_size)
        self.rnn = nn.GRU(embed_size, num_hiddens, num_layers)

    def forward(self, X):
        return self.rnn(self.embedding(X.t()))


class Seq2SeqAttentionDecoder(nn.Module):
    def __init__(self, vocab_size, embed_size, num_hiddens, num_layers):
        super().__init__()
        self.attention = AdditiveAttention(num_hiddens)
        self.embedding = nn.Embedding(vocab_size, embed_size)
        self.rnn = nn.GRU(embed_size + num_hiddens, num_hiddens, num_layers)
        self.dense = nn.Linear(num_hiddens, vocab_size)

    def forward(self, X, state):
        enc_outputs, hidden_state, valid_lens = state
        outputs = []
        for x in self.embedding(X.t()):
            query = hidden_state[-1].unsqueeze(1)
            context = self.attention(query, enc_outputs, enc_outputs, valid_lens)
            x = torch.cat((context, x.unsqueeze(1)), dim=-1)  # context first
            out, hidden_state = self.rnn(x.permute(1, 0, 2), hidden_state)
            outputs.append(out)
        logits = self.dense(torch.cat(outputs, dim=0)).permute(1, 0, 2)
        return logits, (enc_outputs, hidden_state, valid_lens)


class Seq2Seq(nn.Module):
    def __init__(self, job):
        super().__init__()
        h, layers = job["hiddens"], job["layers"]
        self.encoder = Seq2SeqEncoder(job["src_vocab"], h, h, layers)
        self.decoder = Seq2SeqAttentionDecoder(job["tgt_vocab"], h, h, layers)
        for m in self.modules():
            if isinstance(m, nn.Linear):
                nn.init.xavier_uniform_(m.weight)
            elif isinstance(m, nn.GRU):
                for name in m._flat_weights_names:
                    if "weight" in name:
                        nn.init.xavier_uniform_(getattr(m, name))

    def begin(self, src, valid_lens):
        enc_outputs, hidden_state = self.encoder(src)
        return enc_outputs.permute(1, 0, 2), hidden_state, valid_lens

    def forward(self, src, valid_lens, dec_in):
        return self.decoder(dec_in, self.begin(src, valid_lens))[0]


def padded(rows, pad):
    width = max(len(r) for r in rows)
    return torch.tensor([r + [pad] * (width - len(r)) for r in rows])


def batch_of(pairs, job):
    src = padded([p[0] for p in pairs], job["pad"])
    valid = torch.tensor([len(p[0]) for p in pairs])
    dec_in = padded([[job["bos"]] + p[1] for p in pairs], job["pad"])
    labels = padded([p[1] + [job["eos"]] for p in pairs], -1)
    return src, valid, dec_in, labels


def loss_of(model, batch, loss):
    src, valid, dec_in, labels = batch
    logits = model(src, valid, dec_in)
    return loss(logits.reshape(-1, logits.shape[-1]), labels.reshape(-1))


def translate(model, src, job):
    state = model.begin(torch.tensor([src]), torch.tensor([len(src)]))
    token, out = job["bos"], []
    for _ in range(TEST_STEPS):
        logits, state = model.decoder(torch.tensor([[token]]), state)
        token = int(logits[0, -1].argmax())
        if token == job["eos"]:
            break
        out.append(token)
    return out


def main():
    with open(sys.argv[1]) as f:
        job = json.load(f)
    torch.manual_seed(job["seed"])
    model = Seq2Seq(job)
    optimizer = torch.optim.Adam(model.parameters(), lr=job["lr"])
    loss = nn.CrossEntropyLoss(ignore_index=-1)
    pairs, per_epoch = job["pairs"], job["steps_per_epoch"]
    whole_set = batch_of(pairs, job)
    start = time.perf_counter()
    for step in range(1, job["epochs"] * per_epoch + 1):
        picks = torch.randint(len(pairs), (job["batch"],)).tolist()
        value = loss_of(model, batch_of([pairs[i] for i in picks], job), loss)
        optimizer.zero_grad()
        value.backward()
        nn.utils.clip_grad_norm_(model.parameters(), job["clip"])
        optimizer.step()
        if step % per_epoch == 0:
            with torch.no_grad():
                loss_of(model, whole_set, loss)
                for src in job["test"]:
                    translate(model, src, job)
    print("pytorch_seconds %.6f" % (time.perf_counter() - start))


if __name__ == "__main__":
    main()
