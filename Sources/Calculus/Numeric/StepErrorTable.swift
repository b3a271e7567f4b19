import RealModule

/// The error of a finite-difference derivative as a function of its step.
///
/// Large steps are dominated by truncation (error ∝ hᵖ), small ones by rounding (error ∝ ε/h);
/// the table shows both branches and where the default step sits between them.
public struct StepErrorTable: Sendable {
    /// One step and the error of the derivative computed with it.
    public struct Row: Sendable, Equatable {
        /// The representable step h.
        public var step: Double
        /// |D(h) − reference|.
        public var error: Double
    }

    /// Rows in order of decreasing step.
    public var rows: [Row]
    /// The step ``DifferenceScheme/defaultStep(at:)`` picks at this point.
    public var chosenStep: Double
    /// The derivative the errors are measured against.
    public var reference: Double
    /// The difference formula tabulated.
    public var scheme: DifferenceScheme

    /// The row with the smallest error.
    public var bestRow: Row? { rows.min { $0.error < $1.error } }
}

extension NumericDifferentiation {
    /// Tabulates |D(h) − f′(x)| over log-spaced steps h.
    ///
    /// - Parameters:
    ///   - reference: the exact f′(x) if known; otherwise Richardson extrapolation supplies it.
    ///   - stepExponents: the steps are 10^e·max(|x|, 1) for `count` values of e evenly spaced
    ///     over this range, largest first.
    public static func stepErrorTable(
        of f: (Double) -> Double, at x: Double, scheme: DifferenceScheme = .central,
        reference: Double? = nil, stepExponents: ClosedRange<Double> = -15 ... -1, count: Int = 57
    ) -> StepErrorTable {
        precondition(count >= 2, "a step table needs at least 2 rows, got \(count)")
        let exact = reference ?? richardson(of: f, at: x).value
        let scale = Swift.max(Swift.abs(x), 1)
        let spacing = (stepExponents.upperBound - stepExponents.lowerBound) / Double(count - 1)
        let rows = (0..<count).map { k in
            let exponent = stepExponents.upperBound - Double(k) * spacing
            let h = DifferenceScheme.representableStep(Double.pow(10, exponent) * scale, at: x)
            let estimate = derivative(of: f, at: x, scheme: scheme, step: h)
            return StepErrorTable.Row(step: estimate.step, error: Swift.abs(estimate.value - exact))
        }
        return StepErrorTable(
            rows: rows, chosenStep: scheme.defaultStep(at: x), reference: exact, scheme: scheme)
    }
}
