import CKernels
import Tensors

/// How many slots ahead the kernels prefetch the input rows they will read. The distance runs
/// across row boundaries (most rows have fewer slots than this), so it is the number of random
/// row loads kept in flight; on the SpMM benchmark 32–64 were fastest, 8 and 128 slower.
let prefetchDistance = 32

/// Inputs up to this many bytes are read without prefetching: they stay in the caches after the
/// first touches, and the hints would only add instructions (Cora's GCN trained about 20% slower
/// with them).
let prefetchInputBytes = 4 << 20

/// A segment reduction: row r of the output combines the input rows named by the slots
/// `indptr[r]..<indptr[r+1]` of a compressed adjacency.
struct AggregationJob {
    var aggregation: Aggregation
    var rowCount: Int
    /// Number of weights per edge; an input row holds `heads × headWidth` scalars and head h
    /// of it is scaled by the edge's weight h.
    var heads: Int
    var headWidth: Int
    var indptr: UnsafePointer<Int>
    /// Per slot: the input row to read (the neighbour for node features, the edge for edge
    /// features).
    var inputRows: UnsafePointer<Int32>
    /// Per slot: the edge, which indexes `weights` and `choice`.
    var edgeIDs: UnsafePointer<Int32>
    var input: UnsafeRawPointer
    /// `[edgeCount, heads]` weights, or nil for weight 1.
    var weights: UnsafeRawPointer?
    var output: UnsafeMutableRawPointer
    /// Whether rows ahead are prefetched (inputs larger than ``prefetchInputBytes``).
    var prefetches: Bool
    /// For max and min: the edge chosen for each output scalar, −1 in rows without slots.
    var choice: UnsafeMutablePointer<Int32>?
}

@inline(__always)
func aggregateImpl<S: TensorScalar>(_ job: AggregationJob, as _: S.Type) {
    let width = job.heads * job.headWidth
    guard width > 0 else { return }
    let input = job.input.assumingMemoryBound(to: S.self)
    let weights = job.weights?.assumingMemoryBound(to: S.self)
    let output = job.output.assumingMemoryBound(to: S.self)
    // Without weights the heads act as one wide row. Narrow weighted heads (GAT's 8 × 8) would
    // leave the per-head vector accumulators of `SegmentRead.sum` mostly empty: they are summed
    // a whole row per slot instead.
    let heads = weights == nil ? 1 : job.heads
    let headWidth = width / heads
    let sumsWholeRows = heads > 1 && headWidth < SegmentRead<S>.lanes
    forEachBalancedRowRange(indptr: job.indptr, rowCount: job.rowCount, width: width) { rows in
        let prefetchLimit = job.prefetches ? job.indptr[rows.upperBound] : 0
        @inline(__always) func segment(_ head: Int) -> SegmentRead<S> {
            SegmentRead(
                input: input, width: width, column: head * headWidth, inputRows: job.inputRows, edgeIDs: job.edgeIDs,
                weights: weights.map { $0 + head }, weightStride: heads, prefetchLimit: prefetchLimit)
        }
        // Cache-resident sums are bound by arithmetic: the vector ISA's kernel does them, in the
        // same order, where the family has one.
        let summedInVectorISA = (job.aggregation == .sum || job.aggregation == .mean)
            && !job.prefetches && sumInVectorISA(job, heads: heads, headWidth: headWidth, rows: rows, as: S.self)
        for row in rows {
            let slots = job.indptr[row]..<job.indptr[row + 1]
            let out = output + row * width
            switch job.aggregation {
            case .sum, .mean:
                if summedInVectorISA {
                    break
                } else if sumsWholeRows {
                    segment(0).sumHeads(slots, heads: heads, headWidth: headWidth, into: out)
                } else {
                    for head in 0..<heads { segment(head).sum(slots, length: headWidth, into: out + head * headWidth) }
                }
            case .max, .min:
                for head in 0..<heads {
                    let column = head * headWidth
                    let choice = job.choice! + row * width + column
                    if job.aggregation == .max {
                        segment(head).extremum(slots, length: headWidth, into: out + column, choice: choice, replaces: { $0 > $1 })
                    } else {
                        segment(head).extremum(slots, length: headWidth, into: out + column, choice: choice, replaces: { $0 < $1 })
                    }
                }
            }
            if job.aggregation == .mean && slots.count > 1 {
                let scale = 1 / S(slots.count)
                for i in 0..<width { out[i] *= scale }
            }
        }
    }
}

/// Reads the weighted input rows of one head for the slots of a row.
struct SegmentRead<S: TensorScalar> {
    let input: UnsafePointer<S>
    let width: Int
    /// First column of the head within an input row.
    let column: Int
    let inputRows: UnsafePointer<Int32>
    let edgeIDs: UnsafePointer<Int32>
    /// The head's weight of edge 0, then one every `weightStride` scalars; nil for weight 1.
    let weights: UnsafePointer<S>?
    let weightStride: Int
    /// The end of the slots of the rows in this call: prefetches reach into later rows up to it,
    /// never past it, so they only name rows that exist (0: no prefetching).
    let prefetchLimit: Int

    @inline(__always)
    func row(_ slot: Int) -> UnsafePointer<S> {
        input + Int(inputRows[slot]) * width + column
    }

    /// Scalars in the vectors that `sum` accumulates in.
    static var lanes: Int { SIMD16<S>.scalarCount }

    @inline(__always)
    func weight(_ slot: Int, head: Int = 0) -> S {
        guard let weights else { return 1 }
        return weights[Int(edgeIDs[slot]) * weightStride + head]
    }

    /// Hints the cache lines of `count` scalars from column `c` of the row `prefetchDistance`
    /// slots after `slot`, and its weight, unless that slot lies past `prefetchLimit`.
    ///
    /// Every pass over a block of columns hints the same block of the row ahead, even where that
    /// row belongs to a later output row: the later row's pass over the block then finds it
    /// cached, so each block of each row is hinted once, a fixed distance before its use.
    @inline(__always)
    func prefetch(after slot: Int, from c: Int = 0, count: Int) {
        let ahead = slot + prefetchDistance
        guard ahead < prefetchLimit else { return }
        // Rows need not start on a line boundary (an array's elements follow its header), so
        // the lines run from the one holding the first scalar to the one holding the last.
        let start = UInt(bitPattern: row(ahead) + c)
        var line = start & ~63
        while line < start + UInt(count * MemoryLayout<S>.stride) {
            gg_prefetch(UnsafeRawPointer(bitPattern: line))
            line += 64
        }
        if let weights { gg_prefetch(weights + Int(edgeIDs[ahead]) * weightStride) }
    }

    /// out[0..<length] = Σ over slots of weight · row, summed in slot order.
    @inline(__always)
    func sum(_ slots: Range<Int>, length: Int, into out: UnsafeMutablePointer<S>) {
        // Two instantiations, so that the unweighted loop carries no multiplication.
        if let weights {
            sum(slots, length: length, into: out) { weights[Int(edgeIDs[$0]) * weightStride] }
        } else {
            sum(slots, length: length, into: out) { _ in 1 }
        }
    }

    /// out[0..<heads·headWidth] = Σ over slots of each head's weight · its part of the row, for
    /// heads narrower than a vector: each slot's whole row is added into `out` in place, so each
    /// scalar still sums its slots in order, as in ``sum(_:length:into:)``.
    @inline(__always)
    func sumHeads(_ slots: Range<Int>, heads: Int, headWidth: Int, into out: UnsafeMutablePointer<S>) {
        typealias V = SIMD8<S>
        out.initialize(repeating: 0, count: width)
        for slot in slots {
            prefetch(after: slot, count: heads * headWidth)
            let p = row(slot)
            for head in 0..<heads {
                let w = weight(slot, head: head)
                let start = head * headWidth, end = start + headWidth
                var c = start
                while c + V.scalarCount <= end {
                    let o = UnsafeMutableRawPointer(out + c)
                    o.storeBytes(of: o.loadUnaligned(as: V.self) + w * UnsafeRawPointer(p + c).loadUnaligned(as: V.self), as: V.self)
                    c += V.scalarCount
                }
                while c < end {
                    out[c] += w * p[c]
                    c += 1
                }
            }
        }
    }

    /// The feature axis is walked in blocks of 64 scalars held in four vector accumulators
    /// across all the row's edges (one pass over the neighbours per block), then in single
    /// vectors, then the rest in one pass. The rows ahead are prefetched: their addresses are random, so
    /// without the hint every edge would wait for memory in turn.
    @inline(__always)
    func sum(_ slots: Range<Int>, length: Int, into out: UnsafeMutablePointer<S>, weight: (Int) -> S) {
        typealias V = SIMD16<S>
        let step = MemoryLayout<V>.stride
        var c = 0
        while c + 64 <= length {
            var a0 = V(), a1 = V(), a2 = V(), a3 = V()
            for slot in slots {
                prefetch(after: slot, from: c, count: 64)
                let p = UnsafeRawPointer(row(slot) + c)
                let w = V(repeating: weight(slot))
                a0 += w * p.loadUnaligned(as: V.self)
                a1 += w * p.loadUnaligned(fromByteOffset: step, as: V.self)
                a2 += w * p.loadUnaligned(fromByteOffset: 2 * step, as: V.self)
                a3 += w * p.loadUnaligned(fromByteOffset: 3 * step, as: V.self)
            }
            let o = UnsafeMutableRawPointer(out + c)
            o.storeBytes(of: a0, as: V.self)
            o.storeBytes(of: a1, toByteOffset: step, as: V.self)
            o.storeBytes(of: a2, toByteOffset: 2 * step, as: V.self)
            o.storeBytes(of: a3, toByteOffset: 3 * step, as: V.self)
            c += 64
        }
        while c + 16 <= length {
            var a = V()
            for slot in slots {
                prefetch(after: slot, from: c, count: 16)
                a += V(repeating: weight(slot)) * UnsafeRawPointer(row(slot) + c).loadUnaligned(as: V.self)
            }
            UnsafeMutableRawPointer(out + c).storeBytes(of: a, as: V.self)
            c += 16
        }
        // The last < 16 columns (a 7-class output layer has nothing else) take one more pass
        // over the slots, in an 8-, a 4- and a 3-lane accumulator as the count needs.
        let rest = length - c
        guard rest > 0 else { return }
        var a8 = SIMD8<S>(), a4 = SIMD4<S>(), a1 = SIMD4<S>()
        let (wide, middle, narrow) = (rest >= 8, rest & 4 != 0, rest & 3)
        for slot in slots {
            prefetch(after: slot, from: c, count: rest)
            let p = row(slot) + c
            let w = weight(slot)
            var q = 0
            if wide {
                a8 += w * UnsafeRawPointer(p).loadUnaligned(as: SIMD8<S>.self)
                q = 8
            }
            if middle {
                a4 += w * UnsafeRawPointer(p + q).loadUnaligned(as: SIMD4<S>.self)
                q += 4
            }
            for j in 0..<narrow { a1[j] += w * p[q + j] }
        }
        var q = c
        if wide {
            UnsafeMutableRawPointer(out + q).storeBytes(of: a8, as: SIMD8<S>.self)
            q += 8
        }
        if middle {
            UnsafeMutableRawPointer(out + q).storeBytes(of: a4, as: SIMD4<S>.self)
            q += 4
        }
        for j in 0..<narrow { out[q + j] = a1[j] }
    }

    /// out[i] = the extremal weight · row[i] over slots (first slot wins ties, NaN wins over
    /// numbers), choice[i] = its edge; 0 and −1 without slots.
    @inline(__always)
    func extremum(
        _ slots: Range<Int>, length: Int, into out: UnsafeMutablePointer<S>, choice: UnsafeMutablePointer<Int32>,
        replaces: (S, S) -> Bool
    ) {
        guard let first = slots.first else {
            for i in 0..<length {
                out[i] = 0
                choice[i] = -1
            }
            return
        }
        let w0 = weight(first), r0 = row(first), e0 = edgeIDs[first]
        for i in 0..<length {
            out[i] = w0 * r0[i]
            choice[i] = e0
        }
        prefetch(after: first, count: length)
        for slot in slots.dropFirst() {
            prefetch(after: slot, count: length)
            let w = weight(slot), r = row(slot), e = edgeIDs[slot]
            for i in 0..<length {
                let v = w * r[i]
                if replaces(v, out[i]) || (v.isNaN && !out[i].isNaN) {
                    out[i] = v
                    choice[i] = e
                }
            }
        }
    }
}
