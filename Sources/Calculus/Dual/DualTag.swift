import Synchronization

/// The identity of one perturbation ε, so that dual numbers of different differentiations are
/// never mixed by accident (perturbation confusion).
///
/// Nested differentiation is typed: an inner derivative taken inside an outer one works on
/// `Dual<Dual<T>>`, and values of the outer level enter it lifted as constants `Dual(x)`. What
/// types cannot catch is an inner derivative taken on the same level, `Dual<T>`, as the outer
/// one: `x + y` would add the two perturbations as if they were one and silently give a wrong
/// derivative. Every helper of ``ForwardMode`` therefore seeds its inputs with a ``fresh()``
/// tag; constants carry ``none``; an operation combining two different tags that are not
/// `none` stops the program with a message (a programming error, like an index out of range),
/// and a helper whose result carries a tag other than its own stops likewise. A tag is checked,
/// never used to reorder levels, so a result is either right or refused.
public struct DualTag: Hashable, Sendable, CustomStringConvertible {
    /// The tag's number; 0 for ``none``.
    public let id: UInt64

    /// The tag of constants and of duals seeded by hand.
    public static let none = DualTag(id: 0)

    /// A tag no other call has returned.
    public static func fresh() -> DualTag {
        DualTag(id: tagCounter.wrappingAdd(1, ordering: .relaxed).newValue)
    }

    /// `"ε<id>"`, or `"ε"` for ``none``.
    public var description: String { id == 0 ? "ε" : "ε\(id)" }

    /// The tag of a result computed from operands tagged `a` and `b`.
    @inlinable
    public static func merge(_ a: DualTag, _ b: DualTag) -> DualTag {
        if a == b || b == .none { return a }
        if a == .none { return b }
        perturbationConfusion(a, b)
    }

    @usableFromInline
    static func perturbationConfusion(_ a: DualTag, _ b: DualTag) -> Never {
        preconditionFailure(
            "perturbation confusion: dual numbers of two differentiations (\(a), \(b)) meet in one "
                + "operation; differentiate the inner function over Dual<Dual<T>> and lift the outer "
                + "values with Dual(x)")
    }

    private init(id: UInt64) {
        self.id = id
    }
}

private let tagCounter = Atomic<UInt64>(0)
