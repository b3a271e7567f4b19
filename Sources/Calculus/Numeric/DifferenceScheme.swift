import RealModule

/// A finite-difference formula for the first derivative.
public enum DifferenceScheme: String, CaseIterable, Sendable {
    /// (f(x + h) − f(x)) / h, truncation error O(h).
    case forward
    /// (f(x) − f(x − h)) / h, truncation error O(h).
    case backward
    /// (f(x + h) − f(x − h)) / 2h, truncation error O(h²).
    case central

    /// The power p in the truncation error O(hᵖ).
    public var order: Int { self == .central ? 2 : 1 }

    /// The step that balances truncation against rounding at `x`, made exactly representable.
    ///
    /// Rounding contributes ≈ ε|f|/h and truncation ≈ hᵖ|f⁽ᵖ⁺¹⁾|, so the total is smallest near
    /// h ≈ ε^(1/(p+1)) on the scale of x: √ε·max(|x|, 1) one-sided, ∛ε·max(|x|, 1) central.
    /// Taking max(|x|, 1) keeps the step from vanishing near 0.
    public func defaultStep(at x: Double) -> Double {
        let scale = Swift.max(Swift.abs(x), 1)
        let h = order == 1 ? Double.ulpOfOne.squareRoot() * scale : Double.root(.ulpOfOne, 3) * scale
        return Self.representableStep(h, at: x)
    }

    /// `(x + h) − x`: the step the machine actually takes, so the quotient divides by the true
    /// distance between the two abscissae instead of by a step that was rounded away.
    public static func representableStep(_ h: Double, at x: Double) -> Double {
        (x + h) - x
    }

    /// The difference quotient of every component of a curve `f` with step `h`.
    ///
    /// - Parameter fx: f(x), needed by the one-sided schemes and passed in so that callers
    ///   evaluating several steps compute it once.
    /// - Returns: the quotients and, per component, the largest |f| seen (for the rounding term).
    func quotients(
        of f: (Double) -> [Double], at x: Double, step h: Double, fx: [Double]
    ) -> (values: [Double], magnitudes: [Double]) {
        let (left, right, width): ([Double], [Double], Double)
        switch self {
        case .forward: (left, right, width) = (fx, f(x + h), h)
        case .backward: (left, right, width) = (f(x - h), fx, h)
        case .central: (left, right, width) = (f(x - h), f(x + h), 2 * h)
        }
        precondition(
            left.count == right.count,
            "function returned \(left.count) and \(right.count) components at different points")
        var values = [Double](repeating: 0, count: left.count)
        var magnitudes = values
        for i in left.indices {
            values[i] = (right[i] - left[i]) / width
            magnitudes[i] = Swift.max(Swift.abs(left[i]), Swift.abs(right[i]))
        }
        return (values, magnitudes)
    }

    /// Differentiates every component of a curve, estimating each error from the steps h and h/2.
    ///
    /// With D(h) = f′ + c·hᵖ, D(h) − D(h/2) = c·hᵖ(1 − 2⁻ᵖ), so the truncation error of D(h) is
    /// |D(h) − D(h/2)| / (1 − 2⁻ᵖ). For rounding, f is taken to be evaluated backward-stably:
    /// the computed f(x) is f(x(1 + δ))(1 + δ′) with |δ|, |δ′| ≤ ε, so each value is off by up to
    /// δf = ε(|f| + |x·f′|). The second term matters where f is small but made of large terms
    /// (a polynomial near a root). The quotient is then off by δf/h centrally (two values, 2h)
    /// and by 2δf/h one-sided.
    func differentiate(
        _ f: (Double) -> [Double], at x: Double, step: Double?
    ) -> [NumericDerivative] {
        let h = step.map { Self.representableStep($0, at: x) } ?? defaultStep(at: x)
        precondition(h > 0, "step \(String(describing: step)) vanishes at x = \(x)")
        let halfStep = Self.representableStep(h / 2, at: x)
        let fx = self == .central ? [] : f(x)
        let coarse = quotients(of: f, at: x, step: h, fx: fx)
        let fine = quotients(of: f, at: x, step: halfStep, fx: fx)
        let truncationFactor = 1 / (1 - Double.pow(2, -order))
        let roundingFactor = (self == .central ? 1 : 2) * Double.ulpOfOne / h
        return coarse.values.indices.map { i in
            let truncation = truncationFactor * Swift.abs(coarse.values[i] - fine.values[i])
            let valueError = coarse.magnitudes[i] + Swift.abs(x * coarse.values[i])
            let rounding = roundingFactor * valueError
            return NumericDerivative(
                value: coarse.values[i], errorEstimate: truncation + rounding, step: h)
        }
    }
}
