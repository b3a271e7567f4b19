import Tensors

/// Softmax of edge scores over the edges arriving at each node (the attention weights of GAT).
///
/// For every node d and every trailing index h, the scores of the edges arriving at d along
/// `direction` are normalized: out[e, h] = exp(s[e, h] − m) / Σ exp(s[e′, h] − m), with m the
/// segment's maximum (so no exp overflows). The weights arriving at a node sum to 1; a node
/// without edges owns no output. Deterministic for any thread count.
///
/// **Shapes**: scores `[E]` or `[E, ...]` (e.g. `[E, heads]`) → the same shape.
///
/// Gradient: y ⊙ (ḡ − Σ_segment ḡ ⊙ y), itself built from differentiable scatter and gather,
/// so second derivatives work.
public func segmentSoftmax<S: TensorScalar>(
    _ graph: Graph, _ scores: Tensor<S>, direction: EdgeDirection = .incoming
) -> Tensor<S> {
    require(
        scores.rank >= 1 && scores.shape[0] == graph.edgeCount,
        "segmentSoftmax: scores of shape \(scores.shape) for a graph with \(graph.edgeCount) edges")
    let adjacency = graph.adjacency(direction)
    let heads = scores.shape.dropFirst().reduce(1, *)
    let kernels = sparseKernels(for: S.self)
    let value = Tensor<S>.build(shape: scores.shape) { out in
        adjacency.indptr.withKernelPointer { indptr in
            adjacency.edgeIDs.withKernelPointer { edgeIDs in
                scores.withUnsafePointer { s in
                    kernels.segmentSoftmax(
                        SoftmaxJob(
                            rowCount: adjacency.rowCount, heads: heads, indptr: indptr, edgeIDs: edgeIDs,
                            scores: UnsafeRawPointer(s), output: UnsafeMutableRawPointer(out)))
                }
            }
        }
    }
    // J = diag(y) − y yᵀ per segment is symmetric, so one map serves both modes.
    return .recording(
        value, inputs: [scores], savesOutput: true,
        pullback: { ct, y in [segmentSoftmaxJacobianProduct(graph, ct, y, direction)] },
        pushforward: { tangents, y in tangents[0].map { segmentSoftmaxJacobianProduct(graph, $0, y, direction) } })
}

/// J·t for the Jacobian J = diag(y) − y yᵀ of each segment's softmax y, in differentiable
/// operations: y ⊙ t − y ⊙ (Σ_segment y ⊙ t).
func segmentSoftmaxJacobianProduct<S: TensorScalar>(
    _ graph: Graph, _ t: Tensor<S>, _ y: Tensor<S>, _ direction: EdgeDirection
) -> Tensor<S> {
    let weighted = t * y
    let segmentSums = scatterEdges(graph, weighted, .sum, direction)
    return weighted - y * gatherNodes(graph, segmentSums, at: direction.destination)
}
