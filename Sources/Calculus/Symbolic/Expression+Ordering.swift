/// The canonical order of the children of sums and products.
///
/// It is a total order on distinct nodes that depends only on structure (never on node ids or
/// creation order), so that a sum or product built from the same parts in any order interns
/// to the same node and prints the same way. A power sorts by its base first, so that `x`,
/// `x^2` and `x^3` sit next to one another.
extension Expression {
    /// −1, 0 or 1 as `lhs` sorts before, equal to, or after `rhs`.
    static func canonicalCompare(_ lhs: Expression, _ rhs: Expression) -> Int {
        if lhs == rhs { return 0 }
        let (baseL, exponentL) = lhs.powerView
        let (baseR, exponentR) = rhs.powerView
        if baseL != lhs || baseR != rhs {
            // At least one side is a power, so one of the bases is a strict subterm: terminates.
            let byBase = canonicalCompare(baseL, baseR)
            return byBase != 0 ? byBase : canonicalCompare(exponentL, exponentR)
        }
        return compareNonPowers(lhs, rhs)
    }

    /// Lexicographic order of two lists under ``canonicalCompare(_:_:)``; a prefix sorts first.
    static func canonicalCompare(_ lhs: [Expression], _ rhs: [Expression]) -> Int {
        for (a, b) in zip(lhs, rhs) {
            let c = canonicalCompare(a, b)
            if c != 0 { return c }
        }
        return compare(lhs.count, rhs.count)
    }

    /// `(base, exponent)`: a power's own parts, or `(self, 1)` for anything else.
    var powerView: (base: Expression, exponent: Expression) {
        if case .power(let base, let exponent) = kind { return (base, exponent) }
        return (self, .one)
    }

    private static func compareNonPowers(_ lhs: Expression, _ rhs: Expression) -> Int {
        let byRank = compare(lhs.kindRank, rhs.kindRank)
        if byRank != 0 { return byRank }
        switch (lhs.kind, rhs.kind) {
        case (.number(let a), .number(let b)):
            if a.doubleValue != b.doubleValue { return a.doubleValue < b.doubleValue ? -1 : 1 }
            // The same value exactly and in floating point: the exact one first.
            return a.rationalValue != nil ? -1 : 1
        case (.constant(let a), .constant(let b)): return compare(a.rawValue, b.rawValue)
        case (.variable(let a), .variable(let b)): return compare(a, b)
        case (.unary(let f, let a), .unary(let g, let b)):
            let byName = compare(f.rawValue, g.rawValue)
            return byName != 0 ? byName : canonicalCompare(a, b)
        case (.binary(let f, let a1, let a2), .binary(let g, let b1, let b2)):
            let byName = compare(f.rawValue, g.rawValue)
            return byName != 0 ? byName : canonicalCompare([a1, a2], [b1, b2])
        case (.sum(let a), .sum(let b)), (.product(let a), .product(let b)):
            return canonicalCompare(a, b)
        default:
            return 0
        }
    }

    private var kindRank: Int {
        switch kind {
        case .number: return 0
        case .constant: return 1
        case .variable: return 2
        case .unary: return 3
        case .binary: return 4
        case .product: return 5
        case .sum: return 6
        case .power: return 7
        }
    }

    private static func compare<T: Comparable>(_ a: T, _ b: T) -> Int {
        a < b ? -1 : (a == b ? 0 : 1)
    }
}
