import Tensors
/// An n-dimensional array as stored in a `.npy` file.
///
/// `storage` holds the elements in file order (row-major, or column-major when
/// `fortranOrder`), little-endian whatever the file's byte order was. The typed accessors
/// (`floats()`, `ints()`, …) always return row-major (C-order) values.
public struct NpyArray: Sendable, Equatable {
    /// The element type.
    public let dtype: NpyDType
    /// The extent of each axis; `[]` is a scalar (one element).
    public let shape: [Int]
    /// True when `storage` is column-major.
    public let fortranOrder: Bool
    /// The element bytes, little-endian, in file order.
    public let storage: [UInt8]

    /// Number of elements (the product of `shape`).
    public var count: Int { shape.reduce(1, *) }

    /// An array over existing little-endian bytes.
    ///
    /// - Throws: `NpyError.sizeMismatch` (or `.truncated`) when `storage` does not hold exactly
    ///   the bytes that `shape` and `dtype` call for; `.unparsableHeader` for a negative axis.
    public init(dtype: NpyDType, shape: [Int], fortranOrder: Bool = false, storage: [UInt8]) throws(NpyError) {
        let expected = try NpyArray.byteCount(dtype: dtype, shape: shape)
        guard storage.count >= expected else { throw .truncated(part: "data", expected: expected, got: storage.count) }
        guard storage.count == expected else {
            throw .sizeMismatch(shape: shape, dtype: dtype, expectedBytes: expected, actualBytes: storage.count)
        }
        self.dtype = dtype
        self.shape = shape
        self.fortranOrder = fortranOrder
        // Swift's Bool must hold 0 or 1; numpy only promises "nonzero is true".
        self.storage = dtype == .bool ? storage.map { $0 == 0 ? 0 : 1 } : storage
    }

    /// An array of `values` laid out in the given order.
    ///
    /// `values.count` must equal the product of `shape` (a programming error otherwise).
    public init<T: NpyScalar>(_ values: [T], shape: [Int], fortranOrder: Bool = false) {
        require(shape.allSatisfy { $0 >= 0 }, "shape \(shape) has a negative axis")
        require(
            values.count == shape.reduce(1, *),
            "\(values.count) values do not fill shape \(shape) (\(shape.reduce(1, *)) elements)")
        dtype = T.npyDType
        self.shape = shape
        self.fortranOrder = fortranOrder
        storage = values.withUnsafeBytes { Array($0) }
    }

    /// A one-dimensional array of `values`.
    public init<T: NpyScalar>(_ values: [T]) {
        self.init(values, shape: [values.count])
    }

    /// Bytes needed for `shape` elements of `dtype`, rejecting negative axes and overflow.
    static func byteCount(dtype: NpyDType, shape: [Int]) throws(NpyError) -> Int {
        var total = dtype.size
        for extent in shape {
            guard extent >= 0 else {
                throw .unparsableHeader(header: "shape \(shape)", reason: "negative axis length \(extent)")
            }
            let (product, overflow) = total.multipliedReportingOverflow(by: extent)
            guard !overflow else { throw .unparsableHeader(header: "shape \(shape)", reason: "size overflows") }
            total = product
        }
        return total
    }
}
