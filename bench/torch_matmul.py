#!/usr/bin/env python3
"""PyTorch side of the torch benchmark: float32 matmul GFLOP/s and per-op overhead of a tiny op.

Usage: torch_matmul.py [WINDOWS]   (timing windows per measurement, default 5; 1 for a quick run)
Prints `name value` lines that bench/Reft.Bench reads and sets beside the shim's numbers.
"""
import os
import sys
import time

import torch

torch.set_num_threads(os.cpu_count())


# Best of several short windows, so a busy shared machine distorts the numbers less.
WINDOWS = int(sys.argv[1]) if len(sys.argv) > 1 else 5


def matmul_gflops(n, seconds=0.3):
    a = torch.randn(n, n)
    b = torch.randn(n, n)
    torch.matmul(a, b)
    best = 0.0
    for _ in range(WINDOWS):
        iterations, start = 0, time.perf_counter()
        while True:
            torch.matmul(a, b)
            iterations += 1
            elapsed = time.perf_counter() - start
            if elapsed >= seconds:
                break
        best = max(best, 2.0 * n ** 3 * iterations / elapsed / 1e9)
    return best


def tiny_op_microseconds(count=20_000):
    x = torch.ones(1)
    y = torch.ones(1)
    for _ in range(1000):
        x.add(y)
    best = float("inf")
    for _ in range(WINDOWS):
        start = time.perf_counter()
        for _ in range(count):
            x.add(y)
        best = min(best, (time.perf_counter() - start) / count * 1e6)
    return best


if __name__ == "__main__":
    for n in (256, 1024, 2048):
        print(f"matmul_{n}_gflops {matmul_gflops(n):.3f}", flush=True)
    print(f"tiny_op_us {tiny_op_microseconds():.3f}", flush=True)
