import Tensors

/// A snapshot of training: named tensors (model parameters and buffers, optimizer state)
/// and a small string dictionary of metadata (model name, hyperparameters).
///
/// Write it with ``write(to:)`` (atomic: a crash midway leaves the previous file intact),
/// read it with ``init(contentsOf:)`` (validated: signature, version, length, CRC32), and put
/// it back into a model and optimizer with ``restore(into:optimizer:)`` (validated: every
/// tensor present with its shape, before anything is changed).
public struct Checkpoint: Equatable, Sendable {
    /// Free-form metadata.
    public var metadata: [String: String]
    /// Tensors by name: `model.<parameter or buffer path>`, `optimizer.…`.
    public var tensors: [String: StoredTensor]

    /// A checkpoint holding exactly these entries.
    public init(metadata: [String: String] = [:], tensors: [String: StoredTensor] = [:]) {
        self.metadata = metadata
        self.tensors = tensors
    }
}

/// A tensor in a checkpoint, in the precision it was saved in.
public struct StoredTensor: Equatable, Sendable {
    /// The elements in one of the two precisions.
    public enum Elements: Equatable, Sendable {
        /// 32-bit elements.
        case float([Float])
        /// 64-bit elements.
        case double([Double])

        var count: Int {
            switch self {
            case .float(let v): return v.count
            case .double(let v): return v.count
            }
        }
    }

    /// The extent of each axis.
    public let shape: [Int]
    /// The row-major elements.
    public let elements: Elements

    /// Stores `elements` with `shape`.
    ///
    /// - Precondition: the element count is the product of `shape`.
    public init(shape: [Int], elements: Elements) {
        require(shape.reduce(1, *) == elements.count, "shape \(shape) for \(elements.count) elements")
        self.shape = shape
        self.elements = elements
    }

    /// Stores the values of `tensor` in its own precision.
    public init<Scalar: TensorScalar>(_ tensor: Tensor<Scalar>) {
        shape = tensor.shape
        // Same-type reinterpretation, no copy; `as?` on arrays may bridge through Foundation.
        if Scalar.self == Float.self {
            elements = .float(unsafeBitCast(tensor.scalars, to: [Float].self))
        } else {
            elements = .double(unsafeBitCast(tensor.scalars, to: [Double].self))
        }
    }

    /// The values as a tensor of `Scalar` (converted if saved in the other precision).
    public func tensor<Scalar: TensorScalar>(of _: Scalar.Type = Scalar.self) -> Tensor<Scalar> {
        switch elements {
        case .float(let v):
            return Tensor(shape: shape, scalars: Scalar.self == Float.self ? unsafeBitCast(v, to: [Scalar].self) : v.map { Scalar($0) })
        case .double(let v):
            return Tensor(shape: shape, scalars: Scalar.self == Double.self ? unsafeBitCast(v, to: [Scalar].self) : v.map { Scalar($0) })
        }
    }
}
