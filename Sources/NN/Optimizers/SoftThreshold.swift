import Calculus
import Tensors

/// The proximal operator of t·‖w‖₁ applied to a parameter in place:
/// w ← sign(w)·max(|w| − t, 0), with the Calculus module's `softThreshold`.
///
/// After a gradient step of size η on the smooth loss, soft-thresholding by η·λ is one
/// step of proximal gradient descent on loss + λ‖w‖₁ (ISTA), which sets small weights
/// exactly to zero where a subgradient step would leave them oscillating around it.
public func softThreshold<Scalar>(_ parameter: Parameter<Scalar>, by threshold: Double) {
    require(threshold >= 0, "soft threshold \(threshold) is negative")
    parameter.update { w in
        guard let base = w.baseAddress else { return }
        // Called on the concrete type so that the inlinable loop is specialized.
        if ConcreteScalar.isFloat(Scalar.self) {
            softThreshold(UnsafeMutableBufferPointer(start: ConcreteScalar.cast(base, to: Float.self), count: w.count), threshold: Float(threshold))
        } else {
            softThreshold(UnsafeMutableBufferPointer(start: ConcreteScalar.cast(base, to: Double.self), count: w.count), threshold: threshold)
        }
    }
}
