import Calculus
import NN
import Tensors

/// The simplified graph convolution network of Wu et al. (2019): logistic regression on
/// Â^K X, which is computed once per input and reused every epoch,
///
///     logits = Â^K · X · W + b
public final class SGC<Scalar: TensorScalar>: NodeClassifier {
    /// The single layer.
    public let convolution: SGConv<Scalar>
    /// Unused (the model has no dropout); kept for the ``Module`` protocol.
    public var isTraining = true

    /// A model from `featureCount` features to `classCount` classes after `k` steps, seeded by
    /// `seed`.
    public init(featureCount: Int, classCount: Int, k: Int, seed: UInt64) {
        var generator = SplitMix64(seed: seed)
        convolution = SGConv(inputSize: featureCount, outputSize: classCount, k: k, using: &generator)
    }

    /// The logits `[N, classes]`.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func callAsFunction(_ input: GraphInput<Scalar>) -> Tensor<Scalar> {
        convolution(input)
    }

    /// The logits of `rows` alone, `[rows.count, classes]`.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func callAsFunction(_ input: GraphInput<Scalar>, rows: [Int]) -> Tensor<Scalar> {
        convolution(input, rows: rows)
    }
}
