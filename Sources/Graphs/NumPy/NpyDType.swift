/// The element types of `.npy` files that GraphGrad reads and writes.
public enum NpyDType: String, CaseIterable, Sendable {
    case bool, int8, int16, int32, int64, uint8, uint16, uint32, uint64, float32, float64

    /// Bytes per element.
    public var size: Int {
        switch self {
        case .bool, .int8, .uint8: return 1
        case .int16, .uint16: return 2
        case .int32, .uint32, .float32: return 4
        case .int64, .uint64, .float64: return 8
        }
    }

    /// True for the signed and unsigned integer types (not `bool`).
    public var isInteger: Bool {
        switch self {
        case .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32, .uint64: return true
        case .bool, .float32, .float64: return false
        }
    }

    /// True for `float32` and `float64`.
    public var isFloatingPoint: Bool { self == .float32 || self == .float64 }

    /// The type code after the byte-order character in numpy's `descr`, e.g. `f4`.
    var typeCode: String {
        switch self {
        case .bool: return "b1"
        case .int8: return "i1"
        case .int16: return "i2"
        case .int32: return "i4"
        case .int64: return "i8"
        case .uint8: return "u1"
        case .uint16: return "u2"
        case .uint32: return "u4"
        case .uint64: return "u8"
        case .float32: return "f4"
        case .float64: return "f8"
        }
    }

    /// The `descr` string GraphGrad writes: little-endian, or `|` for one-byte types.
    var descr: String { (size == 1 ? "|" : "<") + typeCode }

    /// The dtype and byte order a numpy `descr` string names, or `nil` for anything else
    /// (structured, complex, half-precision, string, object and date types).
    static func parse(descr: String) -> (dtype: NpyDType, bigEndian: Bool)? {
        var code = Substring(descr)
        var bigEndian = false
        if let order = code.first, "<>|=".contains(order) {
            bigEndian = order == ">"
            code = code.dropFirst()
        }
        if code == "?" { return (.bool, false) }
        guard let dtype = allCases.first(where: { $0.typeCode == code }) else { return nil }
        return (dtype, bigEndian && dtype.size > 1)
    }
}

/// A Swift type whose values are stored in `.npy` files bit for bit (on a little-endian host).
public protocol NpyScalar: BitwiseCopyable, Sendable {
    /// The `.npy` element type of this Swift type.
    static var npyDType: NpyDType { get }
}

extension Bool: NpyScalar { public static var npyDType: NpyDType { .bool } }
extension Int8: NpyScalar { public static var npyDType: NpyDType { .int8 } }
extension Int16: NpyScalar { public static var npyDType: NpyDType { .int16 } }
extension Int32: NpyScalar { public static var npyDType: NpyDType { .int32 } }
extension Int64: NpyScalar { public static var npyDType: NpyDType { .int64 } }
extension UInt8: NpyScalar { public static var npyDType: NpyDType { .uint8 } }
extension UInt16: NpyScalar { public static var npyDType: NpyDType { .uint16 } }
extension UInt32: NpyScalar { public static var npyDType: NpyDType { .uint32 } }
extension UInt64: NpyScalar { public static var npyDType: NpyDType { .uint64 } }
extension Float: NpyScalar { public static var npyDType: NpyDType { .float32 } }
extension Double: NpyScalar { public static var npyDType: NpyDType { .float64 } }

#if _endian(big)
#error("GraphGrad's .npy storage copies little-endian bytes into Swift values; port NpyArray first")
#endif
