import Calculus

/// Elementwise and reduction kernels, implemented once generically and instantiated for
/// `Float` and `Double` in the extensions below, so that callers in other modules reach
/// specialized, vectorizable loops through a single protocol call per operation.
public protocol ElementKernels {
    /// out[i] = p(x[i]) for `count` elements.
    static func unaryKernel(
        _ p: UnaryPrimitive, _ x: UnsafePointer<Self>, _ out: UnsafeMutablePointer<Self>, count: Int)
    /// out = p(lhs, rhs) under the broadcast `plan`.
    static func binaryKernel(
        _ p: BinaryPrimitive, _ lhs: UnsafePointer<Self>, _ rhs: UnsafePointer<Self>,
        _ out: UnsafeMutablePointer<Self>, plan: BroadcastPlan)
    /// Reduces `x` viewed as [outer, length, inner] along the middle axis into out [outer, inner].
    static func reduceKernel(
        _ op: ReductionOp, _ x: UnsafePointer<Self>, _ out: UnsafeMutablePointer<Self>,
        outer: Int, length: Int, inner: Int)
}

/// The associative reductions the kernels provide.
public enum ReductionOp: Sendable {
    case sum, max, min
}

/// Contiguous work below this many elements stays on the calling thread.
@usableFromInline let elementwiseGrain = 1 << 15

@inline(__always)
func mapUnary<S: TensorScalar>(
    _ x: UnsafePointer<S>, _ out: UnsafeMutablePointer<S>, _ count: Int, _ f: (S) -> S
) {
    parallelChunks(count: count, grain: elementwiseGrain) { range in
        for i in range { out[i] = f(x[i]) }
    }
}

@inline(__always)
func unaryKernelImpl<S: TensorScalar>(
    _ p: UnaryPrimitive, _ x: UnsafePointer<S>, _ out: UnsafeMutablePointer<S>, _ n: Int
) {
    // One loop per primitive, with the primitive a constant inside it, so each loop compiles
    // to straight-line (and, where the function allows, vectorized) code.
    switch p {
    case .negate: mapUnary(x, out, n) { UnaryPrimitive.negate($0) }
    case .exp: mapUnary(x, out, n) { UnaryPrimitive.exp($0) }
    case .log: mapUnary(x, out, n) { UnaryPrimitive.log($0) }
    case .sin: mapUnary(x, out, n) { UnaryPrimitive.sin($0) }
    case .cos: mapUnary(x, out, n) { UnaryPrimitive.cos($0) }
    case .tan: mapUnary(x, out, n) { UnaryPrimitive.tan($0) }
    case .asin: mapUnary(x, out, n) { UnaryPrimitive.asin($0) }
    case .acos: mapUnary(x, out, n) { UnaryPrimitive.acos($0) }
    case .atan: mapUnary(x, out, n) { UnaryPrimitive.atan($0) }
    case .sinh: mapUnary(x, out, n) { UnaryPrimitive.sinh($0) }
    case .cosh: mapUnary(x, out, n) { UnaryPrimitive.cosh($0) }
    case .tanh: mapUnary(x, out, n) { UnaryPrimitive.tanh($0) }
    case .sqrt: mapUnary(x, out, n) { UnaryPrimitive.sqrt($0) }
    case .abs: mapUnary(x, out, n) { UnaryPrimitive.abs($0) }
    case .sigmoid: mapUnary(x, out, n) { UnaryPrimitive.sigmoid($0) }
    case .relu: mapUnary(x, out, n) { UnaryPrimitive.relu($0) }
    case .softplus: mapUnary(x, out, n) { UnaryPrimitive.softplus($0) }
    case .log1p: mapUnary(x, out, n) { UnaryPrimitive.log1p($0) }
    case .expm1: mapUnary(x, out, n) { UnaryPrimitive.expm1($0) }
    case .square: mapUnary(x, out, n) { UnaryPrimitive.square($0) }
    case .sign: mapUnary(x, out, n) { UnaryPrimitive.sign($0) }
    case .step: mapUnary(x, out, n) { UnaryPrimitive.step($0) }
    }
}

@inline(__always)
func mapBinary<S: TensorScalar>(
    _ a: UnsafePointer<S>, _ b: UnsafePointer<S>, _ out: UnsafeMutablePointer<S>,
    _ plan: BroadcastPlan, _ f: (S, S) -> S
) {
    if plan.isElementwise {
        parallelChunks(count: plan.count, grain: elementwiseGrain) { range in
            for i in range { out[i] = f(a[i], b[i]) }
        }
        return
    }
    let inner = max(plan.shape.last ?? 1, 1)
    parallelChunks(count: plan.rowCount, grain: max(1, elementwiseGrain / inner)) { rows in
        plan.forEachRun(rows: rows) { o, lo, ro, ls, rs, n in
            // The three common run shapes get stride-free loops that vectorize.
            if ls == 1 && rs == 1 {
                for i in 0..<n { out[o + i] = f(a[lo + i], b[ro + i]) }
            } else if ls == 1 && rs == 0 {
                let y = b[ro]
                for i in 0..<n { out[o + i] = f(a[lo + i], y) }
            } else if ls == 0 && rs == 1 {
                let x = a[lo]
                for i in 0..<n { out[o + i] = f(x, b[ro + i]) }
            } else {
                for i in 0..<n { out[o + i] = f(a[lo + i * ls], b[ro + i * rs]) }
            }
        }
    }
}

@inline(__always)
func binaryKernelImpl<S: TensorScalar>(
    _ p: BinaryPrimitive, _ a: UnsafePointer<S>, _ b: UnsafePointer<S>,
    _ out: UnsafeMutablePointer<S>, _ plan: BroadcastPlan
) {
    switch p {
    case .add: mapBinary(a, b, out, plan) { BinaryPrimitive.add($0, $1) }
    case .subtract: mapBinary(a, b, out, plan) { BinaryPrimitive.subtract($0, $1) }
    case .multiply: mapBinary(a, b, out, plan) { BinaryPrimitive.multiply($0, $1) }
    case .divide: mapBinary(a, b, out, plan) { BinaryPrimitive.divide($0, $1) }
    case .pow: mapBinary(a, b, out, plan) { BinaryPrimitive.pow($0, $1) }
    case .maximum: mapBinary(a, b, out, plan) { BinaryPrimitive.maximum($0, $1) }
    case .minimum: mapBinary(a, b, out, plan) { BinaryPrimitive.minimum($0, $1) }
    case .atan2: mapBinary(a, b, out, plan) { BinaryPrimitive.atan2($0, $1) }
    }
}

@inline(__always)
func reduceRun<S: TensorScalar>(_ op: ReductionOp, _ x: UnsafePointer<S>, _ n: Int) -> S {
    // Eight independent accumulators in a fixed pattern: vectorizes, and the result depends
    // only on n, never on how work was split between threads.
    switch op {
    case .sum:
        var acc = SIMD8<S>()
        var i = 0
        while i + 8 <= n {
            acc += UnsafeRawPointer(x + i).loadUnaligned(as: SIMD8<S>.self)
            i += 8
        }
        var s = acc.sum()
        while i < n { s += x[i]; i += 1 }
        return s
    case .max, .min:
        // NaN wins, as in NumPy and PyTorch: once best is NaN no comparison replaces it.
        var best = n > 0 ? x[0] : (op == .max ? -S.infinity : S.infinity)
        var i = 1
        if op == .max {
            while i < n { let v = x[i]; if v > best || v.isNaN { best = v }; i += 1 }
        } else {
            while i < n { let v = x[i]; if v < best || v.isNaN { best = v }; i += 1 }
        }
        return best
    }
}

@inline(__always)
func reduceKernelImpl<S: TensorScalar>(
    _ op: ReductionOp, _ x: UnsafePointer<S>, _ out: UnsafeMutablePointer<S>,
    _ outer: Int, _ length: Int, _ inner: Int
) {
    if inner == 1 {
        if outer == 1 {
            // One long run: fixed-size blocks reduced in parallel, combined in block order.
            let block = 1 << 16
            let blocks = max(1, (length + block - 1) / block)
            var partial = [S](repeating: 0, count: blocks)
            partial.withUnsafeMutableBufferPointer { p in
                let pp = p.baseAddress!
                parallelChunks(count: blocks, grain: 1) { range in
                    for b in range {
                        let start = b * block
                        pp[b] = reduceRun(op, x + start, min(block, length - start))
                    }
                }
            }
            out[0] = partial.withUnsafeBufferPointer { reduceRun(op, $0.baseAddress!, blocks) }
            return
        }
        parallelChunks(count: outer, grain: max(1, elementwiseGrain / max(length, 1))) { rows in
            for o in rows { out[o] = reduceRun(op, x + o * length, length) }
        }
        return
    }
    parallelChunks(count: outer, grain: max(1, elementwiseGrain / max(length * inner, 1))) { rows in
        for o in rows {
            let dst = out + o * inner
            let src = x + o * length * inner
            if length == 0 {
                let empty: S = op == .sum ? 0 : (op == .max ? -S.infinity : S.infinity)
                for i in 0..<inner { dst[i] = empty }
                continue
            }
            for i in 0..<inner { dst[i] = src[i] }
            for k in 1..<length {
                let row = src + k * inner
                switch op {
                case .sum: for i in 0..<inner { dst[i] += row[i] }
                case .max: for i in 0..<inner where row[i] > dst[i] || row[i].isNaN { dst[i] = row[i] }
                case .min: for i in 0..<inner where row[i] < dst[i] || row[i].isNaN { dst[i] = row[i] }
                }
            }
        }
    }
}

extension Float: ElementKernels {
    public static func unaryKernel(_ p: UnaryPrimitive, _ x: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, count: Int) {
        unaryKernelImpl(p, x, out, count)
    }
    public static func binaryKernel(
        _ p: BinaryPrimitive, _ lhs: UnsafePointer<Float>, _ rhs: UnsafePointer<Float>,
        _ out: UnsafeMutablePointer<Float>, plan: BroadcastPlan
    ) { binaryKernelImpl(p, lhs, rhs, out, plan) }
    public static func reduceKernel(
        _ op: ReductionOp, _ x: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>,
        outer: Int, length: Int, inner: Int
    ) { reduceKernelImpl(op, x, out, outer, length, inner) }
}

extension Double: ElementKernels {
    public static func unaryKernel(_ p: UnaryPrimitive, _ x: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>, count: Int) {
        unaryKernelImpl(p, x, out, count)
    }
    public static func binaryKernel(
        _ p: BinaryPrimitive, _ lhs: UnsafePointer<Double>, _ rhs: UnsafePointer<Double>,
        _ out: UnsafeMutablePointer<Double>, plan: BroadcastPlan
    ) { binaryKernelImpl(p, lhs, rhs, out, plan) }
    public static func reduceKernel(
        _ op: ReductionOp, _ x: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>,
        outer: Int, length: Int, inner: Int
    ) { reduceKernelImpl(op, x, out, outer, length, inner) }
}
