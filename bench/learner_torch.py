#!/usr/bin/env python3
"""The learner benchmark's reference: forward + backward of the same decoder-only model and batch
in PyTorch eager, so that LearnerBenchmark can report our loop's cost against PyTorch's.

Usage: learner_torch.py --layers L --dim D --heads H --kv-heads K --intermediate I --vocab V
                        --batch B --seq T --iters N --warmup W --threads P
Prints one JSON object: {"tokens_per_s": ..., "seconds_per_iter": ...}.
"""
import argparse
import json
import math
import time

import torch
import torch.nn.functional as F


class RMSNorm(torch.nn.Module):
    def __init__(self, dim, eps=1e-6):
        super().__init__()
        self.weight = torch.nn.Parameter(torch.ones(dim))
        self.eps = eps

    def forward(self, x):
        return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + self.eps) * self.weight


def rotate_half(x):
    half = x.shape[-1] // 2
    return torch.cat((-x[..., half:], x[..., :half]), dim=-1)


class Block(torch.nn.Module):
    def __init__(self, dim, heads, kv_heads, intermediate):
        super().__init__()
        self.heads, self.kv_heads, self.head_dim = heads, kv_heads, dim // heads
        self.input_norm = RMSNorm(dim)
        self.q = torch.nn.Linear(dim, heads * self.head_dim, bias=False)
        self.k = torch.nn.Linear(dim, kv_heads * self.head_dim, bias=False)
        self.v = torch.nn.Linear(dim, kv_heads * self.head_dim, bias=False)
        self.o = torch.nn.Linear(heads * self.head_dim, dim, bias=False)
        self.post_norm = RMSNorm(dim)
        self.gate = torch.nn.Linear(dim, intermediate, bias=False)
        self.up = torch.nn.Linear(dim, intermediate, bias=False)
        self.down = torch.nn.Linear(intermediate, dim, bias=False)

    def forward(self, x, cos, sin, mask):
        b, t, _ = x.shape
        h = self.input_norm(x)
        q = self.q(h).view(b, t, self.heads, self.head_dim).transpose(1, 2)
        k = self.k(h).view(b, t, self.kv_heads, self.head_dim).transpose(1, 2)
        v = self.v(h).view(b, t, self.kv_heads, self.head_dim).transpose(1, 2)
        q = q * cos + rotate_half(q) * sin
        k = k * cos + rotate_half(k) * sin
        if self.kv_heads != self.heads:
            repeat = self.heads // self.kv_heads
            k = k.repeat_interleave(repeat, dim=1)
            v = v.repeat_interleave(repeat, dim=1)
        scores = (q @ k.transpose(-1, -2)) / math.sqrt(self.head_dim) + mask
        attention = torch.softmax(scores, dim=-1) @ v
        x = x + self.o(attention.transpose(1, 2).reshape(b, t, -1))
        h = self.post_norm(x)
        return x + self.down(F.silu(self.gate(h)) * self.up(h))


class Model(torch.nn.Module):
    def __init__(self, args):
        super().__init__()
        self.embed = torch.nn.Embedding(args.vocab, args.dim)
        self.blocks = torch.nn.ModuleList(Block(args.dim, args.heads, args.kv_heads, args.intermediate) for _ in range(args.layers))
        self.norm = RMSNorm(args.dim)
        self.head = torch.nn.Linear(args.dim, args.vocab, bias=False)
        head_dim = args.dim // args.heads
        inv = 1.0 / (10000.0 ** (torch.arange(0, head_dim, 2).float() / head_dim))
        angles = torch.outer(torch.arange(args.seq).float(), inv)
        angles = torch.cat((angles, angles), dim=-1)
        self.register_buffer("cos", angles.cos())
        self.register_buffer("sin", angles.sin())
        self.register_buffer("mask", torch.full((args.seq, args.seq), float("-inf")).triu(1))

    def forward(self, tokens):
        x = self.embed(tokens)
        for block in self.blocks:
            x = block(x, self.cos, self.sin, self.mask)
        return self.head(self.norm(x))


def main():
    parser = argparse.ArgumentParser()
    for name in ("layers", "dim", "heads", "kv-heads", "intermediate", "vocab", "batch", "seq", "iters", "warmup", "threads"):
        parser.add_argument("--" + name, type=int, required=True)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    model = Model(args)
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-4)
    tokens = torch.randint(0, args.vocab, (args.batch, args.seq))
    targets = torch.randint(0, args.vocab, (args.batch, args.seq))

    def step():
        optimizer.zero_grad(set_to_none=True)
        logits = model(tokens)
        loss = F.cross_entropy(logits.reshape(-1, args.vocab), targets.reshape(-1))
        loss.backward()

    for _ in range(args.warmup):
        step()
    start = time.perf_counter()
    for _ in range(args.iters):
        step()
    elapsed = (time.perf_counter() - start) / args.iters
    print(json.dumps({"tokens_per_s": args.batch * args.seq / elapsed, "seconds_per_iter": elapsed}))


if __name__ == "__main__":
    main()
