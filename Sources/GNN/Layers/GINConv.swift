import Graphs
import NN
import Tensors

/// The graph isomorphism layer of Xu et al. (PyG's `GINConv` with a two-layer MLP and
/// learnable ε):
///
///     x′_i = MLP((1 + ε) · x_i + Σ_{j ∈ N(i)} x_j),   MLP(z) = W₂ · ReLU(W₁ · z + b₁) + b₂
///
/// W₁ is applied before the sum (the same by linearity), so a sparse input is multiplied over
/// its stored values only and the sum runs over the narrower hidden features.
///
/// **Shapes**: x `[N, inputs]` (dense or sparse) → `[N, outputs]`.
public final class GINConv<Scalar: TensorScalar>: GraphLayer {
    /// ε, a scalar starting at 0.
    public let epsilon: Parameter<Scalar>
    /// W₁ `[inputs, hidden]` (Glorot) and b₁ (zeros).
    public let first: Linear<Scalar>
    /// W₂ `[hidden, outputs]` (Glorot) and b₂ (zeros).
    public let second: Linear<Scalar>
    /// Unused by this layer; kept for the ``Module`` protocol.
    public var isTraining = true

    /// A layer `inputSize` → `hiddenSize` → `outputSize`, initialized from `generator`.
    public init(inputSize: Int, hiddenSize: Int, outputSize: Int, using generator: inout some RandomNumberGenerator) {
        epsilon = Parameter(Tensor(0))
        first = Linear(inputSize: inputSize, outputSize: hiddenSize, using: &generator)
        second = Linear(inputSize: hiddenSize, outputSize: outputSize, using: &generator)
    }

    /// MLP((1 + ε) · x + Σ neighbours).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func callAsFunction(_ x: NodeFeatures<Scalar>, on graph: GraphContext<Scalar>) -> Tensor<Scalar> {
        let h = x.matmul(first.weight.value)
        var z = (1 + epsilon.value) * h + MessagePassing(aggregation: .sum)(h, on: graph.graph)
        if let bias = first.bias { z = z + bias.value }
        return second(z.relu())
    }
}
