import GraphGrad
import Testing

/// Random Float64 tensor whose elements lie in `range` (seeded).
public func randomTensor(_ shape: [Int], in range: ClosedRange<Double> = -1...1, seed: UInt64) -> Tensor<Double> {
    var generator = SplitMix64(seed: seed)
    return Tensor<Double>.uniform(shape, low: range.lowerBound, high: range.upperBound, using: &generator)
}

/// Asserts that the tape's gradient of `f` matches central differences (first order, and
/// second order unless `secondOrder` is false), and that forward mode agrees with reverse
/// mode: ⟨jvp(v), w⟩ = ⟨v, vjp(w)⟩ for random v and w.
public func expectDifferentiable(
    at inputs: [Tensor<Double>], secondOrder: Bool = true, forwardMode: Bool = true,
    sourceLocation: SourceLocation = #_sourceLocation,
    _ f: @escaping ([Tensor<Double>]) -> Tensor<Double>
) {
    let first = checkGradients(at: inputs, of: f)
    #expect(first.passed, "first order: \(first)", sourceLocation: sourceLocation)
    if secondOrder {
        let second = checkSecondOrderGradients(at: inputs, of: f)
        #expect(second.passed, "second order: \(second)", sourceLocation: sourceLocation)
    }
    if forwardMode {
        let v = inputs.enumerated().map { randomTensor($0.element.shape, seed: 100 + UInt64($0.offset)) }
        let (y, jv) = jvp(at: inputs, along: v, of: f)
        let w = randomTensor(y.shape, seed: 99)
        let leaves = inputs.map { $0.requiringGradient() }
        let vjps = f(leaves).gradients(wrt: leaves, seed: w)
        let lhs = (jv * w).sum().scalar
        let rhs = zip(v, vjps).reduce(0.0) { $0 + ($1.0 * $1.1).sum().scalar }
        #expect(
            Swift.abs(lhs - rhs) <= 1e-9 * Swift.max(1, Swift.abs(lhs)),
            "⟨jvp(v), w⟩ = \(lhs) but ⟨v, vjp(w)⟩ = \(rhs)", sourceLocation: sourceLocation)
    }
}
