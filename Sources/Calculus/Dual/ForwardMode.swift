import RealModule

/// Forward-mode differentiation with dual numbers: derivatives, gradients, Jacobians and
/// Hessians of functions written generically over `Real` (pass `{ f($0) }`).
///
/// Each helper seeds its inputs with a fresh ``DualTag`` and checks that the result carries no
/// other, so a helper called inside another on the same dual type stops with a message instead
/// of mixing the two perturbations. To differentiate inside a derivative, let the inner helper
/// work one level up, on `Dual<Dual<T>>`, and lift captured outer values with `Dual(x)`.
public enum ForwardMode {
    /// f′(x).
    @inlinable
    public static func derivative<T>(of f: (Dual<T>) -> Dual<T>, at x: T) -> T {
        let tag = DualTag.fresh()
        return extract(f(Dual(x, derivative: 1, tag: tag)), tag: tag).derivative
    }

    /// The n-th derivative f⁽ⁿ⁾(x) by nesting n levels of dual numbers (2ⁿ values per
    /// operation, so meant for small n); order 0 is f(x).
    public static func derivative<F: UnivariateRealFunction, T: Real & DerivativeAlgebra>(
        of f: F, at x: T, order: Int
    ) -> T {
        precondition(order >= 0, "derivative order \(order) must be non-negative")
        guard order > 0 else { return f(x) }
        // f⁽ⁿ⁾(x) is the derivative part of f⁽ⁿ⁻¹⁾ evaluated one level up at x + ε.
        let tag = DualTag.fresh()
        let seeded = Dual(x, derivative: 1, tag: tag)
        return extract(derivative(of: f, at: seeded, order: order - 1), tag: tag).derivative
    }

    /// ∇f(x) in ⌈n/N⌉ passes of N partials each (N = the lane count of `chunk`).
    @inlinable
    public static func gradient<T, V: SIMD>(
        of f: ([DualVector<T, V>]) -> DualVector<T, V>, at x: [T], chunk: V.Type
    ) -> [T] {
        var gradient = [T](repeating: 0, count: x.count)
        for start in stride(from: 0, to: x.count, by: V.scalarCount) {
            let tag = DualTag.fresh()
            let y = extract(f(seeded(x, chunkStart: start, tag: tag)), tag: tag)
            for lane in 0..<Swift.min(V.scalarCount, x.count - start) {
                gradient[start + lane] = y.partials[lane]
            }
        }
        return gradient
    }

    /// The Jacobian `result[i][j]` = ∂fᵢ/∂xⱼ, N input columns per pass.
    @inlinable
    public static func jacobian<T, V: SIMD>(
        of f: ([DualVector<T, V>]) -> [DualVector<T, V>], at x: [T], chunk: V.Type
    ) -> [[T]] {
        var rows: [[T]] = []
        for start in stride(from: 0, to: x.count, by: V.scalarCount) {
            let tag = DualTag.fresh()
            let outputs = f(seeded(x, chunkStart: start, tag: tag)).map { extract($0, tag: tag) }
            if rows.isEmpty { rows = Array(repeating: [T](repeating: 0, count: x.count), count: outputs.count) }
            precondition(outputs.count == rows.count, "f returned \(outputs.count) outputs, before \(rows.count)")
            for (i, y) in outputs.enumerated() {
                for lane in 0..<Swift.min(V.scalarCount, x.count - start) {
                    rows[i][start + lane] = y.partials[lane]
                }
            }
        }
        return rows
    }

    /// The Hessian ∂²f/∂xᵢ∂xⱼ, forward over forward: an outer `Dual` seeds direction i, the
    /// inner `DualVector` a chunk of N directions j, so its derivative part holds N entries of
    /// row i; n·⌈n/N⌉ passes.
    @inlinable
    public static func hessian<T, V: SIMD>(
        of f: ([Dual<DualVector<T, V>>]) -> Dual<DualVector<T, V>>, at x: [T],
        chunk: V.Type
    ) -> [[T]] {
        var hessian = Array(repeating: [T](repeating: 0, count: x.count), count: x.count)
        for start in stride(from: 0, to: x.count, by: V.scalarCount) {
            let innerTag = DualTag.fresh()
            let inner: [DualVector<T, V>] = seeded(x, chunkStart: start, tag: innerTag)
            for i in x.indices {
                let outerTag = DualTag.fresh()
                let point = inner.indices.map { k -> Dual<DualVector<T, V>> in
                    Dual(inner[k], derivative: k == i ? 1 : 0, tag: outerTag)
                }
                let y = extract(extract(f(point), tag: outerTag).derivative, tag: innerTag)
                for lane in 0..<Swift.min(V.scalarCount, x.count - start) {
                    hessian[i][start + lane] = y.partials[lane]
                }
            }
        }
        return hessian
    }

    /// ∇f(x) of a `Double` function in chunks of 8 partials.
    @inlinable
    public static func gradient(
        of f: ([DualVector<Double, SIMD8<Double>>]) -> DualVector<Double, SIMD8<Double>>, at x: [Double]
    ) -> [Double] {
        gradient(of: f, at: x, chunk: SIMD8<Double>.self)
    }

    /// The Jacobian of a `Double` function in chunks of 8 input columns.
    @inlinable
    public static func jacobian(
        of f: ([DualVector<Double, SIMD8<Double>>]) -> [DualVector<Double, SIMD8<Double>>], at x: [Double]
    ) -> [[Double]] {
        jacobian(of: f, at: x, chunk: SIMD8<Double>.self)
    }

    /// The Hessian of a `Double` function in chunks of 8 columns.
    @inlinable
    public static func hessian(
        of f: ([Dual<DualVector<Double, SIMD8<Double>>>]) -> Dual<DualVector<Double, SIMD8<Double>>>,
        at x: [Double]
    ) -> [[Double]] {
        hessian(of: f, at: x, chunk: SIMD8<Double>.self)
    }

    /// `x` as vector duals whose partial lane k is the unit direction of input `chunkStart + k`.
    @inlinable
    static func seeded<T, V: SIMD>(_ x: [T], chunkStart: Int, tag: DualTag) -> [DualVector<T, V>] {
        x.indices.map { i in
            var partials = V.zero
            let lane = i - chunkStart
            if lane >= 0 && lane < V.scalarCount { partials[lane] = 1 }
            return DualVector(value: x[i], partials: partials, tag: tag)
        }
    }

    /// `y` after checking that its partials belong to `tag` (or are those of a constant).
    @inlinable
    static func extract<D: DualNumber>(_ y: D, tag: DualTag) -> D {
        if y.tag != tag && y.tag != .none { DualTag.perturbationConfusion(tag, y.tag) }
        return y
    }
}
