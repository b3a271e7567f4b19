/// Float32 C = A·B written with Swift's SIMD16<Float> alone, blocked and packed like the C
/// kernels (kc = 256, 4×16 register tile). It exists to measure the alternative to the C target:
/// the Swift compiler's default x86-64 target has no AVX or FMA and Swift has no per-function
/// target attribute, so SIMD16<Float> lowers to four SSE registers with separate multiply and add.
enum SwiftSIMDMatmul {
    static let mr = 4
    static let nr = 16
    static let kc = 256
    static let mc = 128

    /// Square n×n product; n must be a multiple of 16 (the benchmark sizes are).
    static func multiply(
        n: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>, c: UnsafeMutablePointer<Float>
    ) {
        precondition(n % nr == 0 && n % mr == 0, "SwiftSIMDMatmul needs n divisible by \(nr), got \(n)")
        let packedB = UnsafeMutablePointer<Float>.allocate(capacity: kc * n)
        let packedA = UnsafeMutablePointer<Float>.allocate(capacity: mc * kc)
        defer { packedB.deallocate(); packedA.deallocate() }
        for pc in stride(from: 0, to: n, by: kc) {
            let depth = min(kc, n - pc)
            for j0 in stride(from: 0, to: n, by: nr) {
                for p in 0..<depth {
                    (packedB + j0 * depth + p * nr).update(from: b + (pc + p) * n + j0, count: nr)
                }
            }
            for ic in stride(from: 0, to: n, by: mc) {
                let rows = min(mc, n - ic)
                for i0 in stride(from: 0, to: rows, by: mr) {
                    for p in 0..<depth {
                        for i in 0..<mr {
                            packedA[i0 * depth + p * mr + i] = a[(ic + i0 + i) * n + pc + p]
                        }
                    }
                }
                for j0 in stride(from: 0, to: n, by: nr) {
                    for i0 in stride(from: 0, to: rows, by: mr) {
                        microKernel(
                            depth: depth, a: packedA + i0 * depth, b: packedB + j0 * depth,
                            c: c + (ic + i0) * n + j0, ldc: n, accumulate: pc > 0)
                    }
                }
            }
        }
    }

    @inline(__always)
    static func microKernel(
        depth: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>, c: UnsafeMutablePointer<Float>,
        ldc: Int, accumulate: Bool
    ) {
        var c0 = SIMD16<Float>(), c1 = SIMD16<Float>(), c2 = SIMD16<Float>(), c3 = SIMD16<Float>()
        let bRaw = UnsafeRawPointer(b)
        for p in 0..<depth {
            let bv = bRaw.loadUnaligned(fromByteOffset: p * nr * 4, as: SIMD16<Float>.self)
            let ap = a + p * mr
            c0 += bv * ap[0]
            c1 += bv * ap[1]
            c2 += bv * ap[2]
            c3 += bv * ap[3]
        }
        for (i, sum) in [c0, c1, c2, c3].enumerated() {
            let rowPointer = UnsafeMutableRawPointer(c + i * ldc)
            let old = accumulate ? rowPointer.loadUnaligned(as: SIMD16<Float>.self) : SIMD16<Float>()
            rowPointer.storeBytes(of: old + sum, as: SIMD16<Float>.self)
        }
    }
}
