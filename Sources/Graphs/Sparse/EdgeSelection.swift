import Tensors

/// The edges that a max or min aggregation chose, one per output scalar, as a pair of
/// mutually transposed linear maps between edge values and node values.
///
/// The backward pass of a max/min aggregation routes each node's cotangent to the edge that
/// won (`unpick`); `pick` is its transpose. Each map's pullback is the other, so the
/// aggregation can be differentiated any number of times.
struct EdgeSelection {
    /// `[nodeCount · width]`: the edge chosen per node scalar, −1 for none.
    let choice: [Int32]
    /// Per edge: the node that aggregated it.
    let destinations: [Int32]
    /// `[N, ...]` and `[E, ...]` with the same trailing shape.
    let nodeShape: [Int]
    let edgeShape: [Int]

    private var width: Int { nodeShape.dropFirst().reduce(1, *) }

    private func run<S: TensorScalar>(_ input: Tensor<S>, toShape shape: [Int], transposed: Bool) -> Tensor<S> {
        let kernels = sparseKernels(for: S.self)
        return Tensor<S>.build(shape: shape) { out in
            choice.withKernelPointer { choice in
                destinations.withKernelPointer { destinations in
                    input.withUnsafePointer { input in
                        let job = SelectionJob(
                            nodeCount: nodeShape[0], edgeCount: edgeShape[0], width: width, choice: choice,
                            destinations: destinations, input: UnsafeRawPointer(input),
                            output: UnsafeMutableRawPointer(out))
                        if transposed { kernels.unpick(job) } else { kernels.pick(job) }
                    }
                }
            }
        }
    }

    /// Node values `[N, ...]` from edge values `[E, ...]`: each node scalar takes the value of
    /// its chosen edge (0 where none).
    func pick<S: TensorScalar>(_ edgeValues: Tensor<S>) -> Tensor<S> {
        require(edgeValues.shape == edgeShape, "edge values of shape \(edgeValues.shape), expected \(edgeShape)")
        return .recording(
            run(edgeValues, toShape: nodeShape, transposed: false), inputs: [edgeValues],
            pullback: { ct, _ in [unpick(ct)] },
            pushforward: { tangents, _ in tangents[0].map { pick($0) } })
    }

    /// Edge values `[E, ...]` from node values `[N, ...]`: an edge receives its destination's
    /// value where it is the chosen edge, 0 elsewhere.
    func unpick<S: TensorScalar>(_ nodeValues: Tensor<S>) -> Tensor<S> {
        require(nodeValues.shape == nodeShape, "node values of shape \(nodeValues.shape), expected \(nodeShape)")
        return .recording(
            run(nodeValues, toShape: edgeShape, transposed: true), inputs: [nodeValues],
            pullback: { ct, _ in [pick(ct)] },
            pushforward: { tangents, _ in tangents[0].map { unpick($0) } })
    }
}
