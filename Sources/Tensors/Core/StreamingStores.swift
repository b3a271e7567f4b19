import CKernels

/// Output bytes from which elementwise kernels store with non-temporal stores (16 MiB, four
/// times a core's L2 here). An ordinary store reads the line into the cache first, so a kernel
/// writing an output that leaves the cache anyway moves its bytes twice: `a * 2` and `relu` on
/// 64 MiB ran at 58–67% of memcpy's rate that way, and as fast as memcpy with non-temporal stores.
/// A smaller output stays in the cache for the operation that reads it next.
@usableFromInline let streamingOutputBytes = 16 << 20

/// Whether a kernel writing `count` elements of `S` stores them non-temporally.
@inline(__always)
func streamsOutput<S>(count: Int, of _: S.Type) -> Bool {
    count * MemoryLayout<S>.stride >= streamingOutputBytes
}

/// Writes `value(i)` to `out[i]` for i in `range`, in index order, with non-temporal stores when
/// `streaming` (16 bytes at a time, ordinary stores up to the first 16-byte boundary and after the
/// last whole vector). The values are the same either way; only how they reach memory differs.
/// A caller that streams calls `gg_stream_fence()` before its output is handed on.
@inline(__always)
func writeElements<S: TensorScalar>(
    _ out: UnsafeMutablePointer<S>, _ range: Range<Int>, streaming: Bool, _ value: (Int) -> S
) {
    guard streaming else {
        for i in range { out[i] = value(i) }
        return
    }
    // Wrapping arithmetic: i stays within `range`, and overflow checks would cost a branch per
    // vector.
    let end = range.upperBound
    var i = range.lowerBound
    while i < end && Int(bitPattern: out + i) & 15 != 0 {
        out[i] = value(i)
        i &+= 1
    }
    let raw = UnsafeMutableRawPointer(out)
    if S.self == Float.self {
        while end &- i >= 4 {
            let v = SIMD4(
                unsafeBitCast(value(i), to: Float.self), unsafeBitCast(value(i &+ 1), to: Float.self),
                unsafeBitCast(value(i &+ 2), to: Float.self), unsafeBitCast(value(i &+ 3), to: Float.self))
            gg_stream_store16(raw + (i &* 4), v)
            i &+= 4
        }
    } else {
        while end &- i >= 2 {
            let v = SIMD2(unsafeBitCast(value(i), to: Double.self), unsafeBitCast(value(i &+ 1), to: Double.self))
            gg_stream_store16(raw + (i &* 8), unsafeBitCast(v, to: SIMD4<Float>.self))
            i &+= 2
        }
    }
    while i < end {
        out[i] = value(i)
        i &+= 1
    }
}
