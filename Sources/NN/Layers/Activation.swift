import Tensors

/// An elementwise nonlinearity, usable as a function (``apply(_:)``) or as a layer
/// (``Activation``).
public enum ActivationFunction: Sendable, Equatable {
    /// x.
    case identity
    /// max(x, 0).
    case relu
    /// max(x, slope·x).
    case leakyReLU(slope: Double)
    /// x for x > 0, α(eˣ − 1) otherwise.
    case elu(alpha: Double)
    /// tanh x.
    case tanh
    /// 1 / (1 + e⁻ˣ).
    case sigmoid
    /// GELU in its tanh form (PyTorch's `approximate="tanh"`), see ``Tensors/Tensor/gelu()``.
    case gelu

    /// Applies the function to every element of `x`.
    public func apply<Scalar>(_ x: Tensor<Scalar>) -> Tensor<Scalar> {
        switch self {
        case .identity: return x
        case .relu: return x.relu()
        case .leakyReLU(let slope): return x.leakyRelu(slope: Scalar(slope))
        case .elu(let alpha): return x.elu(alpha: Scalar(alpha))
        case .tanh: return x.tanh()
        case .sigmoid: return x.sigmoid()
        case .gelu: return x.gelu()
        }
    }
}

extension Tensor {
    /// GELU, tanh form: ½x(1 + tanh(√(2/π)(x + 0.044715x³))), built from table primitives so
    /// that it is differentiable to any order (the exact form needs erf, which the table lacks).
    public func gelu() -> Tensor {
        let inner = (self + self * self.squared() * Scalar(0.044715)) * Scalar((2 / Double.pi).squareRoot())
        return self * (inner.tanh() + 1) * Scalar(0.5)
    }
}

/// A layer applying an ``ActivationFunction`` elementwise.
public final class Activation<Scalar: TensorScalar>: Layer {
    /// The function applied.
    public let function: ActivationFunction
    /// Unused by this layer; kept for the ``Module`` protocol.
    public var isTraining = true

    /// Creates the layer.
    public init(_ function: ActivationFunction) { self.function = function }

    /// Applies ``function`` to every element.
    public func callAsFunction(_ input: Tensor<Scalar>) -> Tensor<Scalar> { function.apply(input) }
}
