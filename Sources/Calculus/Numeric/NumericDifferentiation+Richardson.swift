extension NumericDifferentiation {
    /// f′(x) by Richardson extrapolation of central differences (Ridders' method).
    ///
    /// Central differences with steps h₀, h₀/c, h₀/c², … fill a Neville table whose column j
    /// cancels the error terms h², …, h²ʲ. The entry whose distance to its two neighbours of the
    /// previous order is smallest is returned; that distance is its error estimate. The whole
    /// table is always filled: stopping at the column0 drift of the diagonal (as `dfridr` in
    /// Numerical Recipes does) returns poor entries when the column0, large steps are still far
    /// from the asymptotic regime, while the smallest-distance entry is reliable either way.
    ///
    /// - Parameter initialStep: h₀; by default 0.1·max(|x|, 1). Extrapolation needs a step well
    ///   above the one-shot optimum, but f must be defined on [x − h₀, x + h₀] for the column0
    ///   entries to count (entries that come out NaN are skipped).
    public static func richardson(
        of f: (Double) -> Double, at x: Double, initialStep: Double? = nil
    ) -> NumericDerivative {
        // Shrink factor of Numerical Recipes' `dfridr`; 14 levels take h₀ down by 1.4¹³ ≈ 80.
        let shrink = 1.4
        let shrinkSquared = shrink * shrink
        let levels = 14

        var h = DifferenceScheme.representableStep(
            initialStep ?? 0.1 * Swift.max(Swift.abs(x), 1), at: x)
        precondition(h > 0, "initial step \(String(describing: initialStep)) vanishes at x = \(x)")
        func central(_ h: Double) -> (value: Double, magnitude: Double) {
            let (left, right) = (f(x - h), f(x + h))
            return ((right - left) / (2 * h), Swift.max(Swift.abs(left), Swift.abs(right)))
        }
        var column0 = central(h)
        var previousRow = [column0.value]
        var best = NumericDerivative(value: column0.value, errorEstimate: .infinity, step: h)
        var bestMagnitude = column0.magnitude
        for level in 1..<levels {
            h = DifferenceScheme.representableStep(h / shrink, at: x)
            column0 = central(h)
            var row = [column0.value]
            row.reserveCapacity(level + 1)
            var factor = shrinkSquared
            for j in 1...level {
                let extrapolated = (row[j - 1] * factor - previousRow[j - 1]) / (factor - 1)
                row.append(extrapolated)
                factor *= shrinkSquared
                let error = Swift.max(
                    Swift.abs(extrapolated - row[j - 1]), Swift.abs(extrapolated - previousRow[j - 1]))
                if error <= best.errorEstimate {
                    best = NumericDerivative(value: extrapolated, errorEstimate: error, step: h)
                    bestMagnitude = column0.magnitude
                }
            }
            previousRow = row
        }
        // The table differences already contain the noise of the entries they compare; the
        // rounding term (the backward-stable model of ``DifferenceScheme``) bounds what the best
        // entry's own noise adds.
        best.errorEstimate += Double.ulpOfOne * (bestMagnitude + Swift.abs(x * best.value)) / best.step
        return best
    }
}
