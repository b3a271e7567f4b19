import Tensors

extension Graph {
    /// The compressed adjacency whose rows are the destinations of `direction`: CSC (by target)
    /// for incoming edges, CSR (by source) for outgoing ones.
    func adjacency(_ direction: EdgeDirection) -> CompressedAdjacency {
        direction == .incoming ? csc : csr
    }

    /// The node at `endpoint` of every edge, in edge-list order.
    func endpoints(_ endpoint: EdgeEndpoint) -> [Int32] {
        endpoint == .source ? source : target
    }

    /// 1 / (number of edges arriving along `direction`) per node, 0 for a node with none, shaped
    /// `[nodeCount, 1, ..., 1]` to broadcast over features of rank `featureRank`. Specialized:
    /// every mean aggregation's pullback asks for it, and the generic loop over the nodes cost
    /// 3% of a GraphSAGE step.
    @_specialize(where S == Float)
    @_specialize(where S == Double)
    func inverseDegrees<S: TensorScalar>(_ direction: EdgeDirection, featureRank: Int) -> Tensor<S> {
        let indptr = adjacency(direction).indptr
        let inverse = (0..<nodeCount).map { node -> S in
            let degree = indptr[node + 1] - indptr[node]
            return degree > 0 ? 1 / S(degree) : 0
        }
        return Tensor(shape: [nodeCount] + Array(repeating: 1, count: featureRank), scalars: inverse)
    }
}
