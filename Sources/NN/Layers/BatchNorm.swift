import Tensors

/// Batch normalization over the last (feature) axis, with statistics taken over all other
/// axes (rows of a [nodes, features] matrix).
///
/// Training normalizes with the batch mean and biased variance and updates the running
/// statistics as PyTorch does: running ← (1 − momentum)·running + momentum·batch, with the
/// unbiased variance. Evaluation normalizes with the running statistics.
public final class BatchNorm<Scalar: TensorScalar>: Layer {
    /// The scale γ, [features], when affine.
    public let scale: Parameter<Scalar>?
    /// The shift β, [features], when affine.
    public let offset: Parameter<Scalar>?
    /// Running mean, [features].
    public let runningMean: Buffer<Scalar>
    /// Running (unbiased) variance, [features].
    public let runningVariance: Buffer<Scalar>
    /// Weight of the newest batch in the running statistics.
    public let momentum: Double
    /// The ε added to the variance.
    public let epsilon: Double
    /// The extent of the feature axis.
    public let featureCount: Int
    /// Batch statistics (training) or running statistics (evaluation).
    public var isTraining = true

    /// Creates the layer; γ starts at one, β and the running mean at zero, the running
    /// variance at one.
    public init(featureCount: Int, momentum: Double = 0.1, epsilon: Double = 1e-5, affine: Bool = true) {
        self.featureCount = featureCount
        self.momentum = momentum
        self.epsilon = epsilon
        scale = affine ? Parameter(Tensor.ones([featureCount])) : nil
        offset = affine ? Parameter(Tensor.zeros([featureCount])) : nil
        runningMean = Buffer(Tensor.zeros([featureCount]))
        runningVariance = Buffer(Tensor.ones([featureCount]))
    }

    /// Normalizes each feature.
    public func callAsFunction(_ input: Tensor<Scalar>) -> Tensor<Scalar> {
        require(input.shape.last == featureCount, "BatchNorm expects [..., \(featureCount)], got \(input.shape)")
        let rows = input.reshaped([input.count / featureCount, featureCount])
        let y: Tensor<Scalar>
        if isTraining {
            let n = rows.shape[0]
            require(n > 1, "BatchNorm in training needs more than one row per feature, got shape \(input.shape)")
            let mean = rows.mean(along: 0)
            let centered = rows - mean
            let variance = centered.squared().mean(along: 0)
            y = centered / (variance + Scalar(epsilon)).sqrt()
            withoutGradients {
                let m = Scalar(momentum)
                let unbiased = variance.detached() * Scalar(Double(n) / Double(n - 1))
                runningMean.assign(runningMean.value * (1 - m) + mean.detached() * m)
                runningVariance.assign(runningVariance.value * (1 - m) + unbiased * m)
            }
        } else {
            y = (rows - runningMean.value) / (runningVariance.value + Scalar(epsilon)).sqrt()
        }
        var out = y
        if let scale { out = out * scale.value }
        if let offset { out = out + offset.value }
        return out.reshaped(input.shape)
    }
}
