import Tensors

/// Which fan a variance-scaling initializer keeps the variance for.
public enum FanMode: Sendable {
    /// Preserves the variance of activations in the forward pass.
    case fanIn
    /// Preserves the variance of gradients in the backward pass.
    case fanOut
}

extension Tensor {
    /// The (fan in, fan out) of a weight of `shape` in the x·W convention: the last two axes
    /// are [inputs, outputs], leading axes (a receptive field) multiply both; a vector has
    /// fan in = fan out = its length.
    public static func fans(of shape: [Int]) -> (fanIn: Int, fanOut: Int) {
        require(!shape.isEmpty, "fans of a scalar shape are undefined")
        if shape.count == 1 { return (shape[0], shape[0]) }
        let receptive = shape.dropLast(2).reduce(1, *)
        return (shape[shape.count - 2] * receptive, shape[shape.count - 1] * receptive)
    }

    /// Glorot/Xavier uniform: U(−a, a) with a = gain·√(6 / (fan in + fan out)).
    public static func glorotUniform(
        _ shape: [Int], gain: Double = 1, using generator: inout some RandomNumberGenerator
    ) -> Tensor {
        let (fanIn, fanOut) = fans(of: shape)
        let bound = gain * (6 / Double(fanIn + fanOut)).squareRoot()
        return uniform(shape, low: Scalar(-bound), high: Scalar(bound), using: &generator)
    }

    /// Glorot/Xavier normal: N(0, σ²) with σ = gain·√(2 / (fan in + fan out)).
    public static func glorotNormal(
        _ shape: [Int], gain: Double = 1, using generator: inout some RandomNumberGenerator
    ) -> Tensor {
        let (fanIn, fanOut) = fans(of: shape)
        let sigma = gain * (2 / Double(fanIn + fanOut)).squareRoot()
        return normal(shape, standardDeviation: Scalar(sigma), using: &generator)
    }

    /// Kaiming/He uniform: U(−a, a) with a = g·√(3 / fan), g = √(2 / (1 + slope²)) the gain of
    /// a leaky ReLU with `negativeSlope` (0: ReLU).
    public static func kaimingUniform(
        _ shape: [Int], negativeSlope: Double = 0, mode: FanMode = .fanIn,
        using generator: inout some RandomNumberGenerator
    ) -> Tensor {
        let bound = kaimingStandardDeviation(shape, negativeSlope: negativeSlope, mode: mode) * Double(3).squareRoot()
        return uniform(shape, low: Scalar(-bound), high: Scalar(bound), using: &generator)
    }

    /// Kaiming/He normal: N(0, σ²) with σ = g / √fan, g as in ``kaimingUniform(_:negativeSlope:mode:using:)``.
    public static func kaimingNormal(
        _ shape: [Int], negativeSlope: Double = 0, mode: FanMode = .fanIn,
        using generator: inout some RandomNumberGenerator
    ) -> Tensor {
        let sigma = kaimingStandardDeviation(shape, negativeSlope: negativeSlope, mode: mode)
        return normal(shape, standardDeviation: Scalar(sigma), using: &generator)
    }

    private static func kaimingStandardDeviation(_ shape: [Int], negativeSlope: Double, mode: FanMode) -> Double {
        let (fanIn, fanOut) = fans(of: shape)
        let fan = mode == .fanIn ? fanIn : fanOut
        let gain = (2 / (1 + negativeSlope * negativeSlope)).squareRoot()
        return gain / Double(fan).squareRoot()
    }
}
