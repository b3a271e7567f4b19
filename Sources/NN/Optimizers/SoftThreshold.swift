import Tensors

/// The proximal operator of t·‖w‖₁, applied in place: w ← sign(w)·max(|w| − t, 0).
///
/// After a gradient step of size η on the smooth loss, soft-thresholding by η·λ is one
/// step of proximal gradient descent on loss + λ‖w‖₁ (ISTA), which sets small weights
/// exactly to zero where a subgradient step would leave them oscillating around it.
public func softThreshold<Scalar>(_ parameter: Parameter<Scalar>, by threshold: Double) {
    precondition(threshold >= 0, "soft threshold \(threshold) is negative")
    parameter.update { w in
        guard let base = w.baseAddress else { return }
        if ConcreteScalar.isFloat(Scalar.self) {
            softThreshold(ConcreteScalar.cast(base, to: Float.self), count: w.count, Float(threshold))
        } else {
            softThreshold(ConcreteScalar.cast(base, to: Double.self), count: w.count, threshold)
        }
    }
}

private func softThreshold<T: BinaryFloatingPoint>(_ w: UnsafeMutablePointer<T>, count: Int, _ t: T) {
    for i in 0..<count {
        let shrunk = Swift.max(Swift.abs(w[i]) - t, 0)
        w[i] = w[i] < 0 ? -shrunk : shrunk
    }
}
