import Tensors

/// Layer normalization over the last axis: (x − mean) / √(var + ε), then an optional
/// learned elementwise scale γ and shift β.
public final class LayerNorm<Scalar: TensorScalar>: Layer {
    /// The scale γ, [features], when affine.
    public let scale: Parameter<Scalar>?
    /// The shift β, [features], when affine.
    public let offset: Parameter<Scalar>?
    /// The ε added to the variance.
    public let epsilon: Double
    /// The extent of the normalized (last) axis.
    public let featureCount: Int
    /// Unused by this layer; kept for the ``Module`` protocol.
    public var isTraining = true

    /// Creates the layer for inputs whose last axis has `featureCount` elements; γ starts at
    /// one and β at zero.
    public init(featureCount: Int, epsilon: Double = 1e-5, affine: Bool = true) {
        self.featureCount = featureCount
        self.epsilon = epsilon
        scale = affine ? Parameter(Tensor.ones([featureCount])) : nil
        offset = affine ? Parameter(Tensor.zeros([featureCount])) : nil
    }

    /// Normalizes each slice along the last axis.
    public func callAsFunction(_ input: Tensor<Scalar>) -> Tensor<Scalar> {
        require(input.shape.last == featureCount, "LayerNorm expects [..., \(featureCount)], got \(input.shape)")
        let centered = input - input.mean(along: -1, keepingDims: true)
        let variance = centered.squared().mean(along: -1, keepingDims: true)
        var y = centered / (variance + Scalar(epsilon)).sqrt()
        if let scale { y = y * scale.value }
        if let offset { y = y + offset.value }
        return y
    }
}
