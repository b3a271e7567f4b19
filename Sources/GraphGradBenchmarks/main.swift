// graphgrad-bench: the project's benchmark runner. The first argument names the suite; each suite
// lives in its own file and prints its own report.
import Foundation

let suites: [(name: String, summary: String, run: () -> Void)] = [
    ("matmul", "Float32 GEMM GFLOP/s at 256, 1024, 2048 on 1 and all threads, against numpy", MatmulBenchmark.run),
    ("tape", "value and gradient of a chain of 10,000 scalar sin ops, against PyTorch eager", runTapeBenchmark),
    ("elementwise", "Float32 elementwise ops and reductions in GB/s, against memcpy and numpy", ElementwiseBenchmark.run),
    ("spmm", "SpMM (sum) on 1M nodes / 10M edges / 64 features, against scipy.sparse and the bandwidth floor", runSpmmBenchmark),
    ("copy", "memcpy bandwidth of 256 MiB on 1 and 2 threads (reference for elementwise ops)", CopyBenchmark.run),
    ("symbolic", "derivative sizes against SymPy and the compiled Rosenbrock gradient", runSymbolicBenchmark),
    ("gnn", "GCN, GAT, SAGE, SGC training on Cora and GCN on 1M nodes / 10M edges, against PyTorch Geometric", GNNBenchmark.run),
    ("rosenbrock", "Rosenbrock gradient by duals, tape and compiled symbolic, n = 10 to 10^6, against a hand loop", RosenbrockBenchmark.run),
]

let requested = CommandLine.arguments.dropFirst().first
if let suite = suites.first(where: { $0.name == requested }) {
    suite.run()
} else {
    if let requested { print("unknown benchmark \"\(requested)\"\n") }
    print("usage: swift run -c release graphgrad-bench <suite>\n\nsuites:")
    for suite in suites { print("  \(suite.name.padding(toLength: 12, withPad: " ", startingAt: 0))\(suite.summary)") }
    exit(requested == nil ? 0 : 2)
}
