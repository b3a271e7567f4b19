"""PyTorch eager peer of the tape benchmark: value and gradient of a chain of scalar sin ops.

Prints the best time in seconds over 20 runs (after a warm-up), one thread.
"""
import sys
import time

import torch

torch.set_num_threads(1)
length = int(sys.argv[1])


def run():
    x = torch.tensor(0.3, dtype=torch.float64, requires_grad=True)
    y = x
    for _ in range(length):
        y = torch.sin(y)
    y.backward()
    return x.grad


run()
best = float("inf")
for _ in range(20):
    start = time.perf_counter()
    run()
    best = min(best, time.perf_counter() - start)
print(best)
