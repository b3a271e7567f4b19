extension Tensor {
    /// op(a) · b for a constant matrix whose packed panels are kept between products; the same
    /// bits as `matmul(a.value, b, transposingA: ta)`.
    ///
    /// Shapes: a `[m, k]` (or `[k, m]` transposed), b `[k, n]` → `[m, n]`.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public static func matmul(_ a: PackedMatrix<Scalar>, _ b: Tensor, transposingA ta: Bool = false) -> Tensor {
        let shape = a.value.shape
        let (m, k) = ta ? (shape[1], shape[0]) : (shape[0], shape[1])
        require(b.rank == 2 && b.shape[0] == k, "matmul inner extents differ: \(shape)\(ta ? "ᵀ" : "") · \(b.shape)")
        let n = b.shape[1]
        let value = Tensor.build(shape: [m, n]) { out in
            a.value.withUnsafePointer { pa in
                b.withUnsafePointer { pb in
                    Scalar.gemm(
                        transA: ta, transB: false, m: m, n: n, k: k, a: pa, lda: Swift.max(1, ta ? m : k), b: pb,
                        ldb: Swift.max(1, n), c: out, ldc: Swift.max(1, n), accumulate: false, constantA: a.panels,
                        constantB: nil)
                }
            }
        }
        guard b.isTracked else { return value }
        return .recording(
            value, inputs: [b],
            pullback: { ct, _ in [matmul(a, ct, transposingA: !ta)] },
            pushforward: { t, _ in t[0].map { matmul(a, $0, transposingA: ta) } })
    }
}
