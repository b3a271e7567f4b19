/// Why a text could not be parsed as an ``Expression``; every case names the 1-based column.
public enum ExpressionParseError: Error, CustomStringConvertible, Equatable {
    /// A character that starts no token.
    case unexpectedCharacter(Character, column: Int)
    /// A token where the grammar needed something else (`found` is the token's text).
    case unexpectedToken(found: String, expected: String, column: Int)
    /// The text ended where the grammar needed more.
    case unexpectedEnd(expected: String, column: Int)
    /// A `(` with no matching `)`.
    case unclosedParenthesis(column: Int)
    /// A call of a function that does not exist; `known` lists the ones that do.
    case unknownFunction(String, column: Int, known: [String])
    /// A function called with the wrong number of arguments.
    case wrongArgumentCount(function: String, expected: Int, found: Int, column: Int)
    /// A numeric literal too large for a `Double`.
    case numberOutOfRange(String, column: Int)

    /// The 1-based column the error points at.
    public var column: Int {
        switch self {
        case .unexpectedCharacter(_, let c), .unexpectedToken(_, _, let c), .unexpectedEnd(_, let c),
             .unclosedParenthesis(let c), .unknownFunction(_, let c, _),
             .wrongArgumentCount(_, _, _, let c), .numberOutOfRange(_, let c):
            return c
        }
    }

    /// A one-line message, e.g. `unexpected ')' at column 7, expected an operand`.
    public var description: String {
        switch self {
        case .unexpectedCharacter(let ch, let c):
            return "unexpected character '\(ch)' at column \(c)"
        case .unexpectedToken(let found, let expected, let c):
            return "unexpected '\(found)' at column \(c), expected \(expected)"
        case .unexpectedEnd(let expected, let c):
            return "unexpected end of input at column \(c), expected \(expected)"
        case .unclosedParenthesis(let c):
            return "unbalanced parentheses: '(' at column \(c) is never closed"
        case .unknownFunction(let name, let c, let known):
            return "unknown function '\(name)' at column \(c); known functions: \(known.joined(separator: ", "))"
        case .wrongArgumentCount(let name, let expected, let found, let c):
            return "function '\(name)' at column \(c) takes \(expected) argument(s), got \(found)"
        case .numberOutOfRange(let text, let c):
            return "number \(text) at column \(c) is out of range"
        }
    }
}
