"""scipy.sparse reference for `graphgrad-bench spmm`.

Reads the graph and features that the Swift side generated (raw little-endian files in
`--dir`: source.i32 and target.i32 with one entry per edge, x.f32 with nodes x features
float32 values), builds the Float32 CSR matrix A with A[target, source] = 1 per edge (parallel
edges add up), and times `A @ x`, the same sum aggregation over incoming edges.

Prints one JSON object: scipy's version, nnz, the best time, and the sum and sum of squares of
the result (in float64) so the caller can check that both sides computed the same product.
Timing policy matches the Swift side: one warm-up, then repeat until at least `--min-repeats`
runs and `--min-seconds` elapsed, keep the best.
"""
import argparse
import json
import os
import time

import numpy as np
import scipy
import scipy.sparse


def best_seconds(run, min_repeats, min_seconds, max_repeats):
    run()
    best, total, count = float("inf"), 0.0, 0
    while count < max_repeats and (count < min_repeats or total < min_seconds):
        start = time.perf_counter()
        run()
        elapsed = time.perf_counter() - start
        best, total, count = min(best, elapsed), total + elapsed, count + 1
    return best


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", required=True)
    parser.add_argument("--nodes", type=int, required=True)
    parser.add_argument("--features", type=int, required=True)
    parser.add_argument("--min-repeats", type=int, default=3)
    parser.add_argument("--min-seconds", type=float, default=1.0)
    parser.add_argument("--max-repeats", type=int, default=50)
    args = parser.parse_args()

    source = np.fromfile(os.path.join(args.dir, "source.i32"), dtype="<i4")
    target = np.fromfile(os.path.join(args.dir, "target.i32"), dtype="<i4")
    x = np.fromfile(os.path.join(args.dir, "x.f32"), dtype="<f4").reshape(args.nodes, args.features)
    ones = np.ones(source.shape[0], dtype=np.float32)
    a = scipy.sparse.csr_matrix((ones, (target, source)), shape=(args.nodes, args.nodes))
    a.sum_duplicates()

    result = {}

    def run():
        result["y"] = a @ x

    seconds = best_seconds(run, args.min_repeats, args.min_seconds, args.max_repeats)
    y = result["y"].astype(np.float64)
    print(json.dumps({"scipy": scipy.__version__, "nnz": int(a.nnz), "seconds": seconds,
                      "sum": float(y.sum()), "sum_of_squares": float((y * y).sum())}), flush=True)


if __name__ == "__main__":
    main()
