import NN
import Tensors

/// A layer of a graph neural network: maps node features to node features over a graph.
public protocol GraphLayer<Scalar>: Module {
    /// Applies the layer to dense or sparse `x` on the graph of `graph`.
    func callAsFunction(_ x: NodeFeatures<Scalar>, on graph: GraphContext<Scalar>) -> Tensor<Scalar>
}

extension GraphLayer {
    /// Applies the layer to dense features `x`.
    public func callAsFunction(_ x: Tensor<Scalar>, on graph: GraphContext<Scalar>) -> Tensor<Scalar> {
        self(.dense(x), on: graph)
    }
}
