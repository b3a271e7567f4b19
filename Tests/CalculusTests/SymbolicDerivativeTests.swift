import Calculus
import PropertyBased
import Testing

/// Symbolic derivatives against central differences of the independent `Double` oracle.
@Suite struct SymbolicDerivativeTests {
    /// Evaluates `e` along the line through `point` in the direction of `variable`.
    private func along(_ oracle: @escaping @Sendable (Double, Double) -> Double, _ variable: String,
                       _ point: [String: Double]) -> (Double) -> Double {
        let x = point["x"] ?? 0, y = point["y"] ?? 0
        return variable == "x" ? { oracle($0, y) } : { oracle(x, $0) }
    }

    /// First derivatives of random depth-5..7 expressions over the whole function set.
    ///
    /// Step h = 1e-5·max(1, |t|): the rounding error of a central difference is about
    /// ε·|f|/h ≈ 1e-11·|f|, and after one Richardson step the truncation error is O(h⁴),
    /// negligible. Deep compositions lose a few more digits to the oracle's own rounding, so
    /// the bound 1e-7·(1 + |f| + |f′|) keeps three to four orders of magnitude of margin.
    @Test func firstDerivativesMatchCentralDifferences() async {
        await propertyCheck(count: 200, input: Gen.uint64()) { seed in
            var rng = SplitMix64(seed: seed)
            let random = SymbolicRandomExpression.make(depth: Int.random(in: 5...7, using: &rng), using: &rng)
            let point = symbolicRandomPoint(using: &rng)
            for variable in SymbolicRandomExpression.variables {
                let t = point[variable] ?? 0
                let numeric = symbolicCentralDifference(along(random.oracle, variable, point), at: t,
                                                        step: 1e-5 * Swift.max(1, abs(t)))
                let d = random.expression.derivative(wrt: variable)
                guard let symbolic = try? d.evaluate(point), let value = try? random.expression.evaluate(point) else {
                    Issue.record("evaluation failed inside the domain: \(random.expression)")
                    return
                }
                #expect(abs(symbolic - numeric) <= 1e-7 * (1 + abs(value) + abs(symbolic)),
                        "d/d\(variable) \(random.expression) = \(d) at \(point): \(symbolic) vs \(numeric)")
            }
        }
    }

    /// Second derivatives, pure and mixed (the mixed one as a difference of the symbolic first
    /// derivative).
    ///
    /// Step h = 1e-3·max(1, |t|): the second difference divides rounding error by h², about
    /// 4ε·|f|/h² ≈ 1e-9·|f|, and the Richardson step leaves O(h⁴) ≈ 1e-12 truncation; the bound
    /// 1e-5·(1 + |f| + |f″|) allows for compounding in deep compositions.
    @Test func secondDerivativesMatchDifferences() async {
        await propertyCheck(count: 100, input: Gen.uint64()) { seed in
            var rng = SplitMix64(seed: seed)
            let random = SymbolicRandomExpression.make(depth: Int.random(in: 5...6, using: &rng), using: &rng)
            let point = symbolicRandomPoint(using: &rng)
            let x = point["x"] ?? 0
            let h = 1e-3 * Swift.max(1, abs(x))
            let numeric = symbolicSecondDifference(along(random.oracle, "x", point), at: x, step: h)
            let second = random.expression.derivative(wrt: "x", order: 2)
            guard let symbolic = try? second.evaluate(point), let value = try? random.expression.evaluate(point) else {
                Issue.record("evaluation failed inside the domain: \(random.expression)")
                return
            }
            #expect(abs(symbolic - numeric) <= 1e-5 * (1 + abs(value) + abs(symbolic)),
                    "d²/dx² \(random.expression) at \(point): \(symbolic) vs \(numeric)")

            // ∂²/∂x∂y: the difference in y of the symbolic ∂/∂x.
            let dx = random.expression.derivative(wrt: "x")
            let mixed = random.expression.hessian(wrt: ["x", "y"])[0][1]
            let y = point["y"] ?? 0
            let mixedNumeric = symbolicCentralDifference({ (try? dx.evaluate(["x": x, "y": $0])) ?? .nan }, at: y,
                                                         step: 1e-5 * Swift.max(1, abs(y)))
            let mixedSymbolic = (try? mixed.evaluate(point)) ?? .nan
            #expect(abs(mixedSymbolic - mixedNumeric) <= 1e-7 * (1 + abs(mixedSymbolic) + abs(value)),
                    "∂²/∂x∂y \(random.expression) at \(point): \(mixedSymbolic) vs \(mixedNumeric)")
        }
    }

    /// Simplification preserves the value: the canonical expression built by the simplifying
    /// constructors agrees with the oracle that computes the unsimplified formula directly.
    @Test func simplificationPreservesValues() async {
        await propertyCheck(count: 300, input: Gen.uint64()) { seed in
            var rng = SplitMix64(seed: seed)
            let random = SymbolicRandomExpression.make(depth: Int.random(in: 1...8, using: &rng), using: &rng)
            for _ in 0..<3 {
                let point = symbolicRandomPoint(using: &rng)
                let direct = random.oracle(point["x"] ?? 0, point["y"] ?? 0)
                let simplified = (try? random.expression.evaluate(point)) ?? .nan
                // Reassociation and collection change rounding only: a few ulps per operation.
                #expect(abs(simplified - direct) <= 1e-12 * (1 + abs(direct)),
                        "\(random.expression) at \(point): \(simplified) vs \(direct)")
            }
        }
    }

    @Test func higherOrderDerivativesOfAPolynomialAreExact() {
        // d^k/dx^k x^n = n!/(n−k)! x^(n−k): built independently with the constructors.
        let x = Expression.variable("x")
        for (n, k) in [(20, 1), (7, 3), (5, 5), (4, 6)] {
            var coefficient = 1
            for i in 0..<min(k, n + 1) { coefficient *= n - i }
            let expected = k > n ? 0 : Expression(coefficient) * x.raised(to: Expression(n - k))
            #expect(x.raised(to: Expression(n)).derivative(wrt: "x", order: k) == expected)
        }
    }

    @Test func gradientAndHessianOfAQuadraticForm() throws {
        // f = a x² + b x y + c y²: ∇f = (2a x + b y, b x + 2c y), H = [[2a, b], [b, 2c]].
        var rng = SplitMix64(seed: 11)
        let (a, b, c) = (Int.random(in: 1...9, using: &rng), Int.random(in: 1...9, using: &rng), Int.random(in: 1...9, using: &rng))
        let f = try Expression(parsing: "\(a)*x^2 + \(b)*x*y + \(c)*y^2")
        let x = Expression.variable("x"), y = Expression.variable("y")
        #expect(f.gradient(wrt: ["x", "y"]) == [Expression(2 * a) * x + Expression(b) * y, Expression(b) * x + Expression(2 * c) * y])
        #expect(f.hessian(wrt: ["x", "y"]) == [[Expression(2 * a), Expression(b)], [Expression(b), Expression(2 * c)]])
    }

    /// A subtree shared k times is differentiated once: the derivative's DAG stays linear in
    /// the depth while its tree form doubles at every level.
    @Test func sharedSubexpressionsAreDifferentiatedOnce() {
        var e = Expression.variable("x")
        let depth = 30
        for _ in 0..<depth { e = .apply(.sin, e) * .apply(.cos, e) }
        let d = e.derivative(wrt: "x")
        // Each level adds sin, cos, the product and a constant number of derivative nodes.
        #expect(d.nodeCount < 20 * depth)
        #expect(d.treeSize > 1 << depth)
    }
}
