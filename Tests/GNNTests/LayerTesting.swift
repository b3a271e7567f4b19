import GraphGrad
import Testing
import _TestSupport

/// Checks first- and second-order gradients of `apply` with respect to its input and to
/// every parameter of `module` (in evaluation mode, so dropout is off), and forward mode.
func expectModuleDifferentiable<M: Module<Double>>(
    _ module: M, input: Tensor<Double>, secondOrder: Bool = true, sourceLocation: SourceLocation = #_sourceLocation,
    _ apply: @escaping (Tensor<Double>) -> Tensor<Double>
) {
    module.eval()
    let parameters = module.parameters.map(\.value)
    expectDifferentiable(at: [input] + parameters, secondOrder: secondOrder, sourceLocation: sourceLocation) { xs in
        module.withParameters(Array(xs.dropFirst())) { apply(xs[0]) }
    }
}

/// Overwrites every parameter of `module` with seeded random values (so zero-initialized
/// biases take part in the comparison).
func randomizeParameters(_ module: some Module<Double>, seed: UInt64) {
    for (offset, parameter) in module.parameters.enumerated() {
        parameter.assign(randomTensor(parameter.shape, in: -0.5...0.5, seed: seed &+ UInt64(offset)))
    }
}
