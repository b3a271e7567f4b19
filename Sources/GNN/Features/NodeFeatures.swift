import NN
import Tensors

/// The input features of the nodes, dense or sparse; layers whose first step is a linear map
/// accept either, so a sparse input never becomes dense.
public enum NodeFeatures<Scalar: TensorScalar>: Sendable {
    /// A dense `[nodes, features]` tensor.
    case dense(Tensor<Scalar>)
    /// A sparse `[nodes, features]` matrix.
    case sparse(SparseMatrix<Scalar>)

    /// Number of rows (nodes).
    public var nodeCount: Int {
        switch self {
        case .dense(let x): x.shape[0]
        case .sparse(let x): x.rowCount
        }
    }

    /// Number of columns (features per node).
    public var featureCount: Int {
        switch self {
        case .dense(let x): x.shape[1]
        case .sparse(let x): x.columnCount
        }
    }

    /// The features as a dense tensor (a sparse matrix is expanded).
    public var denseTensor: Tensor<Scalar> {
        switch self {
        case .dense(let x): x
        case .sparse(let x): x.dense()
        }
    }

    /// X·W; a sparse matrix multiplies over its stored values only.
    ///
    /// **Shapes**: self `[N, F]`, weight `[F, F′]` → `[N, F′]`.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func matmul(_ weight: Tensor<Scalar>) -> Tensor<Scalar> {
        switch self {
        case .dense(let x): x.matmul(weight)
        case .sparse(let x): x.matmul(weight)
        }
    }

    /// The features after `dropout`: a sparse matrix drops stored values only (zeros that are
    /// not stored stay zero anyway), at a cost proportional to the stored count.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func dropped(by dropout: Dropout<Scalar>) -> NodeFeatures {
        switch self {
        case .dense(let x): .dense(dropout(x))
        case .sparse(let x): .sparse(x.withValues(dropout.dropping(values: x.values)))
        }
    }
}

extension Linear {
    /// x·W + b for dense or sparse `features` of shape `[N, inputs]`.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func callAsFunction(_ features: NodeFeatures<Scalar>) -> Tensor<Scalar> {
        guard case .sparse(let x) = features else { return self(features.denseTensor) }
        require(x.columnCount == inputSize, "Linear expects [N, \(inputSize)], got [\(x.rowCount), \(x.columnCount)]")
        let product = x.matmul(weight.value)
        guard let bias else { return product }
        return product + bias.value
    }
}
