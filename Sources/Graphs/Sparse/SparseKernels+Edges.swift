import Tensors

/// A per-edge combination of two node-feature rows (SDDMM), or the copy of one (a gather).
struct EdgeJob {
    enum Operation { case copy, add, subtract, multiply, dot }

    var operation: Operation
    var edgeCount: Int
    /// A node row holds `heads × headWidth` scalars; `dot` reduces each head to one scalar,
    /// the other operations keep the row's width.
    var heads: Int
    var headWidth: Int
    /// Per edge: the node row of `lhs` and of `rhs` (`rhs` is ignored by `copy`).
    var lhsRows: UnsafePointer<Int32>
    var rhsRows: UnsafePointer<Int32>
    var lhs: UnsafeRawPointer
    var rhs: UnsafeRawPointer
    var output: UnsafeMutableRawPointer
}

@inline(__always)
func combineEdgesImpl<S: TensorScalar>(_ job: EdgeJob, as _: S.Type) {
    let width = job.heads * job.headWidth
    let lhs = job.lhs.assumingMemoryBound(to: S.self)
    let rhs = job.rhs.assumingMemoryBound(to: S.self)
    let output = job.output.assumingMemoryBound(to: S.self)
    // Each edge writes only its own output row, so any split of the edges is race-free and
    // gives the same bits.
    @inline(__always) func forEachEdge(_ body: (Int, UnsafePointer<S>, UnsafePointer<S>) -> Void) {
        parallelChunks(count: job.edgeCount, grain: max(1, sparseChunkWork / max(width, 1))) { edges in
            for e in edges {
                body(e, lhs + Int(job.lhsRows[e]) * width, rhs + Int(job.rhsRows[e]) * width)
            }
        }
    }
    switch job.operation {
    case .copy:
        forEachEdge { e, a, _ in (output + e * width).update(from: a, count: width) }
    case .add:
        forEachEdge { e, a, b in
            let o = output + e * width
            for i in 0..<width { o[i] = a[i] + b[i] }
        }
    case .subtract:
        forEachEdge { e, a, b in
            let o = output + e * width
            for i in 0..<width { o[i] = a[i] - b[i] }
        }
    case .multiply:
        forEachEdge { e, a, b in
            let o = output + e * width
            for i in 0..<width { o[i] = a[i] * b[i] }
        }
    case .dot:
        forEachEdge { e, a, b in
            for h in 0..<job.heads {
                let offset = h * job.headWidth
                output[e * job.heads + h] = dotProduct(a + offset, b + offset, count: job.headWidth)
            }
        }
    }
}

/// Σ a[i]·b[i] in a fixed pattern (16 lanes, then the tail), independent of threading.
@inline(__always)
func dotProduct<S: TensorScalar>(_ a: UnsafePointer<S>, _ b: UnsafePointer<S>, count: Int) -> S {
    typealias V = SIMD16<S>
    var acc = V()
    var i = 0
    while i + 16 <= count {
        acc += UnsafeRawPointer(a + i).loadUnaligned(as: V.self) * UnsafeRawPointer(b + i).loadUnaligned(as: V.self)
        i += 16
    }
    var s = acc.sum()
    while i < count {
        s += a[i] * b[i]
        i += 1
    }
    return s
}
