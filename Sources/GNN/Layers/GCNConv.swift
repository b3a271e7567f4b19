import NN
import Tensors

/// The graph convolution of Kipf & Welling (PyG's `GCNConv`):
///
///     X′ = Â · X · W + b,   Â = D^-1/2 (A + I) D^-1/2
///
/// Â comes from the context's cache (``GraphContext/gcnNormalized``), computed once per
/// graph; the product with Â is one fused sparse product, and a sparse X is multiplied over
/// its stored values only.
///
/// **Shapes**: x `[N, inputs]` (dense or sparse) → `[N, outputs]`.
public final class GCNConv<Scalar: TensorScalar>: GraphLayer {
    /// W (`[inputs, outputs]`, Glorot), without bias: the bias is added after propagation.
    public let linear: Linear<Scalar>
    /// b (`[outputs]`, zeros), when the layer has one.
    public let bias: Parameter<Scalar>?
    /// Unused by this layer; kept for the ``Module`` protocol.
    public var isTraining = true

    /// A layer from `inputSize` to `outputSize` features, initialized from `generator`.
    public init(inputSize: Int, outputSize: Int, bias: Bool = true, using generator: inout some RandomNumberGenerator) {
        linear = Linear(inputSize: inputSize, outputSize: outputSize, bias: false, using: &generator)
        self.bias = bias ? Parameter(Tensor.zeros([outputSize])) : nil
    }

    /// Â · X · W + b.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func callAsFunction(_ x: NodeFeatures<Scalar>, on graph: GraphContext<Scalar>) -> Tensor<Scalar> {
        let propagated = graph.gcnNormalized.propagate(linear(x))
        return bias.map { propagated + $0.value } ?? propagated
    }
}
