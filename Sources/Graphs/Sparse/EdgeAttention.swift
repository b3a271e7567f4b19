import CKernels
import Tensors

/// Graph attention (GAT's layer core, DGL's fused edge softmax and gSpMM): every node sums
/// the features of its in-neighbours weighted by a softmax of LeakyReLU edge scores,
///
///     z_e = s[u, h] + t[v, h],   α_e = softmax over the edges e′ → v of LeakyReLU(z_e′)
///     out[v, h, :] = Σ_{e = (u → v)} α_e · mask_e · x[u, h, :]
///
/// for every edge e = (u → v) and head h, in one pass over each node's edges, with a backward
/// pass of the same kind. The values equal, bit for bit, those of the unfused operations
/// (``sddmm(_:source:target:operation:)`` with `.add`, `leakyRelu`, ``segmentSoftmax(_:_:direction:)``,
/// the mask, and ``spmm(_:_:edgeWeights:aggregation:direction:)``), which never materialize
/// more than `[E, H]` either but take eight passes forward and more than a dozen back.
///
/// - Parameters:
///   - mask: the attention dropout mask (0 or 1 / keep per edge and head), nil for none.
///   - negativeSlope: LeakyReLU's slope for negative scores.
///
/// **Shapes**: x `[N, H, F]`, sourceScores and targetScores `[N, H]`, mask `[E, H]` →
/// `[N, H, F]`.
///
/// Differentiable in x and both scores (not in the mask). The fused backward pass serves first
/// derivatives; when the backward pass is itself recorded (gradients of gradients) or a
/// tangent is pushed forward, the derivatives are built from the differentiable unfused
/// operations instead.
public func attentionAggregate<S: TensorScalar>(
    _ graph: Graph, _ x: Tensor<S>, sourceScores: Tensor<S>, targetScores: Tensor<S>, mask: Tensor<S>? = nil,
    negativeSlope: S = 0.2
) -> Tensor<S> {
    let (n, e) = (graph.nodeCount, graph.edgeCount)
    require(
        x.rank == 3 && x.shape[0] == n && sourceScores.shape == [n, x.shape[1]] && targetScores.shape == sourceScores.shape,
        "attentionAggregate: features \(x.shape), scores \(sourceScores.shape) and \(targetScores.shape) "
            + "for a graph with \(n) nodes (need [N, H, F], [N, H], [N, H])")
    let (heads, headWidth) = (x.shape[1], x.shape[2])
    require(mask.map { $0.shape == [e, heads] } ?? true, "attentionAggregate: mask of shape \(mask!.shape) for [\(e), \(heads)]")
    let inputs = [x, sourceScores, targetScores]
    // Without features there is nothing to fuse (and no rows for the kernels to fill).
    if x.count == 0 || inputs.contains(where: { $0.tangent != nil }) {
        return unfusedAttention(graph, x, sourceScores, targetScores, mask, negativeSlope)
    }
    /// Runs `pass` on a job whose inputs point at live storage and whose outputs are given.
    func run(
        _ pass: AttentionPass, attention: UnsafeMutablePointer<S>, nodeRows: UnsafeMutablePointer<S>,
        kept: UnsafeMutablePointer<S>? = nil, scoreGradient: UnsafeMutablePointer<S>? = nil,
        targetGradient: UnsafeMutablePointer<S>? = nil
    ) {
        let adjacency = graph.adjacency(.incoming)
        adjacency.indptr.withKernelPointer { indptr in
            adjacency.indices.withKernelPointer { sources in
                adjacency.edgeIDs.withKernelPointer { edgeIDs in
                    sourceScores.withUnsafePointer { s in
                        targetScores.withUnsafePointer { t in
                            x.withUnsafePointer { features in
                                (mask ?? sourceScores).withUnsafePointer { m in
                                    let job = gg_attention_job(
                                        heads: Int64(heads), head_width: Int64(headWidth),
                                        indptr: UnsafeRawPointer(indptr).assumingMemoryBound(to: Int64.self),
                                        sources: sources, edge_ids: edgeIDs, slope: Double(negativeSlope),
                                        source_scores: s, target_scores: t, features: features,
                                        mask: mask == nil ? nil : UnsafeRawPointer(m), attention: attention, kept: kept,
                                        node_rows: nodeRows, score_gradient: scoreGradient, target_gradient: targetGradient)
                                    runAttention(pass, job, rowCount: n, as: S.self)
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    /// A new `[E, H]` tensor written whole by `fill` (every edge is a slot of one row), which
    /// gets a dangling pointer that the kernels never read when the tensor is empty.
    func edgeTensor(_ fill: (UnsafeMutablePointer<S>) -> Void) -> Tensor<S> {
        guard e * heads == 0 else { return Tensor.build(shape: [e, heads], fill) }
        fill(UnsafeMutablePointer(bitPattern: MemoryLayout<S>.alignment)!)
        return Tensor.zeros([e, heads])
    }
    // `[E, H]` outputs are written inside the fill of the `[N, H, F]` one, which is never
    // empty here (an empty tensor's fill is not called).
    var written: Tensor<S>?, kept: Tensor<S>?
    let value = Tensor<S>.build(shape: x.shape) { out in
        written = edgeTensor { alpha in
            guard mask != nil else { return run(.forward, attention: alpha, nodeRows: out) }
            kept = edgeTensor { run(.forward, attention: alpha, nodeRows: out, kept: $0) }
        }
    }
    let attention = written!, weights = kept ?? attention
    return .recording(
        value, inputs: inputs,
        pullback: { ct, _ in
            guard !GradientMode.isEnabled else {
                return unfusedAttentionPullback(graph, ct, x, sourceScores, targetScores, mask, negativeSlope).map(Optional.init)
            }
            let gx = x.requiresGradient ? aggregateNodes(graph, ct, weights: weights, .sum, .outgoing) : nil
            guard sourceScores.requiresGradient || targetScores.requiresGradient else { return [gx, nil, nil] }
            var scoreGradient: Tensor<S>?
            let targetGradient = Tensor<S>.build(shape: [n, heads]) { gt in
                scoreGradient = edgeTensor { gz in
                    attention.withUnsafePointer { alpha in
                        ct.withUnsafePointer { ct in
                            // The backward pass only reads `attention` and `nodeRows` (the cotangent).
                            run(
                                .backward, attention: UnsafeMutablePointer(mutating: alpha),
                                nodeRows: UnsafeMutablePointer(mutating: ct), scoreGradient: gz, targetGradient: gt)
                        }
                    }
                }
            }
            let gs = sourceScores.requiresGradient ? scatterEdges(graph, scoreGradient!, .sum, .outgoing) : nil
            return [gx, gs, targetGradient]
        },
        pushforward: { _, _ in nil })
}

/// ``attentionAggregate(_:_:sourceScores:targetScores:mask:negativeSlope:)`` from the unfused
/// differentiable operations.
func unfusedAttention<S: TensorScalar>(
    _ graph: Graph, _ x: Tensor<S>, _ s: Tensor<S>, _ t: Tensor<S>, _ mask: Tensor<S>?, _ slope: S
) -> Tensor<S> {
    spmm(graph, x, edgeWeights: unfusedAttentionWeights(graph, s, t, mask, slope).kept)
}

/// The scores z = s[u] + t[v], their softmax α and the message weights α ⊙ mask, in
/// differentiable operations.
func unfusedAttentionWeights<S: TensorScalar>(
    _ graph: Graph, _ s: Tensor<S>, _ t: Tensor<S>, _ mask: Tensor<S>?, _ slope: S
) -> (scores: Tensor<S>, alpha: Tensor<S>, kept: Tensor<S>) {
    let z = sddmm(graph, source: s, target: t, operation: .add)
    let alpha = segmentSoftmax(graph, z.leakyRelu(slope: slope))
    return (z, alpha, mask.map { alpha * $0 } ?? alpha)
}

/// The cotangents of x, s and t for the output cotangent `ct`, in differentiable operations
/// (recomputing α from the inputs, so that they can be differentiated again).
func unfusedAttentionPullback<S: TensorScalar>(
    _ graph: Graph, _ ct: Tensor<S>, _ x: Tensor<S>, _ s: Tensor<S>, _ t: Tensor<S>, _ mask: Tensor<S>?, _ slope: S
) -> [Tensor<S>] {
    let (z, alpha, kept) = unfusedAttentionWeights(graph, s, t, mask, slope)
    let gx = spmm(graph, ct, edgeWeights: kept, direction: .outgoing)
    let gKept = sddmm(graph, source: x, target: ct, operation: .dot)
    let gScores = segmentSoftmaxJacobianProduct(graph, mask.map { gKept * $0 } ?? gKept, alpha, .incoming)
    let gz = Tensor.where(z * slope .> z, gScores * slope, gScores)
    return [gx, scatterEdges(graph, gz, .sum, .outgoing), scatterEdges(graph, gz, .sum, .incoming)]
}
