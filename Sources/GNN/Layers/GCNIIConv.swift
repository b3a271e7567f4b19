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
    private let identity: Tensor<Scalar>

    /// A layer of width `width` at depth `layer` (1-based) with residual weight `alpha` and
    /// identity strength `lambda`, initialized from `generator`.
    ///
    /// - Precondition: `layer` ≥ 1.
    public init(width: Int, alpha: Double, lambda: Double, layer: Int, using generator: inout some RandomNumberGenerator) {
        require(layer >= 1, "GCNII layers count from 1, got \(layer)")
        weight = Parameter(Tensor.glorotUniform([width, width], using: &generator))
        self.alpha = Scalar(alpha)
        beta = Scalar(Foundation.log(lambda / Double(layer) + 1))
        identity = Tensor.identity(width)
    }

    /// The layer's output for `x` with initial representation `initial`.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func callAsFunction(_ x: Tensor<Scalar>, initial: Tensor<Scalar>, on graph: GraphContext<Scalar>) -> Tensor<Scalar> {
        self(x, scaledInitial: alpha * initial, on: graph)
    }

    /// The layer's output for `x` with α · X₀ given: every layer of a network shares that
    /// product, so it is formed (and its gradient taken) once, not once per layer.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func callAsFunction(_ x: Tensor<Scalar>, scaledInitial: Tensor<Scalar>, on graph: GraphContext<Scalar>) -> Tensor<Scalar> {
        // (1 − α) is folded into a cached copy of Â's weights and (1 − β)I + βW is formed on the
        // small [F, F] matrix, sparing three passes over [N, F] per layer.
        let damped = graph.memoized("gnn.gcn.scaled\(1 - alpha)") {
            let normalized = graph.gcnNormalized
            return WeightedGraph(graph: normalized.graph, weights: (1 - alpha) * normalized.weights)
        }
        let support = damped.propagate(x) + scaledInitial
        return support.matmul((1 - beta) * identity + beta * weight.value)
    }
}
