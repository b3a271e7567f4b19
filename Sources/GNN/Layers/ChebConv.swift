import NN
import Tensors

/// The Chebyshev spectral convolution of Defferrard et al. (PyG's `ChebConv`, symmetric
/// normalization, λ_max = 2), with K terms:
///
///     X′ = Σ_{k<K} T_k(L̃) · X · W_k + b,   T₀ = I, T₁ = L̃, T_k = 2L̃·T_{k−1} − T_{k−2}
///
/// with L̃ = −D^-1/2 A D^-1/2 the scaled Laplacian (cached in the context). The products
/// X·W_k come first and the sum is evaluated by Clenshaw's recurrence, so a sparse input is
/// multiplied over its stored values only and the layer costs K − 1 sparse products.
///
/// **Shapes**: x `[N, inputs]` (dense or sparse) → `[N, outputs]`.
public final class ChebConv<Scalar: TensorScalar>: GraphLayer {
    /// W_0, …, W_{K−1}, each `[inputs, outputs]` (Glorot), without bias.
    public let terms: [Linear<Scalar>]
    /// b, `[outputs]` (zeros).
    public let bias: Parameter<Scalar>
    /// Unused by this layer; kept for the ``Module`` protocol.
    public var isTraining = true

    /// A layer from `inputSize` to `outputSize` features with `k` terms, initialized from
    /// `generator`.
    ///
    /// - Precondition: `k` ≥ 1.
    public init(inputSize: Int, outputSize: Int, k: Int, using generator: inout some RandomNumberGenerator) {
        require(k >= 1, "ChebConv needs K ≥ 1, got \(k)")
        terms = (0..<k).map { _ in Linear(inputSize: inputSize, outputSize: outputSize, bias: false, using: &generator) }
        bias = Parameter(Tensor.zeros([outputSize]))
    }

    /// Σ T_k(L̃) · X · W_k + b.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func callAsFunction(_ x: NodeFeatures<Scalar>, on graph: GraphContext<Scalar>) -> Tensor<Scalar> {
        let laplacian = graph.scaledLaplacian
        let y = terms.map { $0(x) }
        // Clenshaw: b_k = Y_k + 2L̃·b_{k+1} − b_{k+2} for k = K−1 … 1; sum = Y₀ + L̃·b₁ − b₂.
        var next: Tensor<Scalar>? = nil
        var afterNext: Tensor<Scalar>? = nil
        for k in stride(from: y.count - 1, through: 1, by: -1) {
            var b = y[k]
            if let next { b = b + 2 * laplacian.propagate(next) }
            if let afterNext { b = b - afterNext }
            (next, afterNext) = (b, next)
        }
        var sum = y[0]
        if let next { sum = sum + laplacian.propagate(next) }
        if let afterNext { sum = sum - afterNext }
        return sum + bias.value
    }
}
