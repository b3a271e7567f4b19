import Tensors

/// Layers applied one after another; parameters are named `layers.<index>.<name>`.
public final class Sequential<Scalar: TensorScalar>: Layer {
    /// The layers, in order.
    public var layers: [any Layer<Scalar>]
    /// Whether in training mode (``Module/train(_:)`` sets it on the layers too).
    public var isTraining = true

    /// Creates the chain from `layers`.
    public init(_ layers: [any Layer<Scalar>]) { self.layers = layers }

    /// Creates the chain from `layers`.
    public convenience init(_ layers: any Layer<Scalar>...) { self.init(layers) }

    /// Applies every layer in order.
    public func callAsFunction(_ input: Tensor<Scalar>) -> Tensor<Scalar> {
        layers.reduce(input) { x, layer in layer(x) }
    }
}
