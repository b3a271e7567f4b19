import Tensors

/// Runs the aggregation kernel over the first `outputShape[0]` rows of `adjacency`: row r
/// combines the rows `inputRows[slot]` of `input` (viewed as `[rows, heads, headWidth]`) over
/// its slots.
///
/// - Returns: the `[outputShape[0], heads·headWidth]` result reshaped to `outputShape`, and for
///   max and min the edge chosen per output scalar.
func runAggregation<S: TensorScalar>(
    _ aggregation: Aggregation, over adjacency: CompressedAdjacency, inputRows: [Int32], input: Tensor<S>,
    weights: Tensor<S>?, heads: Int, headWidth: Int, outputShape: [Int]
) -> (value: Tensor<S>, choice: [Int32]) {
    let selects = aggregation == .max || aggregation == .min
    let rowCount = outputShape[0]
    var choice = [Int32](repeating: -1, count: selects ? rowCount * heads * headWidth : 0)
    let kernels = sparseKernels(for: S.self)
    let value = Tensor<S>.build(shape: outputShape) { out in
        adjacency.indptr.withKernelPointer { indptr in
            inputRows.withKernelPointer { inputRows in
                adjacency.edgeIDs.withKernelPointer { edgeIDs in
                    input.withUnsafePointer { x in
                        let bytes = input.count * MemoryLayout<S>.stride
                        let width = heads * headWidth
                        withGatherSource(
                            x, bytes: bytes, rowCount: width == 0 ? 0 : input.count / width,
                            gatherCount: adjacency.indices.count
                        ) { source in
                            (weights ?? input).withUnsafePointer { w in
                                choice.withKernelMutablePointer { choice in
                                    kernels.aggregate(
                                        AggregationJob(
                                            aggregation: aggregation, rowCount: rowCount, heads: heads,
                                            headWidth: headWidth, indptr: indptr, inputRows: inputRows,
                                            edgeIDs: edgeIDs, input: source,
                                            weights: weights == nil ? nil : UnsafeRawPointer(w),
                                            output: UnsafeMutableRawPointer(out), prefetches: bytes > prefetchInputBytes,
                                            choice: selects ? choice : nil))
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    return (value, choice)
}

/// Weighted aggregation of node rows over edges (the differentiable core of `spmm`):
/// out[d, h, :] = AGG over edges e arriving at d along `direction` of w[e, h] · x[n(e), h, :],
/// where n(e) is the edge's other endpoint, for the first `outputRows` nodes d.
///
/// x may hold fewer rows than the graph has nodes when no edge reads past them, and the output
/// may stop before the last node when no edge arrives past it (for sum and mean: the product of
/// a rectangular sparse matrix, whose rows and columns are numbered as nodes of one graph).
///
/// Shapes: x `[N′, H, D]`, weights `[E, H]` or nil (weight 1) → `[outputRows, H, D]`.
func aggregateNodes<S: TensorScalar>(
    _ graph: Graph, _ x: Tensor<S>, weights: Tensor<S>?, _ aggregation: Aggregation, _ direction: EdgeDirection,
    outputRows: Int? = nil
) -> Tensor<S> {
    let adjacency = graph.adjacency(direction)
    let outputShape = [outputRows ?? graph.nodeCount] + x.shape.dropFirst()
    let (value, choice) = runAggregation(
        aggregation, over: adjacency, inputRows: adjacency.indices, input: x, weights: weights,
        heads: x.shape[1], headWidth: x.shape[2], outputShape: outputShape)
    let inputs = weights.map { [x, $0] } ?? [x]
    let neighbour = direction.destination.opposite
    /// x gathered onto the edges and weighted: the messages that were aggregated.
    func messages(_ x: Tensor<S>, _ w: Tensor<S>?) -> Tensor<S> {
        let gathered = gatherNodes(graph, x, at: neighbour)
        return w.map { gathered * $0.expandingShape(at: 2) } ?? gathered
    }
    switch aggregation {
    case .sum, .mean:
        return .recording(
            value, inputs: inputs,
            pullback: { ct, _ in
                // The transposed product: the same weights, aggregated the other way.
                let g = aggregation == .mean ? ct * graph.inverseDegrees(direction, featureRank: 2) : ct
                let gx = x.requiresGradient
                    ? aggregateNodes(graph, g, weights: weights, .sum, direction.reversed, outputRows: x.shape[0]) : nil
                guard let weights else { return [gx] }
                return [gx, weights.requiresGradient ? edgeDot(graph, g, at: direction.destination, x) : nil]
            },
            pushforward: { tangents, _ in
                // Bilinear in (x, w): one term per input that carries a tangent.
                let tx = tangents[0].map {
                    aggregateNodes(graph, $0, weights: weights, aggregation, direction, outputRows: outputShape[0])
                }
                let tw = tangents.count > 1
                    ? tangents[1].map { aggregateNodes(graph, x, weights: $0, aggregation, direction, outputRows: outputShape[0]) }
                    : nil
                return sumOfPresent(tx, tw)
            })
    case .max, .min:
        let selection = EdgeSelection(
            choice: choice, destinations: graph.endpoints(direction.destination), nodeShape: outputShape,
            edgeShape: [graph.edgeCount] + x.shape.dropFirst())
        return .recording(
            value, inputs: inputs,
            pullback: { ct, _ in
                // Each output scalar came from one edge: route its cotangent to that message.
                let m = selection.unpick(ct)
                let gx = x.requiresGradient
                    ? scatterEdges(graph, weights.map { m * $0.expandingShape(at: 2) } ?? m, .sum, direction.reversed)
                    : nil
                guard let weights else { return [gx] }
                return [gx, weights.requiresGradient ? (m * gatherNodes(graph, x, at: neighbour)).sum(along: 2) : nil]
            },
            pushforward: { tangents, _ in
                let tx = tangents[0].map { messages($0, weights) }
                let tw = tangents.count > 1 ? tangents[1].map { messages(x, $0) } : nil
                return sumOfPresent(tx, tw).map { selection.pick($0) }
            })
    }
}

/// a + b where both are present, else whichever is.
func sumOfPresent<S: TensorScalar>(_ a: Tensor<S>?, _ b: Tensor<S>?) -> Tensor<S>? {
    guard let a else { return b }
    guard let b else { return a }
    return a + b
}

/// Aggregation of edge rows at their destination nodes (the differentiable core of
/// `scatter`).
///
/// Shapes: values `[E, ...]` → `[N, ...]`.
func scatterEdges<S: TensorScalar>(
    _ graph: Graph, _ values: Tensor<S>, _ aggregation: Aggregation, _ direction: EdgeDirection
) -> Tensor<S> {
    let adjacency = graph.adjacency(direction)
    let featureShape = Array(values.shape.dropFirst())
    let outputShape = [graph.nodeCount] + featureShape
    let (value, choice) = runAggregation(
        aggregation, over: adjacency, inputRows: adjacency.edgeIDs, input: values, weights: nil,
        heads: 1, headWidth: featureShape.reduce(1, *), outputShape: outputShape)
    let destination = direction.destination
    switch aggregation {
    case .sum, .mean:
        return .recording(
            value, inputs: [values],
            pullback: { ct, _ in
                let g = aggregation == .mean ? ct * graph.inverseDegrees(direction, featureRank: featureShape.count) : ct
                return [gatherNodes(graph, g, at: destination)]
            },
            pushforward: { tangents, _ in tangents[0].map { scatterEdges(graph, $0, aggregation, direction) } })
    case .max, .min:
        let selection = EdgeSelection(
            choice: choice, destinations: graph.endpoints(destination), nodeShape: outputShape,
            edgeShape: values.shape)
        return .recording(
            value, inputs: [values],
            pullback: { ct, _ in [selection.unpick(ct)] },
            pushforward: { tangents, _ in tangents[0].map { selection.pick($0) } })
    }
}
