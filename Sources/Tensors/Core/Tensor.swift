import Calculus
/// An N-dimensional, row-major array of `Float` or `Double` with value semantics and
/// reverse- and forward-mode automatic differentiation.
///
/// Copies share their elements until one of them is written (copy-on-write); large storages
/// are recycled through ``TensorStoragePool``. A tensor that requires gradients carries a
/// reference to its node on the tape; operations on it record themselves, and
/// ``gradients(wrt:seed:createGraph:)`` or ``backward(seed:createGraph:)`` walks the tape back
/// (the free function ``gradient(at:of:)`` does so for a function of its inputs).
/// A tensor may also carry a tangent (forward mode, see ``withTangent(_:)``), which every
/// operation pushes forward.
public struct Tensor<Scalar: TensorScalar>: @unchecked Sendable {
    /// The extent of each axis; `[]` for a scalar.
    public let shape: [Int]
    /// The elements in row-major order. The first read copies them into an array that the
    /// storage keeps (``withUnsafePointer(_:)`` reads them in place, without the copy).
    @inlinable public var scalars: [Scalar] { storage.array }
    @usableFromInline internal var storage: TensorStorage<Scalar>
    /// This tensor's node on the tape, when it requires gradients.
    @usableFromInline internal var node: TapeNode<Scalar>?
    /// The forward-mode tangent, when one is attached.
    @usableFromInline internal var tangentBox: TangentBox<Scalar>?

    /// Creates a tensor from row-major elements.
    ///
    /// - Precondition: `scalars.count` equals the product of `shape`.
    @inlinable
    public init(shape: [Int], scalars: [Scalar]) {
        require(shape.allSatisfy { $0 >= 0 }, "negative extent in shape \(shape)")
        require(
            shape.reduce(1, *) == scalars.count,
            "shape \(shape) holds \(shape.reduce(1, *)) elements, got \(scalars.count)")
        self.shape = shape
        self.storage = scalars.withUnsafeBufferPointer { .copying($0) }
    }

    /// A 0-dimensional tensor.
    @inlinable
    public init(_ value: Scalar) {
        let storage = TensorStorage<Scalar>.uninitialized(count: 1)
        storage.base.initialize(to: value)
        self.init(shape: [], storage: storage)
    }

    /// A 1-dimensional tensor.
    @inlinable
    public init(_ values: [Scalar]) {
        self.init(shape: [values.count], scalars: values)
    }

    /// A 2-dimensional tensor from rows of equal length.
    @inlinable
    public init(_ rows: [[Scalar]]) {
        let width = rows.first?.count ?? 0
        require(rows.allSatisfy { $0.count == width }, "rows of unequal length")
        self.init(shape: [rows.count, width], scalars: rows.flatMap { $0 })
    }

    /// A tensor on `storage`, shared with the tensors that hold it already.
    @inlinable internal init(
        shape: [Int], storage: TensorStorage<Scalar>, node: TapeNode<Scalar>? = nil,
        tangentBox: TangentBox<Scalar>? = nil
    ) {
        self.shape = shape
        self.storage = storage
        self.node = node
        self.tangentBox = tangentBox
    }

    /// Number of axes.
    @inlinable
    public var rank: Int { shape.count }
    /// Number of elements.
    @inlinable
    public var count: Int { storage.count }
    /// The single element of a tensor with one element.
    @inlinable
    public var scalar: Scalar {
        require(count == 1, "tensor of shape \(shape) is not a single element")
        return withUnsafePointer { $0[0] }
    }

    /// Whether operations on this tensor are recorded on the tape.
    @inlinable
    public var requiresGradient: Bool { node != nil }

    /// A copy of this tensor that is a leaf of the tape: gradients with respect to it can be
    /// asked for, and ``backward(seed:createGraph:)`` accumulates into its ``grad``.
    @inlinable
    public func requiringGradient() -> Tensor {
        Tensor(shape: shape, storage: storage, node: TapeNode(leafOfShape: shape), tangentBox: tangentBox)
    }

    /// The same values, cut from the tape and from any tangent.
    @inlinable
    public func detached() -> Tensor {
        Tensor(shape: shape, storage: storage)
    }

    /// The row-major strides of `shape`.
    @inlinable
    public static func strides(of shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        var stride = 1
        for axis in shape.indices.reversed() {
            strides[axis] = stride
            stride *= shape[axis]
        }
        return strides
    }

    /// Normalizes a possibly negative axis, stopping with a message when it is out of range.
    @inlinable
    public func normalizedAxis(_ axis: Int) -> Int {
        let a = axis < 0 ? axis + rank : axis
        require(a >= 0 && a < rank, "axis \(axis) out of range for shape \(shape)")
        return a
    }
}

extension Tensor: CustomStringConvertible {
    /// A short summary: shape and the first elements.
    @inlinable
    public var description: String {
        let head = withUnsafePointer { UnsafeBufferPointer(start: $0, count: Swift.min(count, 8)).map { "\($0)" } }
        return "Tensor\(shape)[\(head.joined(separator: ", "))\(count > 8 ? ", …" : "")]"
    }
}

extension Tensor: Equatable {
    /// Equal shapes and elements; the tape and tangents are ignored.
    @inlinable
    public static func == (lhs: Tensor, rhs: Tensor) -> Bool {
        guard lhs.shape == rhs.shape && lhs.count == rhs.count else { return false }
        // As arrays compare: shared elements are equal, without reading them (NaNs included).
        if lhs.storage === rhs.storage { return true }
        return lhs.withUnsafePointer { a in
            rhs.withUnsafePointer { b in (0..<lhs.count).allSatisfy { a[$0] == b[$0] } }
        }
    }
}
