import GraphGrad

/// Why the arguments of `graphgrad diff` cannot be used; every case names the offending text.
enum DiffInputError: Error, CustomStringConvertible {
    /// The expression does not parse: the text and the parser's error (which names the column).
    case unparsableExpression(text: String, error: ExpressionParseError)
    /// A `--wrt` entry that is not a variable name.
    case invalidVariableName(String)
    /// A `--wrt` variable given twice.
    case duplicateVariable(String)
    /// A `--at` entry that is not `name=number`; `reason` says which part is wrong.
    case malformedAssignment(token: String, reason: String)
    /// A variable of the expression that `--at` gives no value.
    case missingValue(variable: String, given: [String])

    var description: String {
        switch self {
        case .unparsableExpression(let text, let error):
            // The caret sits under the 1-based column the parser names.
            let caret = String(repeating: " ", count: max(error.column - 1, 0)) + "^"
            return "cannot parse the expression: \(error)\n  \(text)\n  \(caret)"
        case .invalidVariableName(let name):
            return "--wrt: '\(name)' is not a variable name (letters, digits and '_', not 'pi' or 'e')"
        case .duplicateVariable(let name):
            return "--wrt: variable '\(name)' is named twice"
        case .malformedAssignment(let token, let reason):
            return "--at: malformed entry '\(token)': \(reason)"
        case .missingValue(let variable, let given):
            let known = given.isEmpty ? "none" : given.joined(separator: ", ")
            return "--at gives no value for the variable '\(variable)' (values given for: \(known))"
        }
    }
}
