/// A derivative computed from function values, with an estimate of how far it may be off.
public struct NumericDerivative: Sendable, Equatable, CustomStringConvertible {
    /// The approximate derivative.
    public var value: Double
    /// An estimate of |value − exact derivative|: truncation plus rounding error.
    public var errorEstimate: Double
    /// The step h the value was computed with (for Richardson extrapolation, the smallest step
    /// that contributed to the returned entry of the table).
    public var step: Double

    /// Creates a derivative with its error estimate and step.
    public init(value: Double, errorEstimate: Double, step: Double) {
        self.value = value
        self.errorEstimate = errorEstimate
        self.step = step
    }

    /// `value ± errorEstimate (h = step)`.
    public var description: String { "\(value) ± \(errorEstimate) (h = \(step))" }
}
