import GraphGrad

/// An expression and a point at which its derivatives are computed by every method.
///
/// Each derivative is named by its sequence of variables (outermost first, see
/// ``DerivativeLayout/entries``). Every method first needs the expression itself to be defined
/// at the point: a derivative of a function where the function does not exist means nothing,
/// even where the derivative's formula happens to be defined (1/x for log x at x = −2).
struct DerivativeAtPoint {
    /// The original expression.
    let expression: Expression
    /// A value for every variable of the expression and every variable differentiated by.
    let point: [String: Double]

    /// `value` if it is finite.
    static func finite(_ value: Double) throws(MethodFailure) -> Double {
        guard value.isFinite else { throw .notFinite(value) }
        return value
    }

    /// Evaluates the expression itself at the point, to report where it is undefined.
    func checkDefined() throws(MethodFailure) {
        do { _ = try expression.evaluate(point) } catch { throw .undefined(error) }
    }
}
