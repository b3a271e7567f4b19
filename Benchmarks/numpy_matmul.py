"""Float32 numpy matmul reference for `graphgrad-bench matmul`.

Prints one JSON object per line: first the BLAS in use ({"blas": ...}), then one
{"size": n, "gflops": ..., "thread_cpu_gflops": ...} per size. Timing policy matches the Swift side:
one warm-up, then repeat until at least `--min-repeats` runs and `--min-seconds` of wall time, keep
the fastest wall time and, separately, the fastest CPU time of the calling thread (meaningful with
one BLAS thread, where OpenBLAS computes on the caller).
The thread count comes from OPENBLAS_NUM_THREADS / OMP_NUM_THREADS set by the caller (and is
enforced with threadpoolctl when that package is installed).
"""
import argparse
import ctypes
import glob
import json
import os
import time

import numpy as np


def openblas_info():
    """Returns (corename, threads, how) of numpy's OpenBLAS."""
    try:
        from threadpoolctl import threadpool_info

        for pool in threadpool_info():
            if pool.get("internal_api") == "openblas":
                return pool.get("architecture"), pool.get("num_threads"), "threadpoolctl"
    except ImportError:
        pass
    libs = glob.glob(os.path.join(os.path.dirname(os.path.dirname(np.__file__)), "numpy.libs", "*openblas*"))
    for path in libs:
        lib = ctypes.CDLL(path)
        for prefix, suffix in (("scipy_openblas_", "64_"), ("scipy_openblas_", ""), ("openblas_", "64_"), ("openblas_", "")):
            try:
                corename = getattr(lib, f"{prefix}get_corename{suffix}")
                threads = getattr(lib, f"{prefix}get_num_threads{suffix}")
            except AttributeError:
                continue
            corename.restype = ctypes.c_char_p
            return corename().decode(), threads(), "ctypes"
    return None, None, "unknown"


def best_times(run, min_repeats, min_seconds, max_repeats):
    """Fastest (wall, calling-thread CPU) seconds of run()."""
    run()
    best_wall, best_cpu, total, count = float("inf"), float("inf"), 0.0, 0
    while count < max_repeats and (count < min_repeats or total < min_seconds):
        wall_start, cpu_start = time.perf_counter(), time.thread_time()
        run()
        wall, cpu = time.perf_counter() - wall_start, time.thread_time() - cpu_start
        best_wall, best_cpu = min(best_wall, wall), min(best_cpu, cpu)
        total, count = total + wall, count + 1
    return best_wall, best_cpu


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="256,1024,2048")
    parser.add_argument("--min-repeats", type=int, default=3)
    parser.add_argument("--min-seconds", type=float, default=1.0)
    parser.add_argument("--max-repeats", type=int, default=50)
    args = parser.parse_args()

    threads = int(os.environ.get("OPENBLAS_NUM_THREADS", "0")) or None
    limiter = None
    if threads:
        try:
            from threadpoolctl import threadpool_limits

            limiter = threadpool_limits(limits=threads, user_api="blas")
        except ImportError:
            pass
    corename, active_threads, how = openblas_info()
    print(json.dumps({"blas": {"numpy": np.__version__, "openblas_core": corename,
                               "threads": active_threads, "detected_with": how}}), flush=True)

    rng = np.random.default_rng(0)
    for n in (int(s) for s in args.sizes.split(",")):
        a = rng.uniform(-1, 1, (n, n)).astype(np.float32)
        b = rng.uniform(-1, 1, (n, n)).astype(np.float32)
        out = np.empty((n, n), dtype=np.float32)
        wall, cpu = best_times(lambda: np.matmul(a, b, out=out), args.min_repeats, args.min_seconds, args.max_repeats)
        flop = 2.0 * n**3
        print(json.dumps({"size": n, "gflops": flop / wall / 1e9, "thread_cpu_gflops": flop / cpu / 1e9}), flush=True)
    if limiter is not None:
        limiter.restore_original_limits()


if __name__ == "__main__":
    main()
