import RealModule
import ComplexModule

extension NumericDifferentiation {
    /// f′(x) of a real-analytic f as Im f(x + ih) / h.
    ///
    /// No difference of nearby values is formed, so there is no cancellation: h can be tiny and
    /// the result is accurate to the rounding of f itself. f must be analytic near x and
    /// written with holomorphic operations only (no `abs`, `conj`, or branches on the real part),
    /// and its complex implementation must keep a tiny imaginary part: `Complex.atan` of
    /// swift-numerics 1.1.1 rounds Im atan(x + ih) to 0 for such h, so write atan via `log` there.
    ///
    /// - Parameter step: h; by default 10⁻²⁰·max(|x|, 1), which makes the truncation error
    ///   h²|f‴|/6 negligible against rounding for any f‴ of ordinary size.
    /// - Returns: the derivative; its error estimate is the rounding ε·|f′| of the imaginary part.
    public static func complexStepDerivative(
        _ f: (Complex<Double>) -> Complex<Double>, at x: Double, step: Double? = nil
    ) -> NumericDerivative {
        let h = step ?? 1e-20 * Swift.max(Swift.abs(x), 1)
        precondition(h > 0, "complex step \(h) must be positive")
        let value = f(Complex(x, h)).imaginary / h
        return NumericDerivative(value: value, errorEstimate: Double.ulpOfOne * Swift.abs(value), step: h)
    }
}
