import Calculus
import PropertyBased
import Testing

/// A number that speaks the rule table but is not `Real` (it cannot be compared), standing in
/// for tensors: evaluation must reach its domain checks through the `scalarValue` reader.
private struct Opaque: DerivativeAlgebra {
    let value: Double
    static func + (lhs: Opaque, rhs: Opaque) -> Opaque { Opaque(value: lhs.value + rhs.value) }
    static func - (lhs: Opaque, rhs: Opaque) -> Opaque { Opaque(value: lhs.value - rhs.value) }
    static func * (lhs: Opaque, rhs: Opaque) -> Opaque { Opaque(value: lhs.value * rhs.value) }
    static func / (lhs: Opaque, rhs: Opaque) -> Opaque { Opaque(value: lhs.value / rhs.value) }
    static prefix func - (operand: Opaque) -> Opaque { Opaque(value: -operand.value) }
    static func constant(_ value: Double, like: Opaque) -> Opaque { Opaque(value: value) }
    static func apply(_ primitive: UnaryPrimitive, _ x: Opaque) -> Opaque { Opaque(value: primitive(x.value)) }
    static func apply(_ primitive: BinaryPrimitive, _ x: Opaque, _ y: Opaque) -> Opaque {
        Opaque(value: primitive(x.value, y.value))
    }
}

private func evaluateOpaque(_ e: Expression, _ point: [String: Double]) throws(ExpressionEvaluationError) -> Double {
    try e.evaluate(point.mapValues(Opaque.init), constant: Opaque.init, scalarValue: \.value).value
}

@Suite struct SymbolicAlgebraEvaluationTests {
    /// The same arithmetic in the same order as `Double` evaluation: identical values.
    @Test func evaluationOnAnyAlgebraMatchesDoubleEvaluation() async {
        await propertyCheck(count: 100, input: Gen.uint64()) { seed in
            var rng = SymbolicTestRNG(seed: seed)
            let e = SymbolicRandomExpression.make(depth: 5, using: &rng).expression
            let point = symbolicRandomPoint(using: &rng)
            let expected = try? e.evaluate(point)
            let opaque = try? evaluateOpaque(e, point)
            #expect(expected != nil && opaque == expected, "\(e) at \(point)")
        }
    }

    @Test(arguments: [
        ("log(x)", -2.0), ("log(x)", 0.0), ("sqrt(x)", -2.0), ("1/x", 0.0), ("x^1.5", -2.0),
        ("acos(x - 2)", 0.0), ("x + y", 1.0),
    ])
    func domainErrorsMatchDoubleEvaluation(text: String, x: Double) throws {
        let e = try Expression(parsing: text)
        let expected = Result { () throws(ExpressionEvaluationError) in try e.evaluate(["x": x]) }
        let opaque = Result { () throws(ExpressionEvaluationError) in try evaluateOpaque(e, ["x": x]) }
        switch (expected, opaque) {
        case (.failure(let a), .failure(let b)): #expect(a == b, "\(text) at \(x)")
        default: Issue.record("\(text) at \(x): Double \(expected), opaque \(opaque); both must fail")
        }
    }
}
