import GraphGrad

/// The four independent ways `graphgrad diff` computes a derivative at a point.
enum DerivativeMethod: String, CaseIterable {
    /// Evaluating the simplified derivative expression.
    case symbolic
    /// Evaluating the original expression on (nested) dual numbers.
    case forward
    /// Evaluating the original expression on the tensor tape and walking it back (repeatedly).
    case reverse
    /// Richardson extrapolation of central differences of the original expression (nested).
    case numeric
}

/// Why one method produced no derivative at the point.
enum MethodFailure: Error, CustomStringConvertible {
    /// The expression (or its derivative) is undefined there: log of a negative, division by zero.
    case undefined(ExpressionEvaluationError)
    /// The method finished but its result is infinite or NaN (the derivative does not exist).
    case notFinite(Double)

    var description: String {
        switch self {
        case .undefined(let error): return "\(error)"
        case .notFinite(let value): return "the derivative is not finite (\(value))"
        }
    }
}
