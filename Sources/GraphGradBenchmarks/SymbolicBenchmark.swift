import Foundation
import GraphGrad

/// Sizes of simplified symbolic derivatives next to SymPy's, and the speed of a compiled
/// gradient against a hand-written one.
func runSymbolicBenchmark() {
    printDerivativeSizes()
    print("")
    timeRosenbrockGradients()
}

/// The measured cases: a name, the expression text (also fed to SymPy), and the variables of
/// the gradient.
private let symbolicSizeCases: [(name: String, text: String, variables: [String])] = [
    ("product of 10 factors", (1...10).map { "(x + \($0))" }.joined(separator: "*"), ["x"]),
    ("sin(cos(tan(exp(x))))", "sin(cos(tan(exp(x))))", ["x"]),
    ("degree-20 polynomial", (0...20).map { "\($0 + 1)*x^\($0)" }.joined(separator: " + "), ["x"]),
    ("logistic loss gradient", "log(1 + exp(-y*(w1*x1 + w2*x2 + b)))", ["w1", "w2", "b"]),
]

private func printDerivativeSizes() {
    print("Symbolic derivative size (simplified; gradients measured together)")
    let sympy = sympySizes()
    let header = ["case", "nodes (DAG)", "tree", "SymPy count_ops", "SymPy tree", "SymPy DAG", "SymPy simplified tree"]
    print(header.joined(separator: " | "))
    for c in symbolicSizeCases {
        do {
            let e = try Calculus.Expression(parsing: c.text)
            let gradient = e.gradient(wrt: c.variables)
            let tree = gradient.map(\.treeSize).reduce(0, +)
            let theirs = sympy[c.name] ?? ["n/a", "n/a", "n/a", "n/a"]
            print(([c.name, "\(Calculus.Expression.nodeCount(of: gradient))", "\(tree)"] + theirs).joined(separator: " | "))
        } catch {
            print("\(c.name): \(error)")
        }
    }
}

/// Runs `Benchmarks/sympy_nodes.py` on the same texts; an empty table if Python or SymPy is
/// missing (the message says why).
private func sympySizes() -> [String: [String]] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "Benchmarks/sympy_nodes.py"]
        + symbolicSizeCases.flatMap { [$0.name, $0.text, $0.variables.joined(separator: ",")] }
    let pipe = Pipe()
    process.standardOutput = pipe
    do {
        try process.run()
    } catch {
        print("(SymPy comparison skipped: \(error))")
        return [:]
    }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        print("(SymPy comparison failed: python3 exited with \(process.terminationStatus))")
        return [:]
    }
    var result: [String: [String]] = [:]
    for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
        let fields = line.split(separator: "\t").map(String.init)
        if fields.count == 5 { result[fields[0]] = Array(fields.dropFirst()) }
    }
    return result
}

/// The n-dimensional Rosenbrock function Σ 100(x[i+1] − x[i]²)² + (1 − x[i])².
func rosenbrock(_ n: Int) -> (Calculus.Expression, [String]) {
    let names = (0..<n).map { "x\($0)" }
    let x = names.map(Calculus.Expression.variable)
    var terms: [Calculus.Expression] = []
    for i in 0..<(n - 1) {
        let valley: Calculus.Expression = x[i + 1] - x[i].raised(to: 2)
        let offset: Calculus.Expression = 1 - x[i]
        terms.append(Calculus.Expression(100) * valley.raised(to: 2))
        terms.append(offset.raised(to: 2))
    }
    return (Calculus.Expression.sum(terms), names)
}

/// The gradient of the Rosenbrock function written by hand: the baseline.
func rosenbrockGradient(_ x: UnsafeBufferPointer<Double>, into g: UnsafeMutableBufferPointer<Double>) {
    for i in g.indices { g[i] = 0 }
    for i in 0..<(x.count - 1) {
        let t = x[i + 1] - x[i] * x[i]
        g[i] += -400 * x[i] * t - 2 * (1 - x[i])
        g[i + 1] += 200 * t
    }
}

private func timeRosenbrockGradients() {
    print("Rosenbrock gradient: compiled symbolic program vs hand-written loop")
    print("n | build+compile ms | instructions | compiled ns/call | hand ns/call | ratio | max |diff|")
    for n in [10, 100, 1000] {
        let clock = ContinuousClock()
        let start = clock.now
        let (f, names) = rosenbrock(n)
        let gradient = f.gradient(wrt: names)
        guard let compiled = try? CompiledExpression(gradient, variables: names) else {
            print("\(n): compilation failed")
            continue
        }
        let buildTime = clock.now - start
        var rng = SystemRandomNumberGenerator()
        let inputs = (0..<n).map { _ in Double.random(in: -2...2, using: &rng) }
        var compiledOut = [Double](repeating: 0, count: n)
        var handOut = [Double](repeating: 0, count: n)
        let repetitions = max(2_000_000 / n, 10)
        let compiledTime = inputs.withUnsafeBufferPointer { x in
            compiledOut.withUnsafeMutableBufferPointer { g in
                clock.measure { for _ in 0..<repetitions { compiled(x, into: g) } }
            }
        }
        let handTime = inputs.withUnsafeBufferPointer { x in
            handOut.withUnsafeMutableBufferPointer { g in
                clock.measure { for _ in 0..<repetitions { rosenbrockGradient(x, into: g) } }
            }
        }
        let maxDifference = zip(compiledOut, handOut).map { abs($0 - $1) }.max() ?? 0
        let compiledNs = nanoseconds(compiledTime) / Double(repetitions)
        let handNs = nanoseconds(handTime) / Double(repetitions)
        let fields = [
            "\(n)", String(format: "%.1f", nanoseconds(buildTime) / 1e6), "\(compiled.instructionCount)",
            String(format: "%.1f", compiledNs), String(format: "%.1f", handNs),
            String(format: "%.2f", compiledNs / handNs), String(format: "%.1e", maxDifference),
        ]
        print(fields.joined(separator: " | "))
    }
}

private func nanoseconds(_ d: Duration) -> Double {
    Double(d.components.seconds) * 1e9 + Double(d.components.attoseconds) / 1e9
}
