import Tensors

/// Sparse-dense product (SpMM, message passing): every node aggregates the weighted features
/// of its neighbours.
///
/// With the default `.incoming` direction, out[v] = AGG over the edges e = (u → v) entering v
/// of w_e · x[u]; `.outgoing` aggregates over the edges leaving v instead (the product with the
/// transposed adjacency). A node without edges gets 0. Parallel edges and self loops count
/// once per edge. The result is deterministic and independent of `Threading.threadCount`:
/// each node sums its edges in edge-list order.
///
/// - Parameters:
///   - x: node features.
///   - edgeWeights: one weight per edge (`[E]`), or per edge and head (`[E, H]`, scaling the
///     head axis of `x`); nil weighs every edge 1. The graph's own `edgeWeights` are not used
///     implicitly: convert them to a `Tensor<S>` of shape `[E]` and pass it here.
///   - aggregation: `.sum`, `.mean` (divided by the number of edges, not by their weights),
///     `.max` or `.min` (elementwise over the weighted messages).
///
/// **Shapes**: x `[N, F...]` (for example `[N, F]`, or `[N, H, F]` with per-head weights),
/// edgeWeights `[E]` or `[E, leading feature axes of x...]` → `[N, F...]`. With `.sum` and
/// `.mean`, x may have fewer rows than N when no edge reads past them (every neighbour it
/// aggregates is below x's row count), as in the product of a sparse matrix with fewer columns
/// than rows: the missing rows would only be zeros that no edge reads.
///
/// Differentiable in `x` and `edgeWeights`: ∂x is the same product on the transposed graph,
/// ∂w_e = ⟨ḡ[v], x[u]⟩ (an SDDMM); both are built from these differentiable kernels, so
/// higher derivatives work. Max and min send each output's gradient to the single winning edge.
public func spmm<S: TensorScalar>(
    _ graph: Graph, _ x: Tensor<S>, edgeWeights: Tensor<S>? = nil, aggregation: Aggregation = .sum,
    direction: EdgeDirection = .incoming
) -> Tensor<S> {
    require(
        x.rank >= 1 && x.shape[0] <= graph.nodeCount,
        "spmm: features of shape \(x.shape) for a graph with \(graph.nodeCount) nodes")
    if x.shape[0] < graph.nodeCount {
        // The neighbours are the endpoints that group the reversed adjacency: all of them lie
        // below x's rows exactly when those rows' slots end at the last edge.
        require(
            (aggregation == .sum || aggregation == .mean)
                && graph.adjacency(direction.reversed).indptr[x.shape[0]] == graph.edgeCount,
            "spmm: features of shape \(x.shape) for a graph with \(graph.nodeCount) nodes whose edges read "
                + "past row \(x.shape[0]) (or with \(aggregation), which needs a row per node)")
    }
    let featureShape = Array(x.shape.dropFirst())
    var heads = 1
    if let edgeWeights {
        let headShape = Array(edgeWeights.shape.dropFirst())
        require(
            edgeWeights.rank >= 1 && edgeWeights.shape[0] == graph.edgeCount && headShape.count <= featureShape.count
                && Array(featureShape.prefix(headShape.count)) == headShape,
            "spmm: edge weights of shape \(edgeWeights.shape) for \(graph.edgeCount) edges and features \(x.shape)")
        heads = headShape.reduce(1, *)
    }
    let width = featureShape.reduce(1, *)
    let headWidth = heads > 0 ? width / heads : 0
    let product = aggregateNodes(
        graph, x.reshaped([x.shape[0], heads, headWidth]),
        weights: edgeWeights?.reshaped([graph.edgeCount, heads]), aggregation, direction)
    return product.reshaped([graph.nodeCount] + featureShape)
}

/// Sampled dense-dense product (SDDMM): one value per edge from the features of its source u
/// and its target v.
///
/// `.dot` gives ⟨u, v⟩ over the last axis (per head for `[N, H, F]` features); `.add`,
/// `.subtract` and `.multiply` combine u and v elementwise. Computed edge by edge, so the
/// result does not depend on the thread count.
///
/// **Shapes**: source and target `[N, F...]` (the same shape) → `.dot`: `[E, F...]` without
/// the last axis (`[N, F]` → `[E]`, `[N, H, F]` → `[E, H]`); elementwise: `[E, F...]`.
///
/// Differentiable in both inputs: the gradients are aggregations of the cotangent over each
/// node's edges (SpMM and scatter), themselves differentiable.
public func sddmm<S: TensorScalar>(
    _ graph: Graph, source: Tensor<S>, target: Tensor<S>, operation: EdgeBinaryOperation
) -> Tensor<S> {
    require(
        source.shape == target.shape && source.rank >= 1 && source.shape[0] == graph.nodeCount,
        "sddmm: source \(source.shape) and target \(target.shape) for a graph with \(graph.nodeCount) nodes")
    guard operation == .dot else { return combineEndpoints(graph, operation, source, target) }
    require(source.rank >= 2, "sddmm .dot needs a feature axis, got shape \(source.shape)")
    let headShape = Array(source.shape.dropFirst().dropLast())
    let canonical = [graph.nodeCount, headShape.reduce(1, *), source.shape[source.rank - 1]]
    let dots = edgeDot(graph, source.reshaped(canonical), at: .source, target.reshaped(canonical))
    return dots.reshaped([graph.edgeCount] + headShape)
}

/// The features of one endpoint of every edge (DGL's copy-u for `.source`, copy-v for
/// `.target`): out[e] = x[endpoint(e)].
///
/// **Shapes**: x `[N, F...]` → `[E, F...]`.
///
/// Differentiable: the gradient sums each node's edge cotangents (`scatter` with `.sum`).
public func gather<S: TensorScalar>(_ graph: Graph, _ x: Tensor<S>, from endpoint: EdgeEndpoint) -> Tensor<S> {
    require(
        x.rank >= 1 && x.shape[0] == graph.nodeCount,
        "gather: features of shape \(x.shape) for a graph with \(graph.nodeCount) nodes")
    return gatherNodes(graph, x, at: endpoint)
}

/// Aggregates per-edge values at the node each edge arrives at (a segment reduction):
/// out[v] = AGG over the edges e arriving at v along `direction` of values[e]; 0 for a node
/// without edges.
///
/// With `.incoming` every edge contributes to its target, with `.outgoing` to its source.
/// Deterministic for any thread count.
///
/// **Shapes**: values `[E, F...]` → `[N, F...]`.
///
/// Differentiable: sum and mean send the cotangent back by `gather`; max and min send each
/// output's cotangent to the single edge that won.
public func scatter<S: TensorScalar>(
    _ graph: Graph, _ values: Tensor<S>, aggregation: Aggregation = .sum, direction: EdgeDirection = .incoming
) -> Tensor<S> {
    require(
        values.rank >= 1 && values.shape[0] == graph.edgeCount,
        "scatter: values of shape \(values.shape) for a graph with \(graph.edgeCount) edges")
    return scatterEdges(graph, values, aggregation, direction)
}
