import Calculus
import Graphs

/// Seeded random arrays of every dtype for the round-trip tests.
struct RandomArrays {
    var generator: SplitMix64

    init(seed: UInt64) {
        generator = SplitMix64(seed: seed)
    }

    /// A shape of 0 to 3 axes with lengths 0 to 4 (so scalars and empty arrays occur).
    mutating func shape() -> [Int] {
        (0..<Int.random(in: 0...3, using: &generator)).map { _ in Int.random(in: 0...4, using: &generator) }
    }

    /// Values spanning the whole range of `T`, including extremes, in file order.
    mutating func values<T: NpyScalar>(_ type: T.Type, count: Int) -> [T] {
        (0..<count).map { _ in value(T.self) }
    }

    private mutating func value<T: NpyScalar>(_ type: T.Type) -> T {
        let bits = generator.next()
        switch T.npyDType {
        case .bool: return (bits & 1 == 1) as! T
        case .int8: return Int8(truncatingIfNeeded: bits) as! T
        case .int16: return Int16(truncatingIfNeeded: bits) as! T
        case .int32: return Int32(truncatingIfNeeded: bits) as! T
        case .int64: return Int64(bitPattern: bits) as! T
        case .uint8: return UInt8(truncatingIfNeeded: bits) as! T
        case .uint16: return UInt16(truncatingIfNeeded: bits) as! T
        case .uint32: return UInt32(truncatingIfNeeded: bits) as! T
        case .uint64: return bits as! T
        case .float32: return Float(Double(Int64(bitPattern: bits)) * 0x1p-40) as! T
        case .float64: return (Double(Int64(bitPattern: bits)) * 0x1p-50) as! T
        }
    }

    /// One random array of each dtype, order and shape.
    mutating func array(of dtype: NpyDType, fortranOrder: Bool) -> NpyArray {
        let shape = shape()
        let count = shape.reduce(1, *)
        switch dtype {
        case .bool: return NpyArray(values(Bool.self, count: count), shape: shape, fortranOrder: fortranOrder)
        case .int8: return NpyArray(values(Int8.self, count: count), shape: shape, fortranOrder: fortranOrder)
        case .int16: return NpyArray(values(Int16.self, count: count), shape: shape, fortranOrder: fortranOrder)
        case .int32: return NpyArray(values(Int32.self, count: count), shape: shape, fortranOrder: fortranOrder)
        case .int64: return NpyArray(values(Int64.self, count: count), shape: shape, fortranOrder: fortranOrder)
        case .uint8: return NpyArray(values(UInt8.self, count: count), shape: shape, fortranOrder: fortranOrder)
        case .uint16: return NpyArray(values(UInt16.self, count: count), shape: shape, fortranOrder: fortranOrder)
        case .uint32: return NpyArray(values(UInt32.self, count: count), shape: shape, fortranOrder: fortranOrder)
        case .uint64: return NpyArray(values(UInt64.self, count: count), shape: shape, fortranOrder: fortranOrder)
        case .float32: return NpyArray(values(Float.self, count: count), shape: shape, fortranOrder: fortranOrder)
        case .float64: return NpyArray(values(Double.self, count: count), shape: shape, fortranOrder: fortranOrder)
        }
    }
}
