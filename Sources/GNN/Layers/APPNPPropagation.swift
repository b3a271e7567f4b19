import NN
import Tensors

/// The propagation of APPNP (Gasteiger et al., PyG's `APPNP`): K steps of personalized
/// PageRank from the predictions H,
///
///     Z⁰ = H,   Z^{k+1} = (1 − α) · Â · Z^k + α · H,   output Z^K
///
/// with the GCN operator Â (cached in the context). It has no parameters.
///
/// **Shapes**: x `[N, F]` → `[N, F]`.
public final class APPNPPropagation<Scalar: TensorScalar>: GraphLayer {
    /// Number of steps K.
    public let k: Int
    /// Teleport probability α.
    public let alpha: Scalar
    /// Unused by this layer; kept for the ``Module`` protocol.
    public var isTraining = true

    /// A propagation of `k` steps with teleport probability `alpha`.
    ///
    /// - Precondition: `k` ≥ 0 and 0 ≤ `alpha` ≤ 1.
    public init(k: Int, alpha: Scalar) {
        require(k >= 0 && (0...1).contains(alpha), "APPNP needs K ≥ 0 and α in [0, 1], got K = \(k), α = \(alpha)")
        self.k = k
        self.alpha = alpha
    }

    /// Z^K from H = `x`.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func callAsFunction(_ x: NodeFeatures<Scalar>, on graph: GraphContext<Scalar>) -> Tensor<Scalar> {
        let h = x.denseTensor
        let normalized = graph.gcnNormalized
        let teleport = alpha * h
        return (0..<k).reduce(h) { z, _ in (1 - alpha) * normalized.propagate(z) + teleport }
    }
}
