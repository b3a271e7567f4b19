"""numpy peer of `graphgrad-bench elementwise`.

Usage: numpy_elementwise.py COUNT 'EXPR=BYTES_PER_ELEMENT' ...
Prints one line per expression: EXPR<TAB>GB/s (best of >= 3 runs and >= 1 s, after a warm-up),
with a, b float32 vectors of COUNT elements, m = a as 4096 rows and row = m[0:1].
"""
import sys
import time

import numpy as np

count = int(sys.argv[1])
rng = np.random.default_rng(1)
a = rng.uniform(-1, 1, count).astype(np.float32)
b = rng.uniform(-1, 1, count).astype(np.float32)
m = a.reshape(4096, -1)
row = m[0:1]

for spec in sys.argv[2:]:
    expr, bytes_per_element = spec.rsplit("=", 1)
    code = compile(expr, "<expr>", "eval")
    eval(code)
    best, total, runs = float("inf"), 0.0, 0
    while runs < 50 and (runs < 3 or total < 1.0):
        start = time.perf_counter()
        eval(code)
        elapsed = time.perf_counter() - start
        best, total, runs = min(best, elapsed), total + elapsed, runs + 1
    print(f"{expr}\t{int(bytes_per_element) * count / best / 1e9}")
