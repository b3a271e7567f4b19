/// Parsing of ordinary infix text.
///
/// Grammar (lowest precedence first):
/// ```
/// sum     := product (('+' | '-') product)*
/// product := unary (('*' | '/') unary)*
/// unary   := '-' unary | '+' unary | power
/// power   := primary (('^' | '**') unary)?        right-associative; -x^2 = -(x^2), 2^-1 = 1/2
/// primary := number | name | name '(' sum (',' sum)* ')' | '(' sum ')'
/// ```
/// Integer literals are exact; a literal with `.` or an exponent (`1.5e-3`) is floating
/// point. The names `pi` and `e` are the constants; a name followed by `(` is a function:
/// any ``UnaryPrimitive`` by its raw name, plus `max`, `min`, `atan2`.
extension Expression {
    /// Parses `text`.
    ///
    /// - Throws: ``ExpressionParseError`` naming the column and what was expected.
    public init(parsing text: String) throws(ExpressionParseError) {
        var parser = try ExpressionParser(text)
        self = try parser.parseAll()
    }
}

private struct Token {
    enum Kind: Equatable {
        case number(SymbolicNumber)
        case name(String)
        case symbol(String)
        case end
    }
    let kind: Kind
    let text: String
    let column: Int
}

private struct ExpressionParser {
    private var tokens: [Token]
    private var position = 0

    init(_ text: String) throws(ExpressionParseError) {
        tokens = try ExpressionParser.tokenize(Array(text))
    }

    mutating func parseAll() throws(ExpressionParseError) -> Expression {
        let result = try parseSum()
        let next = peek
        switch next.kind {
        case .end: return result
        case .symbol(")"):
            throw .unexpectedToken(found: ")", expected: "an operator or end of input (no '(' to close)", column: next.column)
        default:
            throw .unexpectedToken(found: next.text, expected: "an operator or end of input", column: next.column)
        }
    }

    private var peek: Token { tokens[position] }

    private mutating func advance() -> Token {
        defer { position = Swift.min(position + 1, tokens.count - 1) }
        return tokens[position]
    }

    private mutating func accept(_ symbol: String) -> Bool {
        guard peek.kind == .symbol(symbol) else { return false }
        position += 1
        return true
    }

    private mutating func parseSum() throws(ExpressionParseError) -> Expression {
        var terms = [try parseProduct()]
        while true {
            if accept("+") { terms.append(try parseProduct()) }
            else if accept("-") { terms.append(-(try parseProduct())) }
            else { return .sum(terms) }
        }
    }

    private mutating func parseProduct() throws(ExpressionParseError) -> Expression {
        var factors = [try parseUnary()]
        while true {
            if accept("*") { factors.append(try parseUnary()) }
            else if accept("/") { factors.append(try parseUnary().raised(to: -1)) }
            else { return .product(factors) }
        }
    }

    private mutating func parseUnary() throws(ExpressionParseError) -> Expression {
        if accept("-") { return -(try parseUnary()) }
        if accept("+") { return try parseUnary() }
        return try parsePower()
    }

    private mutating func parsePower() throws(ExpressionParseError) -> Expression {
        let base = try parsePrimary()
        guard accept("^") else { return base }
        return base.raised(to: try parseUnary())
    }

    private mutating func parsePrimary() throws(ExpressionParseError) -> Expression {
        let token = advance()
        switch token.kind {
        case .number(let n):
            return Expression(n)
        case .name(let name):
            if peek.kind == .symbol("(") { return try parseCall(name, at: token.column) }
            if let constant = MathematicalConstant(rawValue: name) { return Expression(interning: .constant(constant)) }
            return .variable(name)
        case .symbol("("):
            let inner = try parseSum()
            guard accept(")") else { throw closingError(openedAt: token.column) }
            return inner
        case .symbol(let s):
            throw .unexpectedToken(found: s, expected: "a number, name or '('", column: token.column)
        case .end:
            throw .unexpectedEnd(expected: "a number, name or '('", column: token.column)
        }
    }

    private mutating func parseCall(_ name: String, at column: Int) throws(ExpressionParseError) -> Expression {
        let open = advance()
        var arguments = [try parseSum()]
        while accept(",") { arguments.append(try parseSum()) }
        guard accept(")") else { throw closingError(openedAt: open.column) }
        if let f = UnaryPrimitive(rawValue: name) {
            guard arguments.count == 1 else {
                throw .wrongArgumentCount(function: name, expected: 1, found: arguments.count, column: column)
            }
            return arguments[0].applying(f)
        }
        if let f = ExpressionParser.binaryFunctions[name] {
            guard arguments.count == 2 else {
                throw .wrongArgumentCount(function: name, expected: 2, found: arguments.count, column: column)
            }
            return .applying(f, arguments[0], arguments[1])
        }
        throw .unknownFunction(name, column: column, known: ExpressionParser.knownFunctions)
    }

    /// At a missing `)`: the end of input means the `(` was never closed; another token is
    /// simply out of place.
    private func closingError(openedAt column: Int) -> ExpressionParseError {
        if peek.kind == .end { return .unclosedParenthesis(column: column) }
        return .unexpectedToken(found: peek.text, expected: "')' or an operator", column: peek.column)
    }

    private static let binaryFunctions: [String: BinaryPrimitive] = [
        "max": .maximum, "min": .minimum, "atan2": .atan2, "pow": .pow,
    ]

    private static let knownFunctions: [String] =
        (UnaryPrimitive.allCases.map(\.rawValue) + binaryFunctions.keys).sorted()

    // MARK: Tokens

    private static func tokenize(_ chars: [Character]) throws(ExpressionParseError) -> [Token] {
        var tokens: [Token] = []
        var i = 0
        while i < chars.count {
            let c = chars[i]
            let column = i + 1
            if c.isWhitespace {
                i += 1
            } else if (c.isASCII && c.isNumber) || (c == "." && i + 1 < chars.count && chars[i + 1].isASCII && chars[i + 1].isNumber) {
                let start = i
                let number = try scanNumber(chars, &i)
                tokens.append(Token(kind: .number(number), text: String(chars[start..<i]), column: column))
            } else if c.isLetter || c == "_" {
                let start = i
                while i < chars.count && (chars[i].isLetter || chars[i].isNumber || chars[i] == "_") { i += 1 }
                let name = String(chars[start..<i])
                tokens.append(Token(kind: .name(name), text: name, column: column))
            } else if c == "*" && i + 1 < chars.count && chars[i + 1] == "*" {
                tokens.append(Token(kind: .symbol("^"), text: "**", column: column))
                i += 2
            } else if "+-*/^(),".contains(c) {
                tokens.append(Token(kind: .symbol(String(c)), text: String(c), column: column))
                i += 1
            } else {
                throw .unexpectedCharacter(c, column: column)
            }
        }
        tokens.append(Token(kind: .end, text: "", column: chars.count + 1))
        return tokens
    }

    /// Scans `digits [. digits] [e [+-] digits]`; exact when there is neither `.` nor exponent.
    private static func scanNumber(_ chars: [Character], _ i: inout Int) throws(ExpressionParseError) -> SymbolicNumber {
        let start = i
        func digits() { while i < chars.count && chars[i].isASCII && chars[i].isNumber { i += 1 } }
        digits()
        var isReal = false
        if i < chars.count && chars[i] == "." {
            isReal = true
            i += 1
            digits()
        }
        if i < chars.count && (chars[i] == "e" || chars[i] == "E") {
            var j = i + 1
            if j < chars.count && (chars[j] == "+" || chars[j] == "-") { j += 1 }
            if j < chars.count && chars[j].isASCII && chars[j].isNumber {
                isReal = true
                i = j
                digits()
            }
        }
        let text = String(chars[start..<i])
        if !isReal, let exact = Int(text) { return SymbolicNumber(exact) }
        guard let value = Double(text), value.isFinite else { throw .numberOutOfRange(text, column: start + 1) }
        return SymbolicNumber(real: value)
    }
}
