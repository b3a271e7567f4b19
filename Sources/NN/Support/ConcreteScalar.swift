import Tensors

/// Lets an element loop in this module run compiled for `Float` or `Double`.
///
/// Generic code over `Scalar` is not specialized when it is reached through generic types
/// such as `Adam<Scalar>`, and a generic per-element loop is many times slower than the
/// same loop on a concrete type. Call sites test `Scalar.self == Float.self` and hand the
/// reinterpreted pointers to a loop written generically over `T` that the compiler
/// specializes at each concrete call.
enum ConcreteScalar {
    /// `pointer` viewed as elements of `T`; valid only when `Scalar` is `T`.
    @inline(__always)
    static func cast<Scalar, T>(_ pointer: UnsafeMutablePointer<Scalar>, to _: T.Type) -> UnsafeMutablePointer<T> {
        UnsafeMutableRawPointer(pointer).assumingMemoryBound(to: T.self)
    }

    /// `pointer` viewed as elements of `T`; valid only when `Scalar` is `T`.
    @inline(__always)
    static func cast<Scalar, T>(_ pointer: UnsafePointer<Scalar>, to _: T.Type) -> UnsafePointer<T> {
        UnsafeRawPointer(pointer).assumingMemoryBound(to: T.self)
    }

    /// Whether `Scalar` is `Float` (the only other ``TensorScalar`` is `Double`).
    @inline(__always)
    static func isFloat<Scalar: TensorScalar>(_: Scalar.Type) -> Bool { Scalar.self == Float.self }
}
