import NN
import Tensors

/// The simplified graph convolution of Wu et al. (PyG's `SGConv`): K propagation steps
/// with the GCN operator, then one linear map,
///
///     X′ = Â^K · X · W + b
///
/// Â^K·X has no parameters, so ``callAsFunction(_:)`` computes it once per ``GraphInput``
/// and keeps it (PyG's `cached=True`); training then costs one dense product per epoch, of
/// the labelled rows only.
///
/// **Shapes**: x `[N, inputs]` (dense or sparse) → `[N, outputs]`.
public final class SGConv<Scalar: TensorScalar>: GraphLayer {
    /// W, `[inputs, outputs]` (Glorot), and b (zeros).
    public let linear: Linear<Scalar>
    /// Number of propagation steps K.
    public let k: Int
    /// Unused by this layer; kept for the ``Module`` protocol.
    public var isTraining = true

    /// A layer from `inputSize` to `outputSize` features after `k` steps.
    ///
    /// - Precondition: `k` ≥ 0.
    public init(inputSize: Int, outputSize: Int, k: Int, using generator: inout some RandomNumberGenerator) {
        require(k >= 0, "SGConv needs K ≥ 0, got \(k)")
        linear = Linear(inputSize: inputSize, outputSize: outputSize, using: &generator)
        self.k = k
    }

    /// Â^K · X (dense).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func propagated(_ x: NodeFeatures<Scalar>, on graph: GraphContext<Scalar>) -> Tensor<Scalar> {
        let normalized = graph.gcnNormalized
        return (0..<k).reduce(x.denseTensor) { h, _ in normalized.propagate(h) }
    }

    /// Â^K · X · W + b, propagating on every call.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func callAsFunction(_ x: NodeFeatures<Scalar>, on graph: GraphContext<Scalar>) -> Tensor<Scalar> {
        linear(propagated(x, on: graph))
    }

    /// Â^K · X · W + b for the features of `input`, with Â^K · X computed on the first call
    /// for this input and reused after.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func callAsFunction(_ input: GraphInput<Scalar>) -> Tensor<Scalar> {
        linear(cachedPropagation(input))
    }

    /// Rows `rows` of Â^K · X · W + b: a product of `rows.count` rows instead of N, since
    /// Â^K · X is computed (once) and rows do not interact after it; the selected rows of it are
    /// kept too, for the next call with the same rows.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func callAsFunction(_ input: GraphInput<Scalar>, rows: [Int]) -> Tensor<Scalar> {
        // Copying and packing the selected rows each epoch cost as much as the product itself.
        let cache = input.memoized("gnn.sgc.K\(k).rows") { LastRowsMemo<PackedMatrix<Scalar>>() }
        return linear(cache.value(on: input.context, rows: rows) { PackedMatrix(cachedPropagation(input).gatheringRows(rows)) })
    }

    private func cachedPropagation(_ input: GraphInput<Scalar>) -> Tensor<Scalar> {
        input.memoized("gnn.sgc.K\(k)") { propagated(input.features, on: input.context) }
    }
}
