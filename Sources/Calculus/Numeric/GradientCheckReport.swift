/// The outcome of comparing an analytic gradient with central differences.
///
/// An entry passes when |analytic − numeric| ≤ atol + rtol·|numeric| (the criterion of
/// PyTorch's `gradcheck`); the report describes the entry that violates it most.
public struct GradientCheckReport: Sendable, Equatable, CustomStringConvertible {
    /// Whether every entry satisfied the tolerance.
    public var passed: Bool
    /// The coordinate with the largest ratio |analytic − numeric| / (atol + rtol·|numeric|).
    public var worstIndex: Int
    /// The analytic gradient at `worstIndex`.
    public var analytic: Double
    /// The central-difference gradient at `worstIndex`.
    public var numeric: Double
    /// |analytic − numeric| at `worstIndex`.
    public var absoluteError: Double
    /// |analytic − numeric| / |numeric| at `worstIndex` (infinite when numeric is 0 and they differ).
    public var relativeError: Double
    /// The finite-difference step used.
    public var eps: Double
    /// The absolute tolerance.
    public var atol: Double
    /// The relative tolerance.
    public var rtol: Double

    /// A one-line summary naming the worst entry.
    public var description: String {
        "gradient check \(passed ? "passed" : "FAILED"): worst index \(worstIndex), analytic \(analytic), "
            + "numeric \(numeric), abs error \(absoluteError), rel error \(relativeError) "
            + "(eps \(eps), atol \(atol), rtol \(rtol))"
    }
}

extension NumericDifferentiation {
    /// Compares `gradient(x)` with central differences of `f` with step `eps` in every coordinate.
    public static func checkGradient(
        of f: ([Double]) -> Double, gradient: ([Double]) -> [Double], at x: [Double],
        eps: Double = 1e-6, atol: Double = 1e-5, rtol: Double = 1e-3
    ) -> GradientCheckReport {
        let analytic = gradient(x)
        precondition(
            analytic.count == x.count,
            "analytic gradient has \(analytic.count) entries for \(x.count) inputs")
        precondition(!x.isEmpty, "gradient check needs at least one input")
        let numeric = self.gradient(of: f, at: x, scheme: .central, step: eps)
        var worst = 0
        var worstRatio = -Double.infinity
        for j in x.indices {
            let ratio = Swift.abs(analytic[j] - numeric[j].value) / (atol + rtol * Swift.abs(numeric[j].value))
            // NaN entries count as the worst possible.
            if ratio.isNaN || ratio > worstRatio {
                worst = j
                worstRatio = ratio.isNaN ? .infinity : ratio
            }
        }
        let difference = Swift.abs(analytic[worst] - numeric[worst].value)
        let relative = difference == 0 ? 0 : difference / Swift.abs(numeric[worst].value)
        return GradientCheckReport(
            passed: worstRatio <= 1, worstIndex: worst, analytic: analytic[worst],
            numeric: numeric[worst].value, absoluteError: difference, relativeError: relative,
            eps: eps, atol: atol, rtol: rtol)
    }
}
