import Foundation
import NN
import Tensors

/// The GCNII layer of Chen et al. (2020) (PyG's `GCN2Conv` with shared weights): GCN
/// propagation with an initial residual and an identity mapping,
///
///     X′ = ((1 − α) · Â · X + α · X₀) · ((1 − β_l) · I + β_l · W),   β_l = log(λ / l + 1)
///
/// where X₀ is the first layer's representation and l the layer's depth (1-based): deeper
/// layers stay closer to the identity, which lets 64-layer models train.
///
/// **Shapes**: x and x₀ `[N, F]` → `[N, F]`.
public final class GCNIIConv<Scalar: TensorScalar>: Module {
    /// W, `[F, F]` (Glorot).
    public let weight: Parameter<Scalar>
    /// Weight α of the initial residual.
    public let alpha: Scalar
    /// β_l = log(λ / l + 1).
    public let beta: Scalar
    /// Unused by this layer; kept for the ``Module`` protocol.
    public var isTraining = true

    /// A layer of width `width` at depth `layer` (1-based) with residual weight `alpha` and
    /// identity strength `lambda`, initialized from `generator`.
    ///
    /// - Precondition: `layer` ≥ 1.
    public init(width: Int, alpha: Double, lambda: Double, layer: Int, using generator: inout some RandomNumberGenerator) {
        require(layer >= 1, "GCNII layers count from 1, got \(layer)")
        weight = Parameter(Tensor.glorotUniform([width, width], using: &generator))
        self.alpha = Scalar(alpha)
        beta = Scalar(Foundation.log(lambda / Double(layer) + 1))
    }

    /// The layer's output for `x` with initial representation `initial`.
    public func callAsFunction(_ x: Tensor<Scalar>, initial: Tensor<Scalar>, on graph: GraphContext<Scalar>) -> Tensor<Scalar> {
        let support = (1 - alpha) * graph.gcnNormalized.propagate(x) + alpha * initial
        return (1 - beta) * support + beta * support.matmul(weight.value)
    }
}
