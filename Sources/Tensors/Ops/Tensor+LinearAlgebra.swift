import Calculus
import RealModule

/// Matrix functions with their matrix-calculus derivatives (2-D operands).
extension Tensor {
    /// Sum of the diagonal of a square matrix. Gradient: the identity.
    @inlinable
    public func trace() -> Tensor {
        require(rank == 2 && shape[0] == shape[1], "trace needs a square matrix, got shape \(shape)")
        let n = shape[0]
        let value = Tensor((0..<n).reduce(Scalar(0)) { $0 + scalars[$1 * n + $1] })
        guard isTracked else { return value }
        return .recording(
            value, inputs: [self],
            pullback: { ct, _ in [ct * Tensor.identity(n)] },
            pushforward: { t, _ in t[0]?.trace() })
    }

    /// The inverse of a square matrix. Gradient: −A⁻ᵀ · Ḡ · A⁻ᵀ.
    ///
    /// - Precondition: the matrix is not singular.
    @inlinable
    public func inverse() -> Tensor {
        let lu = LUDecomposition(self)
        require(!lu.isSingular, "inverse of a singular matrix of shape \(shape)")
        let n = lu.n
        let identity = Tensor<Double>.identity(n).scalars
        let value = Tensor(shape: shape, scalars: lu.solve(identity, columns: n).map { Scalar($0) })
        guard isTracked else { return value }
        return .recording(
            value, inputs: [self], savesOutput: true,
            pullback: { ct, y in [-Tensor.matmul(Tensor.matmul(y, ct, transposingA: true), y, transposingB: true)] },
            pushforward: { t, y in t[0].map { -y.matmul($0).matmul(y) } })
    }

    /// The determinant of a square matrix. Gradient: det(A) · A⁻ᵀ.
    @inlinable
    public func determinant() -> Tensor {
        let value = Tensor(Scalar(LUDecomposition(self).determinant))
        let a = self
        guard isTracked else { return value }
        return .recording(
            value, inputs: [self], savesOutput: true,
            pullback: { ct, d in [(ct * d) * a.inverse().transposed()] },
            pushforward: { t, d in t[0].map { d * Tensor.solve(a, $0).trace() } })
    }

    /// log |det A| of a square matrix. Gradient: A⁻ᵀ.
    @inlinable
    public func logAbsDeterminant() -> Tensor {
        let value = Tensor(Scalar(LUDecomposition(self).logAbsDeterminant.0))
        let a = self
        guard isTracked else { return value }
        return .recording(
            value, inputs: [self],
            pullback: { ct, _ in [ct * a.inverse().transposed()] },
            pushforward: { t, _ in t[0].map { Tensor.solve(a, $0).trace() } })
    }

    /// X with A·X = B, for A square [n, n] and B [n, m] (or [n]).
    /// Gradients: B̄ = A⁻ᵀ·X̄ (a solve with Aᵀ), Ā = −B̄·Xᵀ.
    ///
    /// - Precondition: A is not singular.
    @inlinable
    public static func solve(_ a: Tensor, _ b: Tensor) -> Tensor {
        require(
            a.rank == 2 && a.shape[0] == a.shape[1] && (b.rank == 1 || b.rank == 2) && b.shape[0] == a.shape[0],
            "solve needs A [n, n] and B [n] or [n, m], got \(a.shape) and \(b.shape)")
        let lu = LUDecomposition(a)
        require(!lu.isSingular, "solve with a singular matrix of shape \(a.shape)")
        let m = b.rank == 1 ? 1 : b.shape[1]
        let x = lu.solve(b.scalars.map { Double($0) }, columns: m)
        let value = Tensor(shape: b.shape, scalars: x.map { Scalar($0) })
        guard a.isTracked || b.isTracked else { return value }
        return .recording(
            value, inputs: [a, b], savesOutput: true,
            pullback: { ct, x in
                let gb = solve(a.transposed(), ct)
                let ga = b.rank == 1
                    ? -(gb.expandingShape(at: 1).matmul(x.expandingShape(at: 0)))
                    : -Tensor.matmul(gb, x, transposingB: true)
                return [a.requiresGradient ? ga : nil, b.requiresGradient ? gb : nil]
            },
            pushforward: { t, x in
                let lhs = t[0].map { ta in b.rank == 1 ? ta.matmul(x.expandingShape(at: 1)).squeezingShape(at: 1) : ta.matmul(x) }
                switch (t[1], lhs) {
                case let (tb?, l?): return solve(a, tb - l)
                case let (tb?, nil): return solve(a, tb)
                case let (nil, l?): return solve(a, -l)
                case (nil, nil): return nil
                }
            })
    }
}
