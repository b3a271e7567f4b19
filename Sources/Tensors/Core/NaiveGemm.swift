/// Element types with a matrix-multiply kernel.
public protocol GemmScalar {
    /// C[m×n] = (accumulate ? C : 0) + op(A)[m×k] · op(B)[k×n], row-major with leading dimensions.
    static func gemm(
        transA: Bool, transB: Bool, m: Int, n: Int, k: Int,
        a: UnsafePointer<Self>, lda: Int, b: UnsafePointer<Self>, ldb: Int,
        c: UnsafeMutablePointer<Self>, ldc: Int, accumulate: Bool)
}

extension GemmScalar where Self: BinaryFloatingPoint {
    public static func gemm(
        transA: Bool, transB: Bool, m: Int, n: Int, k: Int,
        a: UnsafePointer<Self>, lda: Int, b: UnsafePointer<Self>, ldb: Int,
        c: UnsafeMutablePointer<Self>, ldc: Int, accumulate: Bool
    ) {
        for i in 0..<m {
            for j in 0..<n {
                var s: Self = accumulate ? c[i * ldc + j] : 0
                for p in 0..<k {
                    let x = transA ? a[p * lda + i] : a[i * lda + p]
                    let y = transB ? b[j * ldb + p] : b[p * ldb + j]
                    s += x * y
                }
                c[i * ldc + j] = s
            }
        }
    }
}
extension Float: GemmScalar {}
extension Double: GemmScalar {}
