import Foundation
import GraphGrad

/// Tape overhead: value and gradient of a chain of 10,000 scalar `sin` operations, against
/// PyTorch eager in the same run when a Python with torch is given (GRAPHGRAD_TORCH_PYTHON,
/// see Benchmarks/README.md).
func runTapeBenchmark() {
    let length = 10_000
    let seconds = BenchmarkTiming.bestSeconds {
        let x = Tensor<Double>(0.3).requiringGradient()
        var y = x
        for _ in 0..<length { y = y.sin() }
        let g = y.gradients(wrt: [x])[0]
        precondition(g.scalar.isFinite)
    }
    print(String(format: "tape: %d scalar sin ops, value + gradient: %.3f ms (%.0f ns per op)",
                 length, seconds * 1e3, seconds * 1e9 / Double(length)))
    guard let torch = runPythonPeer(script: "torch_tape.py", arguments: ["\(length)"], needsTorch: true),
          let torchSeconds = Double(torch.trimmingCharacters(in: .whitespacesAndNewlines)) else {
        print("tape: PyTorch not available (set GRAPHGRAD_TORCH_PYTHON to a python with torch); no ratio")
        return
    }
    print(String(format: "tape: PyTorch eager %.3f ms; GraphGrad is %.1fx faster", torchSeconds * 1e3, torchSeconds / seconds))
}
