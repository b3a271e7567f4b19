import Foundation
import GraphGrad

/// The gradient of the n-dimensional Rosenbrock function by each differentiation mode, as a
/// ratio to the hand-written loop `rosenbrockGradient` timed in the same run: vector-mode dual
/// numbers (8 partials per pass, so ⌈n/8⌉ passes), the tape on a vectorized formulation with
/// slices, and the compiled symbolic gradient.
enum RosenbrockBenchmark {
    typealias Dual8 = DualVector<Double, SIMD8<Double>>

    static func run() {
        print("Rosenbrock gradient, best-of-N seconds per gradient and ratio to the hand-written loop")
        print(row([("n", 10), ("hand", 12), ("dual x8", 20), ("tape", 20), ("compiled", 20), ("max |diff|", 10)]))
        for n in [10, 100, 1_000, 1_000_000] {
            var generator = SplitMix64(seed: UInt64(n))
            let x = (0..<n).map { _ in -2 + 4 * generator.nextUniform() }
            let hand = handGradient(x)
            let handSeconds = BenchmarkTiming.bestSeconds { _ = handGradient(x) }
            var gradients: [[Double]] = []
            func cell(_ seconds: Double?) -> String {
                guard let seconds else { return "-" }
                return String(format: "%.2e (%.1fx)", seconds, seconds / handSeconds)
            }
            // Duals take ⌈n/8⌉ passes of n operations and symbolic compilation grows with n:
            // both stop at 1,000.
            var dualSeconds: Double?
            var compiledSeconds: Double?
            if n <= 1_000 {
                gradients.append(ForwardMode.gradient(of: dualRosenbrock, at: x))
                dualSeconds = BenchmarkTiming.bestSeconds { _ = ForwardMode.gradient(of: dualRosenbrock, at: x) }
                let (f, names) = rosenbrock(n)
                if let compiled = try? CompiledExpression(f.gradient(wrt: names), variables: names) {
                    gradients.append(compiled(x))
                    compiledSeconds = BenchmarkTiming.bestSeconds { _ = compiled(x) }
                }
            }
            gradients.append(tapeGradient(x))
            let tapeSeconds = BenchmarkTiming.bestSeconds { _ = tapeGradient(x) }
            let difference = gradients.map { g in zip(g, hand).map { abs($0 - $1) }.max() ?? 0 }.max() ?? 0
            print(row([
                ("\(n)", 10), (String(format: "%.2e", handSeconds), 12), (cell(dualSeconds), 20),
                (cell(tapeSeconds), 20), (cell(compiledSeconds), 20), (String(format: "%.1e", difference), 10),
            ]))
        }
    }

    /// The baseline: `rosenbrockGradient` into a fresh array (the other modes allocate theirs).
    static func handGradient(_ x: [Double]) -> [Double] {
        var g = [Double](repeating: 0, count: x.count)
        x.withUnsafeBufferPointer { xs in g.withUnsafeMutableBufferPointer { rosenbrockGradient(xs, into: $0) } }
        return g
    }

    /// Σ 100(x[i+1] − x[i]²)² + (1 − x[i])² on vector-mode duals.
    static func dualRosenbrock(_ x: [Dual8]) -> Dual8 {
        var total = Dual8(0)
        for i in 0..<(x.count - 1) {
            let valley = x[i + 1] - x[i] * x[i]
            let offset = 1 - x[i]
            total = total + 100 * valley * valley + offset * offset
        }
        return total
    }

    /// The same sum as whole-vector tape operations on the slices x[1...] and x[..<n−1].
    static func tapeGradient(_ x: [Double]) -> [Double] {
        let leaf = Tensor<Double>(x).requiringGradient()
        let head = leaf.sliced(along: 0, 0..<(x.count - 1))
        let tail = leaf.sliced(along: 0, 1..<x.count)
        let f = (100 * (tail - head.squared()).squared() + (1 - head).squared()).sum()
        return f.gradients(wrt: [leaf])[0].scalars
    }
}
