import CKernels

/// An element type with a cache-blocked, multithreaded matrix product (Float and Double).
public protocol GemmScalar: BinaryFloatingPoint {
    /// `C[m×n] = (accumulate ? C : 0) + op(A)[m×k] · op(B)[k×n]` on row-major matrices.
    ///
    /// `op(A)` is `A` (m×k, `lda ≥ k`) or, with `transA`, the transpose of the k×m matrix `A`
    /// (`lda ≥ m`); likewise `op(B)` with `ldb ≥ n` or, with `transB`, `ldb ≥ k`; `ldc ≥ n`.
    /// Each output element is summed over k in a fixed order by exactly one thread, so the result
    /// is bitwise identical for every `Threading.threadCount`. `C` must not overlap `A` or `B`.
    ///
    /// `constantA` / `constantB`, when given, keep the packed panels of that operand for later
    /// calls with the same matrix (see ``GemmPanelCache``); the result is the same bits either way.
    static func gemm(
        transA: Bool, transB: Bool, m: Int, n: Int, k: Int,
        a: UnsafePointer<Self>, lda: Int, b: UnsafePointer<Self>, ldb: Int,
        c: UnsafeMutablePointer<Self>, ldc: Int, accumulate: Bool,
        constantA: GemmPanelCache<Self>?, constantB: GemmPanelCache<Self>?)
}

extension GemmScalar {
    /// `C[m×n] = (accumulate ? C : 0) + op(A)[m×k] · op(B)[k×n]`, packing both operands afresh.
    @inlinable
    public static func gemm(
        transA: Bool, transB: Bool, m: Int, n: Int, k: Int,
        a: UnsafePointer<Self>, lda: Int, b: UnsafePointer<Self>, ldb: Int,
        c: UnsafeMutablePointer<Self>, ldc: Int, accumulate: Bool
    ) {
        gemm(
            transA: transA, transB: transB, m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb, c: c, ldc: ldc,
            accumulate: accumulate, constantA: nil, constantB: nil)
    }
}

extension Float: GemmScalar {
    /// Float32 product; see `GemmScalar.gemm`.
    public static func gemm(
        transA: Bool, transB: Bool, m: Int, n: Int, k: Int,
        a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
        c: UnsafeMutablePointer<Float>, ldc: Int, accumulate: Bool,
        constantA: GemmPanelCache<Float>?, constantB: GemmPanelCache<Float>?
    ) {
        PackedGemm.multiply(
            transA: transA, transB: transB, m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb,
            c: c, ldc: ldc, accumulate: accumulate, constantA: constantA, constantB: constantB)
    }
}

extension Double: GemmScalar {
    /// Float64 product; see `GemmScalar.gemm`.
    public static func gemm(
        transA: Bool, transB: Bool, m: Int, n: Int, k: Int,
        a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int,
        c: UnsafeMutablePointer<Double>, ldc: Int, accumulate: Bool,
        constantA: GemmPanelCache<Double>?, constantB: GemmPanelCache<Double>?
    ) {
        PackedGemm.multiply(
            transA: transA, transB: transB, m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb,
            c: c, ldc: ldc, accumulate: accumulate, constantA: constantA, constantB: constantB)
    }
}

/// The micro-kernel family the process runs: "avx512", "avx2" or "baseline".
///
/// It is the best family in `supportedGemmKernelNames`, chosen once on first use. Setting it to
/// another supported name switches every later product (benchmarks and tests compare families);
/// a product already running keeps the family it started with.
public var gemmKernelName: String {
    get { kernelName(gg_gemm_active_kernel()) }
    set {
        let id = gemmKernelIDs.first { kernelName($0) == newValue }
        require(
            id.map(gg_gemm_set_active_kernel) ?? false,
            "gemm kernel \"\(newValue)\" is not one of \(supportedGemmKernelNames)")
    }
}

/// The micro-kernel families this processor can run, best first.
public var supportedGemmKernelNames: [String] {
    gemmKernelIDs.filter(gg_gemm_kernel_supported).map(kernelName)
}

private let gemmKernelIDs = 0..<Int32(GG_GEMM_KERNEL_COUNT.rawValue)

private func kernelName(_ id: Int32) -> String { String(cString: gg_gemm_kernel_name(id)) }
