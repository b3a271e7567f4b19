/// Why an ``Expression`` could not be evaluated at the given point.
public enum ExpressionEvaluationError: Error, CustomStringConvertible, Equatable {
    /// A variable had no value in the bindings.
    case unboundVariable(String)
    /// A primitive was applied outside its domain (`log` of a negative number, `asin` of 2).
    case outsideDomain(function: String, argument: String)
    /// A zero base raised to a negative power (this is how division by zero appears: x / y is
    /// x · y^(−1)).
    case divisionByZero(expression: String)
    /// A negative base raised to a non-integer power.
    case negativeBaseFractionalPower(base: String, exponent: String)

    /// A one-line explanation naming the offending function and value.
    public var description: String {
        switch self {
        case .unboundVariable(let name):
            return "no value given for variable '\(name)'"
        case .outsideDomain(let function, let argument):
            return "\(function) is undefined at \(argument)"
        case .divisionByZero(let expression):
            return "division by zero in \(expression)"
        case .negativeBaseFractionalPower(let base, let exponent):
            return "negative base \(base) raised to the non-integer power \(exponent)"
        }
    }
}
