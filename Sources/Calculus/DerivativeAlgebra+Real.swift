import RealModule

// Plain numbers evaluate the primitives directly: the reference for every other mode.
extension Float: DerivativeAlgebra {
    @inlinable public static func constant(_ value: Double, like: Float) -> Float { Float(value) }
    @inlinable public static func apply(_ primitive: UnaryPrimitive, _ x: Float) -> Float { primitive(x) }
    @inlinable public static func apply(_ primitive: BinaryPrimitive, _ x: Float, _ y: Float) -> Float {
        primitive(x, y)
    }
}

extension Double: DerivativeAlgebra {
    @inlinable public static func constant(_ value: Double, like: Double) -> Double { value }
    @inlinable public static func apply(_ primitive: UnaryPrimitive, _ x: Double) -> Double { primitive(x) }
    @inlinable public static func apply(_ primitive: BinaryPrimitive, _ x: Double, _ y: Double) -> Double {
        primitive(x, y)
    }
}
