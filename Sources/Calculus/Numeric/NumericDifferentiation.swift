/// Derivatives computed from function values alone: finite differences, Richardson
/// extrapolation and the complex step. These are the oracles the exact modes are tested against.
public enum NumericDifferentiation {
    /// f′(x) by a finite-difference formula.
    ///
    /// - Parameters:
    ///   - scheme: the difference formula; central unless said otherwise.
    ///   - step: the step h; by default ``DifferenceScheme/defaultStep(at:)``. It is always
    ///     replaced by the representable `(x + h) − x`.
    public static func derivative(
        of f: (Double) -> Double, at x: Double, scheme: DifferenceScheme = .central,
        step: Double? = nil
    ) -> NumericDerivative {
        scheme.differentiate({ [f($0)] }, at: x, step: step)[0]
    }
}
