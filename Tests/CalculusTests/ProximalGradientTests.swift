import Calculus
import Testing
import _TestSupport

/// ½‖Ax − b‖² with a dense row-major A: the smooth part of the lasso.
private struct LeastSquares {
    let rows: Int
    let columns: Int
    let a: [Double]
    let b: [Double]

    func residual(_ x: [Double]) -> [Double] {
        (0..<rows).map { i in
            var sum = -b[i]
            for j in 0..<columns { sum += a[i * columns + j] * x[j] }
            return sum
        }
    }

    func value(_ x: [Double]) -> Double { residual(x).reduce(0) { $0 + $1 * $1 } / 2 }

    /// Aᵀ(Ax − b).
    func gradient(_ x: [Double]) -> [Double] { transposeTimes(residual(x)) }

    func transposeTimes(_ r: [Double]) -> [Double] {
        var g = [Double](repeating: 0, count: columns)
        for i in 0..<rows {
            for j in 0..<columns { g[j] += a[i * columns + j] * r[i] }
        }
        return g
    }
}

/// A 200 × 500 Gaussian design, 10 non-zero true coefficients, noise of standard deviation 0.01.
private func sparseRegression(seed: UInt64) -> LeastSquares {
    var rng = SplitMix64(seed: seed)
    let (rows, columns) = (200, 500)
    let a = (0..<rows * columns).map { _ in rng.nextNormal() }
    var truth = [Double](repeating: 0, count: columns)
    var support = Set<Int>()
    while support.count < 10 { support.insert(Int.random(in: 0..<columns, using: &rng)) }
    for j in support { truth[j] = (Bool.random(using: &rng) ? 1 : -1) * Double.random(in: 1...3, using: &rng) }
    let clean = LeastSquares(rows: rows, columns: columns, a: a, b: [Double](repeating: 0, count: rows))
        .residual(truth)
    let b = clean.map { $0 + 0.01 * rng.nextNormal() }
    return LeastSquares(rows: rows, columns: columns, a: a, b: b)
}

@Suite struct ProximalGradientTests {
    @Test func istaAndFistaSolveSparseRegressionToTheOptimalityConditions() throws {
        let problem = sparseRegression(seed: 800)
        let lambda = 0.1 * problem.transposeTimes(problem.b).map { Swift.abs($0) }.max()!
        let start = [Double](repeating: 0, count: problem.columns)
        let tolerance = 1e-8
        var iterations: [String: Int] = [:]
        var objectives: [String: Double] = [:]
        let runs: [(String, ProximalGradient.Method, Bool)] = [
            ("ista", .ista, false), ("fista", .fista, true), ("fista without restart", .fista, false),
        ]
        for (method, kind, restart) in runs {
            let result = ProximalGradient.minimize(
                problem.value, gradient: problem.gradient, regularizer: L1Norm(weight: lambda),
                from: start, method: kind, options: .init(adaptiveRestart: restart))
            #expect(result.stop == .optimal, "\(method): \(result.stop) after \(result.iterations)")
            // The conditions checked directly, independently of the operator's residual.
            let g = problem.gradient(result.x)
            for i in result.x.indices {
                if result.x[i] != 0 {
                    #expect(Swift.abs(g[i] + lambda * (result.x[i] > 0 ? 1 : -1)) <= tolerance, "\(method) at \(i)")
                } else {
                    #expect(Swift.abs(g[i]) <= lambda + tolerance, "\(method) at \(i)")
                }
            }
            #expect(result.objectiveHistory.count == result.iterations + 1)
            iterations[method] = result.iterations
            objectives[method] = result.objectiveHistory[result.objectiveHistory.count - 1]
            if kind == .ista {
                // ISTA with backtracking never increases the objective (up to rounding).
                for (before, after) in zip(result.objectiveHistory, result.objectiveHistory.dropFirst()) {
                    #expect(after <= before + 1e-12 * Swift.abs(before))
                }
            }
        }
        let ista = try #require(iterations["ista"])
        let fista = try #require(iterations["fista"])
        #expect(fista < ista, "FISTA \(fista) iterations, ISTA \(ista)")
        for (method, objective) in objectives {
            let reference = try #require(objectives["ista"])
            #expect(Swift.abs(objective - reference) <= 1e-9 * Swift.abs(reference), "\(method)")
        }
    }

    @Test func boxConstrainedLeastSquaresStopsOnTheFaces() {
        let problem = sparseRegression(seed: 801)
        let result = ProximalGradient.minimize(
            problem.value, gradient: problem.gradient, regularizer: BoxConstraint(lower: -0.5, upper: 0.5),
            from: [Double](repeating: 0, count: problem.columns), method: .fista,
            options: .init(maxIterations: 20_000, tolerance: 1e-6))
        #expect(result.stop == .optimal)
        let g = problem.gradient(result.x)
        for i in result.x.indices {
            #expect(result.x[i] >= -0.5 && result.x[i] <= 0.5)
            if result.x[i] > -0.5 && result.x[i] < 0.5 { #expect(Swift.abs(g[i]) <= 1e-6) }
            if result.x[i] == -0.5 { #expect(g[i] >= -1e-6) }
            if result.x[i] == 0.5 { #expect(g[i] <= 1e-6) }
        }
    }

    @Test func reportsIterationLimit() {
        let problem = sparseRegression(seed: 802)
        let result = ProximalGradient.minimize(
            problem.value, gradient: problem.gradient, regularizer: L1Norm(weight: 1),
            from: [Double](repeating: 0, count: problem.columns), method: .ista,
            options: .init(maxIterations: 3))
        #expect(result.stop == .maxIterations && result.iterations == 3 && result.residual > 1e-8)
    }
}
