import Calculus
import RealModule

/// The element types a ``Tensor`` can hold: `Float` and `Double`.
///
/// The requirements collect what the kernels need: IEEE arithmetic, the elementary functions
/// of swift-numerics, the shared derivative-rule table, and a matrix-multiply kernel.
public protocol TensorScalar: BinaryFloatingPoint, Real, DerivativeAlgebra, GemmScalar, ElementKernels, SIMDScalar,
    Sendable, CustomStringConvertible {}

extension Float: TensorScalar {}
extension Double: TensorScalar {}
