import Calculus
import GraphGrad
import PropertyBased
import Testing
import _TestSupport

/// Symbolic differentiation, dual numbers and the tensor tape evaluate the same rule table along
/// different routes; on random expressions they must agree to rounding, for first and second
/// order.
@Suite("Symbolic, forward and reverse modes agree on random expressions")
struct ModesAgreementTests {
    /// |a − b| ≤ 1e-10 · (1 + max(|a|, |b|)): each route rounds differently, but none loses more
    /// than a few ulps per node of depth-7 expressions at moderate values.
    func agree(_ a: Double, _ b: Double) -> Bool {
        Swift.abs(a - b) <= 1e-10 * (1 + Swift.max(Swift.abs(a), Swift.abs(b)))
    }

    /// Reverse mode: the expression evaluated on 0-d tensors on the tape.
    func tapeDerivatives(_ e: Expression, at point: [String: Double], wrt variable: String) throws -> (Double, Double) {
        let leaves = point.mapValues { Tensor<Double>($0).requiringGradient() }
        let y = try e.evaluate(leaves, constant: { Tensor($0) }, scalarValue: { $0.scalar })
        let x = leaves[variable]!
        let first = y.gradients(wrt: [x], createGraph: true)[0]
        let second = first.requiresGradient ? first.gradients(wrt: [x])[0].scalar : 0
        return (first.scalar, second)
    }

    @Test func firstAndSecondOrder() async {
        await propertyCheck(count: 100, input: Gen.uint64()) { seed in
            var rng = SplitMix64(seed: seed)
            let random = SymbolicRandomExpression.make(depth: Int.random(in: 5...7, using: &rng), using: &rng)
            let point = symbolicRandomPoint(using: &rng)
            for variable in SymbolicRandomExpression.variables {
                do {
                    let symbolic1 = try random.expression.derivative(wrt: variable).evaluate(point)
                    let symbolic2 = try random.expression.derivative(wrt: variable, order: 2).evaluate(point)
                    let forward = try random.expression.evaluate(point.mapValues { value in
                        Dual(Dual(value, derivative: 0), derivative: 0)
                    }.merging([variable: Dual(Dual(point[variable]!, derivative: 1), derivative: Dual(1, derivative: 0))]) { $1 })
                    let (reverse1, reverse2) = try tapeDerivatives(random.expression, at: point, wrt: variable)
                    #expect(agree(symbolic1, forward.value.derivative) && agree(symbolic1, reverse1),
                            "d/d\(variable) \(random.expression) at \(point): \(symbolic1) \(forward.value.derivative) \(reverse1)")
                    #expect(agree(symbolic2, forward.derivative.derivative) && agree(symbolic2, reverse2),
                            "d²/d\(variable)² \(random.expression) at \(point): \(symbolic2) \(forward.derivative.derivative) \(reverse2)")
                } catch {
                    Issue.record("evaluation failed inside the domain: \(random.expression): \(error)")
                }
            }
        }
    }
}
