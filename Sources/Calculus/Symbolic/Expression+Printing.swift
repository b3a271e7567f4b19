/// Plain-text and LaTeX rendering with the fewest parentheses the grammar needs.
///
/// The plain form re-parses (``Expression/init(parsing:)``) to the same expression: exact
/// numbers print as integers and fractions (`1/2`), floating-point ones always with a `.` or an
/// exponent, and a quotient `x/y` is read back as `x · y^(−1)`, the canonical form it came from.
extension Expression: CustomStringConvertible {
    /// Plain infix text, e.g. `x^2*sin(y) + exp(-x)/2`.
    public var description: String { ExpressionFormatter(syntax: .plain).render(self).text }

    /// LaTeX math-mode source, e.g. `x^{2} \sin\left(y\right) + \frac{e^{-x}}{2}`.
    public var latex: String { ExpressionFormatter(syntax: .latex).render(self).text }
}

/// One traversal for both syntaxes: the structure (signs, quotients, precedence) is shared and
/// only the spelling of each production differs.
private struct ExpressionFormatter {
    enum Syntax { case plain, latex }

    /// Binding strength of a rendered piece: what it can stand next to without parentheses.
    enum Level: Int, Comparable {
        case sum = 1, product, power, atom
        static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }
    }

    typealias Piece = (text: String, level: Level)

    let syntax: Syntax

    func render(_ e: Expression) -> Piece {
        switch e.kind {
        case .number(let n): return number(n)
        case .constant(let c): return (syntax == .latex && c == .pi ? "\\pi" : c.rawValue, .atom)
        case .variable(let name): return (name, .atom)
        case .sum(let terms): return sum(terms)
        case .product: return product(e)
        case .power(let base, let exponent):
            return exponent.isNegative ? product(e) : power(render(base), render(exponent))
        case .unary(let f, let argument): return function(f, render(argument).text)
        case .binary(let f, let a, let b): return binary(f, render(a).text, render(b).text)
        }
    }

    private func number(_ n: SymbolicNumber) -> Piece {
        switch n {
        case .rational(let r) where !r.isInteger && syntax == .latex:
            let fraction = "\\frac{\(r.numerator.magnitude)}{\(r.denominator)}"
            return (r.numerator < 0 ? "-" + fraction : fraction, .product)
        case .rational(let r):
            return (r.description, r.isInteger && r.numerator >= 0 ? .atom : .product)
        case .real(let d):
            return ("\(d)", d >= 0 ? .atom : .product)
        }
    }

    private func sum(_ terms: [Expression]) -> Piece {
        // The constant goes last: `x^2 + 1` rather than `1 + x^2`.
        let ordered = terms[0].number == nil ? terms : Array(terms.dropFirst()) + [terms[0]]
        var text = render(ordered[0]).text
        for term in ordered.dropFirst() {
            if term.isNegative {
                text += " - " + wrapped(render(-term), above: .sum)
            } else {
                text += " + " + render(term).text
            }
        }
        return (text, .sum)
    }

    /// A product, or a power with a negative exponent, as `−num/den`.
    private func product(_ e: Expression) -> Piece {
        let (coefficient, factors) = e.coefficientView
        var numerator: [Piece] = []
        var denominator: [Piece] = []
        switch coefficient {
        case .rational(let r):
            if r.numerator.magnitude != 1 { numerator.append(("\(r.numerator.magnitude)", .atom)) }
            if r.denominator != 1 { denominator.append(("\(r.denominator)", .atom)) }
        case .real(let d):
            numerator.append(("\(Swift.abs(d))", .atom))
        }
        for factor in factors {
            if case .power(let base, let exponent) = factor.kind, exponent.isNegative {
                let positive = -exponent
                denominator.append(positive.number?.isOne == true ? render(base) : power(render(base), render(positive)))
            } else {
                numerator.append(render(factor))
            }
        }
        let sign = coefficient.isNegative ? "-" : ""
        let top = numerator.isEmpty ? "1" : joinFactors(numerator)
        guard !denominator.isEmpty else {
            let level: Level = sign.isEmpty && numerator.count == 1 ? numerator[0].level : .product
            return (sign + top, level)
        }
        switch syntax {
        case .plain:
            let bottom = denominator.count == 1 ? wrapped(denominator[0], above: .product) : "(\(joinFactors(denominator)))"
            return (sign + top + "/" + bottom, .product)
        case .latex:
            // The fraction bar groups its parts, so a lone sum above or below needs no parentheses.
            let over = numerator.count == 1 ? numerator[0].text : top
            let under = denominator.count == 1 ? denominator[0].text : joinFactors(denominator)
            return (sign + "\\frac{\(over)}{\(under)}", .product)
        }
    }

    private func joinFactors(_ factors: [Piece]) -> String {
        var text = wrapped(factors[0], above: .sum)
        for factor in factors.dropFirst() {
            let next = wrapped(factor, above: .sum)
            switch syntax {
            case .plain: text += "*" + next
            case .latex: text += (next.first?.isNumber == true ? " \\cdot " : " ") + next
            }
        }
        return text
    }

    private func power(_ base: Piece, _ exponent: Piece) -> Piece {
        let baseText = base.level == .atom ? base.text : parenthesized(base.text)
        switch syntax {
        case .plain:
            // `^` is right-associative, so a power in the exponent needs no parentheses.
            return (baseText + "^" + wrapped(exponent, above: .product), .power)
        case .latex:
            return (baseText + "^{\(exponent.text)}", .power)
        }
    }

    private func function(_ f: UnaryPrimitive, _ argument: String) -> Piece {
        guard syntax == .latex else { return ("\(f.rawValue)(\(argument))", .atom) }
        switch f {
        case .exp: return ("e^{\(argument)}", .power)
        case .sqrt: return ("\\sqrt{\(argument)}", .atom)
        case .abs: return ("\\left|\(argument)\\right|", .atom)
        case .sin, .cos, .tan, .sinh, .cosh, .tanh, .log:
            return ("\\\(f.rawValue)\(parenthesized(argument))", .atom)
        case .asin, .acos, .atan:
            return ("\\arc\(f.rawValue.dropFirst())\(parenthesized(argument))", .atom)
        case .sigmoid: return ("\\sigma\(parenthesized(argument))", .atom)
        default: return ("\\operatorname{\(f.rawValue)}\(parenthesized(argument))", .atom)
        }
    }

    private func binary(_ f: BinaryPrimitive, _ a: String, _ b: String) -> Piece {
        let name = Expression.functionName(of: f)
        switch syntax {
        case .plain: return ("\(name)(\(a), \(b))", .atom)
        case .latex:
            let command = f == .atan2 ? "\\operatorname{atan2}" : "\\\(name)"
            return (command + parenthesized("\(a), \(b)"), .atom)
        }
    }

    /// The piece's text, parenthesized unless it binds tighter than `level`.
    private func wrapped(_ piece: Piece, above level: Level) -> String {
        piece.level > level ? piece.text : parenthesized(piece.text)
    }

    private func parenthesized(_ text: String) -> String {
        syntax == .plain ? "(\(text))" : "\\left(\(text)\\right)"
    }
}

extension Expression {
    /// Whether the expression carries a leading minus: a negative number, or a product whose
    /// coefficient is negative.
    var isNegative: Bool {
        switch kind {
        case .number(let n): return n.isNegative
        case .product: return coefficientView.coefficient.isNegative
        default: return false
        }
    }

    /// The name of a binary primitive in text: `max`, `min`, `atan2`.
    static func functionName(of f: BinaryPrimitive) -> String {
        switch f {
        case .maximum: return "max"
        case .minimum: return "min"
        default: return f.rawValue
        }
    }
}
