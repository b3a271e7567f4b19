import NN
import Tensors

/// Two groups: `first`'s parameters with `weightDecay`, the parameters of `rest` without.
func firstLayerDecayGroups<Scalar: TensorScalar>(
    first: any Module<Scalar>, rest: [any Module<Scalar>], weightDecay: Double
) -> [ParameterGroup<Scalar>] {
    [
        ParameterGroup(parameters: first.parameters, weightDecay: weightDecay),
        ParameterGroup(parameters: rest.flatMap { $0.parameters }, weightDecay: 0),
    ]
}
