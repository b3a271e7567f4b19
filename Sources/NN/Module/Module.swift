import Tensors

/// A building block of a model: holds ``Parameter``s, ``Buffer``s and child modules in
/// stored properties, and is either in training or evaluation mode.
///
/// Parameters are found by reflection over stored properties (see ``namedParameters``), so a
/// module never keeps a list of them by hand. A property is searched when it holds a
/// `Parameter`, a `Buffer`, a `Module`, or an array or optional of those (nested as deep as
/// wanted); other values (tensors, numbers, structs) are not parameters.
///
/// ```swift
/// final class MLP: Layer {
///     typealias Scalar = Float  // a generic class names its parameter `Scalar` instead
///     var isTraining = true
///     let hidden: Linear<Float>, output: Linear<Float>
///     func callAsFunction(_ x: Tensor<Float>) -> Tensor<Float> { output(hidden(x).relu()) }
/// }
/// ```
public protocol Module<Scalar>: AnyObject {
    /// The element type of the module's tensors.
    associatedtype Scalar: TensorScalar

    /// Whether the module behaves as in training (dropout active, batch statistics) rather
    /// than evaluation. Set it on a whole tree with ``train(_:)`` or ``eval()``.
    var isTraining: Bool { get set }
}

/// A module that maps one tensor to one tensor.
public protocol Layer<Scalar>: Module {
    /// Applies the layer.
    func callAsFunction(_ input: Tensor<Scalar>) -> Tensor<Scalar>
}

extension Module {
    /// Sets training mode (`true`) or evaluation mode (`false`) on this module and every
    /// module below it.
    public func train(_ mode: Bool = true) {
        var seen: Set<ObjectIdentifier> = []
        ModuleTree.forEachModule(self, seen: &seen) { $0.isTraining = mode }
    }

    /// Sets evaluation mode on this module and every module below it.
    public func eval() { train(false) }

    /// This module and every module below it, each once, in the order ``train(_:)`` visits
    /// them. Found by reflection on each call: keep the list to switch modes every step.
    public var modules: [any Module] {
        var seen: Set<ObjectIdentifier> = []
        var found: [any Module] = []
        ModuleTree.forEachModule(self, seen: &seen) { found.append($0) }
        return found
    }

    /// Clears the gradients accumulated into every parameter.
    public func zeroGrad() {
        for p in parameters { p.zeroGrad() }
    }

    /// Runs `body` with the parameters (in ``namedParameters`` order) replaced by `values`,
    /// then restores them (PyTorch's `functional_call`).
    ///
    /// The replacements can be any tensors on the tape, so gradients with respect to them,
    /// gradients of gradients and forward-mode derivatives of a whole model can be taken.
    /// Not safe while another thread uses the module.
    public func withParameters<R>(_ values: [Tensor<Scalar>], _ body: () throws -> R) rethrows -> R {
        let params = parameters
        require(values.count == params.count, "\(values.count) values for \(params.count) parameters")
        func substitute(from index: Int) throws -> R {
            guard index < params.count else { return try body() }
            return try params[index].substituting(values[index]) { try substitute(from: index + 1) }
        }
        return try substitute(from: 0)
    }

    /// Number of trainable elements.
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.count } }
}
