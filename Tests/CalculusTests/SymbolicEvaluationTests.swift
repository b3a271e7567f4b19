import Calculus
import PropertyBased
import Testing

@Suite struct SymbolicEvaluationTests {
    @Test(arguments: [
        ("log(x)", -1.0, "log is undefined at -1.0"),
        ("sqrt(x)", -4.0, "sqrt is undefined at -4.0"),
        ("asin(x)", 2.0, "asin is undefined at 2.0"),
        ("acos(x + 1)", 1.5, "acos is undefined at 2.5"),
        ("1/x", 0.0, "division by zero"),
        ("x^(-1/2)", 0.0, "division by zero"),
        ("x^1.5", -2.0, "negative base -2.0"),
    ])
    func domainErrorsAreThrown(text: String, value: Double, message: String) throws {
        let e = try Expression(parsing: text)
        #expect {
            try e.evaluate(["x": value])
        } throws: { error in
            (error as? ExpressionEvaluationError)?.description.contains(message) ?? false
        }
    }

    @Test func missingVariablesAreNamed() throws {
        let e = try Expression(parsing: "x + velocity")
        #expect(throws: ExpressionEvaluationError.unboundVariable("velocity")) { try e.evaluate(["x": 1]) }
    }

    @Test func integerPowersOfNegativeBasesAreDefined() throws {
        let e = try Expression(parsing: "x^3 + x^-2")
        #expect(try e.evaluate(["x": -2]) == -8 + 0.25)
    }

    /// Generic evaluation in `Float` agrees with `Double` to single precision.
    @Test func genericEvaluationAgreesAcrossTypes() async {
        await propertyCheck(count: 100, input: Gen.uint64()) { seed in
            var rng = SplitMix64(seed: seed)
            let e = SymbolicRandomExpression.make(depth: 5, using: &rng).expression
            let point = symbolicRandomPoint(using: &rng)
            let single = point.mapValues { Float($0) }
            guard let d = try? e.evaluate(point), let f = try? e.evaluate(single) else {
                Issue.record("evaluation failed inside the domain: \(e)")
                return
            }
            // Float keeps ~7 digits; a depth-5 composition may lose one or two.
            #expect(abs(Double(f) - d) <= 1e-4 * (1 + abs(d)), "\(e) at \(point)")
        }
    }

    /// The compiled program of a gradient gives the same values as evaluating each component.
    @Test func compiledGradientMatchesEvaluation() async {
        await propertyCheck(count: 100, input: Gen.uint64()) { seed in
            var rng = SplitMix64(seed: seed)
            let e = SymbolicRandomExpression.make(depth: Int.random(in: 3...7, using: &rng), using: &rng).expression
            let variables = SymbolicRandomExpression.variables
            let outputs = [e] + e.gradient(wrt: variables)
            guard let compiled = try? CompiledExpression(outputs, variables: variables) else {
                Issue.record("compilation failed: \(e)")
                return
            }
            for _ in 0..<3 {
                let point = symbolicRandomPoint(using: &rng)
                let values = compiled(variables.map { point[$0] ?? 0 })
                for (output, value) in zip(outputs, values) {
                    let expected = (try? output.evaluate(point)) ?? .nan
                    // Same operations, possibly fused or reordered: a few ulps.
                    #expect(abs(value - expected) <= 1e-12 * (1 + abs(expected)), "\(output) at \(point)")
                }
            }
        }
    }

    @Test func compiledProgramComputesSharedNodesOnce() throws {
        // exp(sin x) appears in every output; one unary instruction per distinct node.
        let e = try Expression(parsing: "exp(sin(x))")
        let outputs = [e, e * 2 + 1, e.derivative(wrt: "x")]
        let compiled = try CompiledExpression(outputs, variables: ["x"])
        let values = compiled([0.7])
        #expect(values[1] == 2 * values[0] + 1)
        #expect(throws: ExpressionEvaluationError.unboundVariable("x")) { try CompiledExpression(e, variables: ["y"]) }
    }
}
