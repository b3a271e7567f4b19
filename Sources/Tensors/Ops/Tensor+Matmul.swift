import Calculus
extension Tensor {
    /// Matrix product op(a) · op(b), where op transposes the last two axes when asked.
    ///
    /// Both operands have rank ≥ 2. Leading (batch) axes must agree, or one operand is a plain
    /// matrix that is applied to every batch entry of the other.
    ///
    /// Shapes: a `[..., m, k]` (or `[..., k, m]` transposed), b `[..., k, n]` (or `[..., n, k]`)
    /// → `[..., m, n]`.
    @inlinable
    public static func matmul(_ a: Tensor, _ b: Tensor, transposingA ta: Bool = false, transposingB tb: Bool = false) -> Tensor {
        require(a.rank >= 2 && b.rank >= 2, "matmul needs rank ≥ 2 operands, got \(a.shape) and \(b.shape)")
        let (m, ka) = ta ? (a.shape[a.rank - 1], a.shape[a.rank - 2]) : (a.shape[a.rank - 2], a.shape[a.rank - 1])
        let (kb, n) = tb ? (b.shape[b.rank - 1], b.shape[b.rank - 2]) : (b.shape[b.rank - 2], b.shape[b.rank - 1])
        require(
            ka == kb,
            "matmul inner extents differ: \(a.shape)\(ta ? "ᵀ" : "") · \(b.shape)\(tb ? "ᵀ" : "")")
        let batchA = Array(a.shape.dropLast(2))
        let batchB = Array(b.shape.dropLast(2))
        require(
            batchA == batchB || batchA.isEmpty || batchB.isEmpty,
            "matmul batch axes differ: \(a.shape) and \(b.shape)")
        let batch = batchA.isEmpty ? batchB : batchA
        let batches = batch.reduce(1, *)
        let value = Tensor.build(shape: batch + [m, n]) { out in
            a.withUnsafePointer { pa in
                b.withUnsafePointer { pb in
                    // A stack of untransposed matrices times one matrix is one tall product.
                    if batchB.isEmpty && !ta && !batchA.isEmpty {
                        Scalar.gemm(
                            transA: false, transB: tb, m: batches * m, n: n, k: ka, a: pa, lda: Swift.max(1, ka),
                            b: pb, ldb: Swift.max(1, tb ? ka : n), c: out, ldc: Swift.max(1, n), accumulate: false)
                        return
                    }
                    for i in 0..<batches {
                        Scalar.gemm(
                            transA: ta, transB: tb, m: m, n: n, k: ka,
                            a: pa + (batchA.isEmpty ? 0 : i * m * ka), lda: Swift.max(1, ta ? m : ka),
                            b: pb + (batchB.isEmpty ? 0 : i * ka * n), ldb: Swift.max(1, tb ? ka : n),
                            c: out + i * m * n, ldc: Swift.max(1, n), accumulate: false)
                    }
                }
            }
        }
        guard a.isTracked || b.isTracked else { return value }
        return .recording(
            value, inputs: [a, b],
            pullback: { ct, _ in
                // Only the products that are needed: the gradient of an untracked input (the
                // features under a first layer) would cost as much as the forward product.
                let da = a.requiresGradient
                    ? ta ? matmul(b, ct, transposingA: tb, transposingB: true) : matmul(ct, b, transposingB: !tb)
                    : nil
                let db = b.requiresGradient
                    ? tb ? matmul(ct, a, transposingA: true, transposingB: ta) : matmul(a, ct, transposingA: !ta)
                    : nil
                return [da?.summed(toShape: a.shape), db?.summed(toShape: b.shape)]
            },
            pushforward: { t, _ in
                let ja = t[0].map { matmul($0, b, transposingA: ta, transposingB: tb) }
                let jb = t[1].map { matmul(a, $0, transposingA: ta, transposingB: tb) }
                switch (ja, jb) {
                case let (x?, y?): return x + y
                case let (x?, nil): return x
                case let (nil, y?): return y
                case (nil, nil): return nil
                }
            })
    }

    /// Matrix product `self · other`.
    @inlinable
    public func matmul(_ other: Tensor) -> Tensor { Tensor.matmul(self, other) }
}
