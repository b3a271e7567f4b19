import CKernels
import Calculus

/// Elementwise and reduction kernels, implemented once generically and instantiated for
/// `Float` and `Double` in the extensions below, so that callers in other modules reach
/// specialized, vectorizable loops through a single protocol call per operation.
public protocol ElementKernels {
    /// Writes `value` into `count` elements. A requirement, so that generic code (which would
    /// copy element by element through the type's value witness) fills in a specialized loop.
    static func fill(_ out: UnsafeMutablePointer<Self>, with value: Self, count: Int)
    /// out[i] = p(x[i]) for `count` elements.
    static func unaryKernel(
        _ p: UnaryPrimitive, _ x: UnsafePointer<Self>, _ out: UnsafeMutablePointer<Self>, count: Int)
    /// out[i] = cotangent[i] · p′(x[i]) for `count` elements, where y[i] = p(x[i]): the
    /// reverse-mode rule of a unary primitive in one pass, with p′ from the rule table
    /// evaluated on scalars.
    static func unaryPullbackKernel(
        _ p: UnaryPrimitive, _ x: UnsafePointer<Self>, _ y: UnsafePointer<Self>,
        _ cotangent: UnsafePointer<Self>, _ out: UnsafeMutablePointer<Self>, count: Int)
    /// out = p(lhs, rhs) under the broadcast `plan`.
    static func binaryKernel(
        _ p: BinaryPrimitive, _ lhs: UnsafePointer<Self>, _ rhs: UnsafePointer<Self>,
        _ out: UnsafeMutablePointer<Self>, plan: BroadcastPlan)
    /// The sum of `count` contiguous elements, in an order fixed by `count` alone.
    static func contiguousSum(_ x: UnsafePointer<Self>, count: Int) -> Self
    /// out[i] = Σ_k x[k·stride + i] for i in 0..<width, k in 0..<rows (rows ≥ 1), added in k's
    /// order.
    static func columnSums(_ x: UnsafePointer<Self>, stride: Int, rows: Int, width: Int, into out: UnsafeMutablePointer<Self>)
    /// Reduces `x` viewed as [outer, length, inner] along the middle axis into out [outer, inner].
    static func reduceKernel(
        _ op: ReductionOp, _ x: UnsafePointer<Self>, _ out: UnsafeMutablePointer<Self>,
        outer: Int, length: Int, inner: Int)
}

extension ElementKernels {
    public static func fill(_ out: UnsafeMutablePointer<Self>, with value: Self, count: Int) {
        out.initialize(repeating: value, count: count)
    }
}

/// The associative reductions the kernels provide.
public enum ReductionOp: Sendable {
    case sum, max, min
}

/// Contiguous work below this many elements stays on the calling thread: waking a second
/// thread costs more than a memory-bound pass over a few hundred thousand scalars (a
/// [2708, 64] activation ran slower on two threads with chunks of 2¹⁵).
@usableFromInline let elementwiseGrain = 1 << 18

/// A unary primitive fixed at compile time. Loops take the primitive as a type parameter, not
/// as a closure: a closure captured by the per-chunk closure stays an indirect call per element,
/// while a type parameter specializes into a straight (often vectorized) loop.
@usableFromInline protocol StaticUnary {
    static var primitive: UnaryPrimitive { get }
    /// The primitive at one element; a type may shortcut values whose result is known.
    static func apply<S: TensorScalar>(_ x: S) -> S
}

extension StaticUnary {
    @inline(__always) @usableFromInline static func apply<S: TensorScalar>(_ x: S) -> S { primitive(x) }
}

/// A binary primitive fixed at compile time (see ``StaticUnary``).
@usableFromInline protocol StaticBinary { static var primitive: BinaryPrimitive { get } }

@usableFromInline enum Unary_negate: StaticUnary { @inlinable static var primitive: UnaryPrimitive { .negate } }
@usableFromInline enum Unary_exp: StaticUnary { @inlinable static var primitive: UnaryPrimitive { .exp } }
@usableFromInline enum Unary_log: StaticUnary { @inlinable static var primitive: UnaryPrimitive { .log } }
@usableFromInline enum Unary_sin: StaticUnary { @inlinable static var primitive: UnaryPrimitive { .sin } }
@usableFromInline enum Unary_cos: StaticUnary { @inlinable static var primitive: UnaryPrimitive { .cos } }
@usableFromInline enum Unary_tan: StaticUnary { @inlinable static var primitive: UnaryPrimitive { .tan } }
@usableFromInline enum Unary_asin: StaticUnary { @inlinable static var primitive: UnaryPrimitive { .asin } }
@usableFromInline enum Unary_acos: StaticUnary { @inlinable static var primitive: UnaryPrimitive { .acos } }
@usableFromInline enum Unary_atan: StaticUnary { @inlinable static var primitive: UnaryPrimitive { .atan } }
@usableFromInline enum Unary_sinh: StaticUnary { @inlinable static var primitive: UnaryPrimitive { .sinh } }
@usableFromInline enum Unary_cosh: StaticUnary { @inlinable static var primitive: UnaryPrimitive { .cosh } }
@usableFromInline enum Unary_tanh: StaticUnary { @inlinable static var primitive: UnaryPrimitive { .tanh } }
@usableFromInline enum Unary_sqrt: StaticUnary { @inlinable static var primitive: UnaryPrimitive { .sqrt } }
@usableFromInline enum Unary_abs: StaticUnary { @inlinable static var primitive: UnaryPrimitive { .abs } }
@usableFromInline enum Unary_sigmoid: StaticUnary { @inlinable static var primitive: UnaryPrimitive { .sigmoid } }
@usableFromInline enum Unary_relu: StaticUnary { @inlinable static var primitive: UnaryPrimitive { .relu } }
@usableFromInline enum Unary_softplus: StaticUnary { @inlinable static var primitive: UnaryPrimitive { .softplus } }
@usableFromInline enum Unary_log1p: StaticUnary { @inlinable static var primitive: UnaryPrimitive { .log1p } }
@usableFromInline enum Unary_expm1: StaticUnary { @inlinable static var primitive: UnaryPrimitive { .expm1 } }
@usableFromInline enum Unary_elu: StaticUnary { @inlinable static var primitive: UnaryPrimitive { .elu } }
@usableFromInline enum Unary_square: StaticUnary { @inlinable static var primitive: UnaryPrimitive { .square } }
@usableFromInline enum Unary_sign: StaticUnary { @inlinable static var primitive: UnaryPrimitive { .sign } }
@usableFromInline enum Unary_step: StaticUnary { @inlinable static var primitive: UnaryPrimitive { .step } }
@usableFromInline enum Binary_add: StaticBinary { @inlinable static var primitive: BinaryPrimitive { .add } }
@usableFromInline enum Binary_subtract: StaticBinary { @inlinable static var primitive: BinaryPrimitive { .subtract } }
@usableFromInline enum Binary_multiply: StaticBinary { @inlinable static var primitive: BinaryPrimitive { .multiply } }
@usableFromInline enum Binary_divide: StaticBinary { @inlinable static var primitive: BinaryPrimitive { .divide } }
@usableFromInline enum Binary_pow: StaticBinary { @inlinable static var primitive: BinaryPrimitive { .pow } }
@usableFromInline enum Binary_maximum: StaticBinary { @inlinable static var primitive: BinaryPrimitive { .maximum } }
@usableFromInline enum Binary_minimum: StaticBinary { @inlinable static var primitive: BinaryPrimitive { .minimum } }
@usableFromInline enum Binary_atan2: StaticBinary { @inlinable static var primitive: BinaryPrimitive { .atan2 } }

/// A loop over the elements with a unary primitive fixed at compile time; ``dispatch(_:_:)``
/// turns the run-time primitive into the type.
@usableFromInline protocol UnaryLoop { func run<F: StaticUnary>(_: F.Type) }

/// out[i] = p(x[i]).
struct UnaryMap<S: TensorScalar>: UnaryLoop {
    let x: UnsafePointer<S>, out: UnsafeMutablePointer<S>, count: Int

    @inline(__always) func run<F: StaticUnary>(_: F.Type) {
        let (x, out) = (x, out)
        let streams = streamsOutput(count: count, of: S.self)
        parallelChunks(count: count, grain: elementwiseGrain) { range in
            writeElements(out, range, streaming: streams) { F.apply(x[$0]) }
            if streams { gg_stream_fence() }
        }
    }
}

/// out[i] = cotangent[i] · p′(x[i]), p′ evaluated as the rule table writes it, so that the
/// result has the bits of the same rule evaluated with tensor operations.
struct UnaryPullbackMap<S: TensorScalar>: UnaryLoop {
    let x: UnsafePointer<S>, y: UnsafePointer<S>, cotangent: UnsafePointer<S>, out: UnsafeMutablePointer<S>, count: Int

    @inline(__always) func run<F: StaticUnary>(_: F.Type) {
        let (x, y, cotangent, out) = (x, y, cotangent, out)
        let streams = streamsOutput(count: count, of: S.self)
        parallelChunks(count: count, grain: elementwiseGrain) { range in
            writeElements(out, range, streaming: streams) { cotangent[$0] * F.primitive.derivative(at: x[$0], output: y[$0]) }
            if streams { gg_stream_fence() }
        }
    }
}

@inline(__always)
func dispatch<L: UnaryLoop>(_ p: UnaryPrimitive, _ loop: L) {
    switch p {
    case .negate: loop.run(Unary_negate.self)
    case .exp: loop.run(Unary_exp.self)
    case .log: loop.run(Unary_log.self)
    case .sin: loop.run(Unary_sin.self)
    case .cos: loop.run(Unary_cos.self)
    case .tan: loop.run(Unary_tan.self)
    case .asin: loop.run(Unary_asin.self)
    case .acos: loop.run(Unary_acos.self)
    case .atan: loop.run(Unary_atan.self)
    case .sinh: loop.run(Unary_sinh.self)
    case .cosh: loop.run(Unary_cosh.self)
    case .tanh: loop.run(Unary_tanh.self)
    case .sqrt: loop.run(Unary_sqrt.self)
    case .abs: loop.run(Unary_abs.self)
    case .sigmoid: loop.run(Unary_sigmoid.self)
    case .relu: loop.run(Unary_relu.self)
    case .softplus: loop.run(Unary_softplus.self)
    case .log1p: loop.run(Unary_log1p.self)
    case .expm1: loop.run(Unary_expm1.self)
    case .elu: loop.run(Unary_elu.self)
    case .square: loop.run(Unary_square.self)
    case .sign: loop.run(Unary_sign.self)
    case .step: loop.run(Unary_step.self)
    }
}

@inline(__always)
func mapBinary<S: TensorScalar, F: StaticBinary>(
    _: F.Type, _ a: UnsafePointer<S>, _ b: UnsafePointer<S>, _ out: UnsafeMutablePointer<S>,
    _ plan: BroadcastPlan
) {
    @inline(__always) func f(_ x: S, _ y: S) -> S { F.primitive(x, y) }
    let streams = streamsOutput(count: plan.count, of: S.self)
    if plan.isElementwise {
        parallelChunks(count: plan.count, grain: elementwiseGrain) { range in
            writeElements(out, range, streaming: streams) { f(a[$0], b[$0]) }
            if streams { gg_stream_fence() }
        }
        return
    }
    // Chunks of elements, not of rows, so that a long row (a vector times a scalar) is
    // split between threads too.
    parallelChunks(count: plan.count, grain: elementwiseGrain) { elements in
        plan.forEachRun(elements: elements) { o, lo, ro, ls, rs, n in
            // Offset pointers rather than `out[o + i]`: the overflow check on `o + i` keeps a
            // loop from vectorizing. The three common run shapes get stride-free loops.
            let (out, a, b) = (out + o, a + lo, b + ro)
            if ls == 1 && rs == 1 {
                writeElements(out, 0..<n, streaming: streams) { f(a[$0], b[$0]) }
            } else if ls == 1 && rs == 0 {
                let y = b[0]
                writeElements(out, 0..<n, streaming: streams) { f(a[$0], y) }
            } else if ls == 0 && rs == 1 {
                let x = a[0]
                writeElements(out, 0..<n, streaming: streams) { f(x, b[$0]) }
            } else {
                writeElements(out, 0..<n, streaming: streams) { f(a[$0 &* ls], b[$0 &* rs]) }
            }
        }
        if streams { gg_stream_fence() }
    }
}

@inline(__always)
func binaryKernelImpl<S: TensorScalar>(
    _ p: BinaryPrimitive, _ a: UnsafePointer<S>, _ b: UnsafePointer<S>,
    _ out: UnsafeMutablePointer<S>, _ plan: BroadcastPlan
) {
    switch p {
    case .add: mapBinary(Binary_add.self, a, b, out, plan)
    case .subtract: mapBinary(Binary_subtract.self, a, b, out, plan)
    case .multiply: mapBinary(Binary_multiply.self, a, b, out, plan)
    case .divide: mapBinary(Binary_divide.self, a, b, out, plan)
    case .pow: mapBinary(Binary_pow.self, a, b, out, plan)
    case .maximum: mapBinary(Binary_maximum.self, a, b, out, plan)
    case .minimum: mapBinary(Binary_minimum.self, a, b, out, plan)
    case .atan2: mapBinary(Binary_atan2.self, a, b, out, plan)
    }
}

@inline(__always)
func reduceRun<S: TensorScalar>(_ op: ReductionOp, _ x: UnsafePointer<S>, _ n: Int) -> S {
    // Each run's result depends only on its length, never on how work was split between
    // threads.
    switch op {
    case .sum:
        return S.contiguousSum(x, count: n)
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
    guard inner > 0 else { return }
    // Tiles of `columns` columns of one [length, inner] slice, so that a single slice (a sum
    // over rows of a matrix) is split between threads too. Each output element is still summed
    // over k in order by one task. A tile reads at least 2048 contiguous elements per row:
    // narrower ones (256) ran at half the speed on one thread, the prefetchers losing the stream.
    let columns = min(inner, max(2048, elementwiseGrain / max(length, 1)))
    let tilesPerSlice = (inner + columns - 1) / columns
    parallelChunks(count: outer * tilesPerSlice, grain: max(1, elementwiseGrain / max(length * columns, 1))) { tiles in
        for tile in tiles {
            let (o, first) = (tile / tilesPerSlice, tile % tilesPerSlice * columns)
            let width = min(columns, inner - first)
            let dst = out + o * inner + first
            let src = x + o * length * inner + first
            if length == 0 {
                let empty: S = op == .sum ? 0 : (op == .max ? -S.infinity : S.infinity)
                for i in 0..<width { dst[i] = empty }
                continue
            }
            if op == .sum {
                S.columnSums(src, stride: inner, rows: length, width: width, into: dst)
                continue
            }
            for i in 0..<width { dst[i] = src[i] }
            for k in 1..<length {
                let row = src + k * inner
                if op == .max {
                    for i in 0..<width where row[i] > dst[i] || row[i].isNaN { dst[i] = row[i] }
                } else {
                    for i in 0..<width where row[i] < dst[i] || row[i].isNaN { dst[i] = row[i] }
                }
            }
        }
    }
}

extension Float: ElementKernels {
    public static func contiguousSum(_ x: UnsafePointer<Float>, count: Int) -> Float { gg_sum_f32(x, Int64(count)) }
    public static func columnSums(_ x: UnsafePointer<Float>, stride: Int, rows: Int, width: Int, into out: UnsafeMutablePointer<Float>) {
        gg_column_sums_f32(x, Int64(stride), Int64(rows), Int64(width), out)
    }
    public static func unaryKernel(_ p: UnaryPrimitive, _ x: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, count: Int) {
        guard p == .exp || p == .expm1 || p == .elu else { return dispatch(p, UnaryMap(x: x, out: out, count: count)) }
        // libm's expf and expm1f are scalar calls; the C kernels evaluate them in the vector ISA
        // (exp is every softmax's, ELU is GAT's activation).
        parallelChunks(count: count, grain: elementwiseGrain) { range in
            let (x, out, n) = (x + range.lowerBound, out + range.lowerBound, Int64(range.count))
            if p == .exp { gg_exp_f32(x, out, n) } else { gg_expm1_f32(x, out, n, p == .elu) }
        }
    }
    public static func unaryPullbackKernel(
        _ p: UnaryPrimitive, _ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ cotangent: UnsafePointer<Float>,
        _ out: UnsafeMutablePointer<Float>, count: Int
    ) { dispatch(p, UnaryPullbackMap(x: x, y: y, cotangent: cotangent, out: out, count: count)) }
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
    public static func contiguousSum(_ x: UnsafePointer<Double>, count: Int) -> Double { gg_sum_f64(x, Int64(count)) }
    public static func columnSums(_ x: UnsafePointer<Double>, stride: Int, rows: Int, width: Int, into out: UnsafeMutablePointer<Double>) {
        gg_column_sums_f64(x, Int64(stride), Int64(rows), Int64(width), out)
    }
    public static func unaryKernel(_ p: UnaryPrimitive, _ x: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>, count: Int) {
        dispatch(p, UnaryMap(x: x, out: out, count: count))
    }
    public static func unaryPullbackKernel(
        _ p: UnaryPrimitive, _ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>, _ cotangent: UnsafePointer<Double>,
        _ out: UnsafeMutablePointer<Double>, count: Int
    ) { dispatch(p, UnaryPullbackMap(x: x, y: y, cotangent: cotangent, out: out, count: count)) }
    public static func binaryKernel(
        _ p: BinaryPrimitive, _ lhs: UnsafePointer<Double>, _ rhs: UnsafePointer<Double>,
        _ out: UnsafeMutablePointer<Double>, plan: BroadcastPlan
    ) { binaryKernelImpl(p, lhs, rhs, out, plan) }
    public static func reduceKernel(
        _ op: ReductionOp, _ x: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>,
        outer: Int, length: Int, inner: Int
    ) { reduceKernelImpl(op, x, out, outer, length, inner) }
}
