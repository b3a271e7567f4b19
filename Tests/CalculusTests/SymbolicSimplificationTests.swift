import Calculus
import Testing

@Suite struct SymbolicSimplificationTests {
    let x = Expression.variable("x"), y = Expression.variable("y")

    private func parse(_ text: String) throws -> Expression { try Expression(parsing: text) }

    @Test func identities() throws {
        #expect(x + 0 == x)
        #expect(x * 1 == x)
        #expect(x * 0 == 0)
        #expect(x.raised(to: 1) == x)
        #expect(x.raised(to: 0) == 1)
        #expect(-(-x) == x)
        #expect(Expression.apply(.exp, .apply(.log, x)) == x)
        #expect(Expression.apply(.log, .apply(.exp, x)) == x)
        #expect(x - x == 0)
        #expect(x / x == 1)
        #expect(2 * x + 3 * x == 5 * x)
        #expect(x * x.raised(to: 2) == x.raised(to: 3))
        #expect(x.raised(to: 2).raised(to: 3) == x.raised(to: 6))
        #expect((x * y).raised(to: 2) == x.raised(to: 2) * y.raised(to: 2))
        #expect(Expression.apply(.sin, -x) == -Expression.apply(.sin, x))
        #expect(Expression.apply(.cos, -x) == Expression.apply(.cos, x))
    }

    @Test func exactConstantFolding() throws {
        #expect(try parse("1/3 + 1/6 - 1/2") == 0)
        #expect(try parse("(2/3)^3") == Expression(Rational(8, 27)!))
        #expect(try parse("sqrt(9/4)") == Expression(Rational(3, 2)!))
        #expect(try parse("sin(0) + cos(0) + exp(0) + log(1)") == 2)
        // Exact arguments without an exact image stay symbolic.
        if case .unary(.sin, _) = try parse("sin(2)").kind {} else { Issue.record("sin(2) was folded") }
        // Overflowing exact arithmetic falls back to floating point instead of trapping.
        let big = Expression(Int.max) * Expression(Int.max)
        #expect(big.number == .real(Double(Int.max) * Double(Int.max)))
    }

    @Test func equalExpressionsAreTheSameNode() throws {
        // Any order of the same sum and product interns to one node.
        let a = try parse("y*sin(x) + x^2 + 3 + 2*x*y")
        let b = try parse("3 + x*y*2 + x*x + sin(x)*y")
        #expect(a == b)
        #expect(a.description == b.description)
    }

    @Test func sharedSubexpressionsCountOnce() throws {
        // s = sin(x) + 1 appears three times; the DAG stores it once.
        let s = Expression.apply(.sin, x) + 1
        let e = s * Expression.apply(.exp, s) + Expression.apply(.log, s)
        // Nodes: x, sin x, 1, s, exp s, s·exp s, log s, the sum.
        #expect(e.nodeCount == 8)
        // As a tree, s's four nodes are written out three times.
        #expect(e.treeSize == 1 + (1 + 4 + (1 + 4)) + (1 + 4))
    }

    // MARK: Derivative sizes

    /// d/dx x^20 is exactly 20·x^19.
    @Test func polynomialDerivativeIsExact() throws {
        let polynomial = try parse((0...20).map { "\($0 + 1)*x^\($0)" }.joined(separator: " + "))
        let expected = Expression.sum((1...20).map { Expression(($0 + 1) * $0) * x.raised(to: Expression($0 - 1)) })
        #expect(polynomial.derivative(wrt: "x") == expected)
        #expect(x.raised(to: 20).derivative(wrt: "x") == 20 * x.raised(to: 19))
    }

    /// (x+1)(x+2)…(x+10): the derivative is joined as a balanced tree, so its DAG holds each
    /// factor once, the O(n) partial products of the tree, and O(n) sums and products
    /// joining them: well under 10 nodes per factor. The fully expanded sum of products
    /// would have n² = 100 factor occurrences.
    @Test func productOfTenFactors() throws {
        let n = 10
        let product = Expression.product((1...n).map { x + Expression($0) })
        let d = product.derivative(wrt: "x")
        #expect(d.nodeCount < 10 * n)
        try expectMatchesDifference(product, d, at: ["x": 0.3])
    }

    /// sin(cos(tan(exp x))): the chain rule gives one factor per level and each level's
    /// argument is shared with the original, so the derivative adds O(1) nodes per level.
    @Test func nestedComposition() throws {
        let f = try parse("sin(cos(tan(exp(x))))")
        let d = f.derivative(wrt: "x")
        // f has 5 nodes; each of the 4 levels adds its derivative factor (≤ 4 nodes: cos or
        // −sin, tan²+1 …) and the product joining them.
        #expect(d.nodeCount <= f.nodeCount + 4 * 4 + 1)
        #expect(d == -Expression.apply(.cos, try parse("cos(tan(exp(x)))")) * .apply(.sin, try parse("tan(exp(x))"))
            * (Expression.apply(.tan, .apply(.exp, x)).raised(to: 2) + 1) * .apply(.exp, x))
        try expectMatchesDifference(f, d, at: ["x": 0.2])
    }

    /// Logistic loss: ∂/∂w_i log(1 + exp(−y·(w·x + b))) = −y·x_i·exp(−m)/(1 + exp(−m)); the
    /// margin m and exp(−m) are shared, so each partial is the loss's own nodes plus a handful.
    @Test func logisticLossGradient() throws {
        let loss = try parse("log(1 + exp(-y*(w1*x1 + w2*x2 + b)))")
        for (w, input) in [("w1", "x1"), ("w2", "x2")] {
            let d = loss.derivative(wrt: w)
            let expected = try parse("-\(input)*y*exp(-y*(w1*x1 + w2*x2 + b))/(1 + exp(-y*(w1*x1 + w2*x2 + b)))")
            #expect(d == expected)
            #expect(d.nodeCount <= loss.nodeCount + 4)
        }
    }

    private func expectMatchesDifference(_ f: Expression, _ d: Expression, at point: [String: Double]) throws {
        let t = point["x"] ?? 0
        let numeric = symbolicCentralDifference({ (try? f.evaluate(["x": $0])) ?? .nan }, at: t, step: 1e-5)
        let symbolic = try d.evaluate(point)
        #expect(abs(symbolic - numeric) <= 1e-7 * (1 + abs(symbolic)))
    }
}
