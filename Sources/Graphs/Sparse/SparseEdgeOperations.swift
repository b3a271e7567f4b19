import Tensors

/// Runs the per-edge kernel on node rows `lhs` (read at `lhsRows[e]`) and `rhs` (at `rhsRows[e]`).
func runEdgeKernel<S: TensorScalar>(
    _ operation: EdgeJob.Operation, lhs: Tensor<S>, lhsRows: [Int32], rhs: Tensor<S>, rhsRows: [Int32],
    heads: Int, headWidth: Int, outputShape: [Int]
) -> Tensor<S> {
    let kernels = sparseKernels(for: S.self)
    return Tensor<S>.build(shape: outputShape) { out in
        lhsRows.withKernelPointer { lhsRows in
            rhsRows.withKernelPointer { rhsRows in
                lhs.withUnsafePointer { a in
                    rhs.withUnsafePointer { b in
                        kernels.combineEdges(
                            EdgeJob(
                                operation: operation, edgeCount: outputShape[0],
                                heads: heads, headWidth: headWidth, lhsRows: lhsRows, rhsRows: rhsRows,
                                lhs: UnsafeRawPointer(a), rhs: UnsafeRawPointer(b), output: UnsafeMutableRawPointer(out)))
                    }
                }
            }
        }
    }
}

/// Node rows copied onto the edges (the differentiable core of `gather`).
///
/// Shapes: x `[N, ...]` → `[E, ...]`.
func gatherNodes<S: TensorScalar>(_ graph: Graph, _ x: Tensor<S>, at endpoint: EdgeEndpoint) -> Tensor<S> {
    let rows = graph.endpoints(endpoint)
    let featureShape = Array(x.shape.dropFirst())
    let value = runEdgeKernel(
        .copy, lhs: x, lhsRows: rows, rhs: x, rhsRows: rows, heads: 1, headWidth: featureShape.reduce(1, *),
        outputShape: [graph.edgeCount] + featureShape)
    return .recording(
        value, inputs: [x],
        // The transpose of a gather is the sum of each node's edges.
        pullback: { ct, _ in [scatterEdges(graph, ct, .sum, endpoint.arrivalDirection)] },
        pushforward: { tangents, _ in tangents[0].map { gatherNodes(graph, $0, at: endpoint) } })
}

/// Per-edge, per-head dot products (the differentiable core of `sddmm(..., .dot)` and of the
/// edge-weight gradient of `spmm`): out[e, h] = ⟨a[n(e), h, :], b[m(e), h, :]⟩ where n(e) is
/// the edge's `endpoint` and m(e) the other one.
///
/// Shapes: a, b `[N, H, D]` → `[E, H]`.
func edgeDot<S: TensorScalar>(_ graph: Graph, _ a: Tensor<S>, at endpoint: EdgeEndpoint, _ b: Tensor<S>) -> Tensor<S> {
    let heads = a.shape[1], headWidth = a.shape[2]
    let value = runEdgeKernel(
        .dot, lhs: a, lhsRows: graph.endpoints(endpoint), rhs: b, rhsRows: graph.endpoints(endpoint.opposite),
        heads: heads, headWidth: headWidth, outputShape: [graph.edgeCount, heads])
    return .recording(
        value, inputs: [a, b],
        pullback: { ct, _ in
            // ∂a[n] = Σ over n's edges of ct[e] · b[m(e)]: an SpMM weighted by the cotangent.
            [
                a.requiresGradient
                    ? aggregateNodes(graph, b, weights: ct, .sum, endpoint.arrivalDirection, outputRows: a.shape[0]) : nil,
                b.requiresGradient
                    ? aggregateNodes(graph, a, weights: ct, .sum, endpoint.opposite.arrivalDirection, outputRows: b.shape[0])
                    : nil,
            ]
        },
        pushforward: { tangents, _ in
            sumOfPresent(
                tangents[0].map { edgeDot(graph, $0, at: endpoint, b) }, tangents[1].map { edgeDot(graph, a, at: endpoint, $0) })
        })
}

/// u (at the source) combined elementwise with v (at the target) on every edge.
///
/// Shapes: u, v `[N, ...]` → `[E, ...]`.
func combineEndpoints<S: TensorScalar>(
    _ graph: Graph, _ operation: EdgeBinaryOperation, _ u: Tensor<S>, _ v: Tensor<S>
) -> Tensor<S> {
    let kernelOperation: EdgeJob.Operation
    switch operation {
    case .add: kernelOperation = .add
    case .subtract: kernelOperation = .subtract
    case .multiply: kernelOperation = .multiply
    case .dot: preconditionFailure("dot products go through edgeDot")
    }
    let featureShape = Array(u.shape.dropFirst())
    let value = runEdgeKernel(
        kernelOperation, lhs: u, lhsRows: graph.source, rhs: v, rhsRows: graph.target, heads: 1,
        headWidth: featureShape.reduce(1, *), outputShape: [graph.edgeCount] + featureShape)
    /// Sums edge values into the nodes at `endpoint`.
    func scatter(_ values: Tensor<S>, to endpoint: EdgeEndpoint) -> Tensor<S> {
        scatterEdges(graph, values, .sum, endpoint.arrivalDirection)
    }
    return .recording(
        value, inputs: [u, v],
        pullback: { ct, _ in
            switch operation {
            case .add, .subtract:
                let gv = v.requiresGradient ? scatter(ct, to: .target) : nil
                return [u.requiresGradient ? scatter(ct, to: .source) : nil, operation == .add ? gv : gv.map { -$0 }]
            default:
                return [
                    u.requiresGradient ? scatter(ct * gatherNodes(graph, v, at: .target), to: .source) : nil,
                    v.requiresGradient ? scatter(ct * gatherNodes(graph, u, at: .source), to: .target) : nil,
                ]
            }
        },
        pushforward: { tangents, _ in
            switch operation {
            case .add, .subtract:
                let tu = tangents[0].map { gatherNodes(graph, $0, at: .source) }
                let tv = tangents[1].map { gatherNodes(graph, $0, at: .target) }
                return sumOfPresent(tu, operation == .add ? tv : tv.map { -$0 })
            default:
                return sumOfPresent(
                    tangents[0].map { combineEndpoints(graph, .multiply, $0, v) },
                    tangents[1].map { combineEndpoints(graph, .multiply, u, $0) })
            }
        })
}
