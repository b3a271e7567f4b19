import Calculus

/// The outcome of comparing a tensor function's analytic gradient with central differences
/// (named apart from Calculus's scalar `GradientCheckReport`, so that both can be used through
/// the `GraphGrad` umbrella).
public struct TensorGradientCheckReport: CustomStringConvertible, Sendable {
    /// Whether every element satisfied |analytic − numeric| ≤ atol + rtol·|numeric|.
    public let passed: Bool
    /// The input holding the worst disagreement.
    public let worstInput: Int
    /// The flat element index of the worst disagreement within that input.
    public let worstIndex: Int
    /// The same element's index along each axis of that input (row-major), `[]` for a scalar
    /// or when no element was compared.
    public let worstPosition: [Int]
    /// The analytic derivative there.
    public let analytic: Double
    /// The central-difference derivative there.
    public let numeric: Double
    /// The largest |analytic − numeric| − rtol·|numeric| found (≤ atol when passed).
    public let worstExcess: Double

    /// A one-line summary naming the worst element.
    public var description: String {
        "\(passed ? "passed" : "FAILED"): worst at input \(worstInput) element \(worstIndex) \(worstPosition): analytic \(analytic), numeric \(numeric)"
    }
}

/// The row-major multi-index of flat element `index` in `shape`.
func position(of index: Int, in shape: [Int]) -> [Int] {
    var (rest, result) = (index, [Int](repeating: 0, count: shape.count))
    for axis in shape.indices.reversed() where shape[axis] > 0 {
        (rest, result[axis]) = rest.quotientAndRemainder(dividingBy: shape[axis])
    }
    return result
}

/// Checks the reverse-mode gradient of `f` against central differences, in Float64.
///
/// A non-scalar output is reduced to ⟨w, f(x)⟩ with a fixed random `w`, which checks the
/// vector-Jacobian product along w. Defaults follow PyTorch's `gradcheck`.
///
/// - Parameters:
///   - eps: the finite-difference step.
///   - atol, rtol: the tolerance |analytic − numeric| ≤ atol + rtol·|numeric|.
public func checkGradients(
    at inputs: [Tensor<Double>], eps: Double = 1e-6, atol: Double = 1e-5, rtol: Double = 1e-3,
    seed: UInt64 = 0, of f: @escaping ([Tensor<Double>]) -> Tensor<Double>
) -> TensorGradientCheckReport {
    let probe = withoutGradients { f(inputs) }
    var generator = SplitMix64(seed: seed)
    let weights = probe.count == 1 ? Tensor.ones(probe.shape) : Tensor<Double>.normal(probe.shape, using: &generator)
    let scalarF: ([Tensor<Double>]) -> Tensor<Double> = { (f($0) * weights).sum() }
    let analytic = gradient(at: inputs, of: scalarF)
    var worst = (input: -1, index: -1, analytic: 0.0, numeric: 0.0, excess: -Double.infinity)
    for (i, input) in inputs.enumerated() {
        let analyticScalars = analytic[i].scalars
        for j in 0..<input.count {
            func evaluate(_ delta: Double) -> Double {
                var shifted = inputs
                shifted[i].withUnsafeMutableScalars { $0[j] += delta }
                return withoutGradients { scalarF(shifted).scalar }
            }
            let numeric = (evaluate(eps) - evaluate(-eps)) / (2 * eps)
            let a = analyticScalars[j]
            let difference = Swift.abs(a - numeric) - rtol * Swift.abs(numeric)
            let excess = difference.isNaN ? Double.infinity : difference
            if excess > worst.excess { worst = (i, j, a, numeric, excess) }
        }
    }
    return TensorGradientCheckReport(
        passed: worst.excess <= atol, worstInput: worst.input, worstIndex: worst.index,
        worstPosition: worst.input >= 0 ? position(of: worst.index, in: inputs[worst.input].shape) : [],
        analytic: worst.analytic, numeric: worst.numeric, worstExcess: worst.excess)
}

/// Checks second derivatives: the gradient of ⟨∇f(x), v⟩ (the tape differentiating its own
/// backward pass) against central differences, for a fixed random direction v.
public func checkSecondOrderGradients(
    at inputs: [Tensor<Double>], eps: Double = 1e-6, atol: Double = 1e-5, rtol: Double = 1e-3,
    seed: UInt64 = 1, of f: @escaping ([Tensor<Double>]) -> Tensor<Double>
) -> TensorGradientCheckReport {
    var generator = SplitMix64(seed: seed)
    let directions = inputs.map { Tensor<Double>.normal($0.shape, using: &generator) }
    let probe = withoutGradients { f(inputs) }
    let weights = probe.count == 1 ? Tensor.ones(probe.shape) : Tensor<Double>.normal(probe.shape, using: &generator)
    return checkGradients(at: inputs, eps: eps, atol: atol, rtol: rtol, seed: seed) { xs in
        // The inner gradient needs the tape even while the checker evaluates without it.
        GradientMode.with(enabled: true) {
            let leaves = xs.map { $0.requiresGradient ? $0 : $0.requiringGradient() }
            let grads = (f(leaves) * weights).sum().gradients(wrt: leaves, createGraph: true)
            return zip(grads, directions).map { ($0 * $1).sum() }.reduce(Tensor(0), +)
        }
    }
}
