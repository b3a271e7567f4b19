import NN
import Tensors

/// A model that maps a graph and its node features to class logits, one row per node.
public protocol NodeClassifier<Scalar>: Module {
    /// The logits, `[N, classes]`; dropout is active in training mode.
    func callAsFunction(_ input: GraphInput<Scalar>) -> Tensor<Scalar>

    /// The parameters grouped as the model's paper trains them: with the weight decay of
    /// `hyperparameters` on the parameters the paper decays (all of them unless the model
    /// says otherwise).
    func parameterGroups(for hyperparameters: Hyperparameters) -> [ParameterGroup<Scalar>]
}

extension NodeClassifier {
    /// One group: every parameter with `hyperparameters.weightDecay`.
    public func parameterGroups(for hyperparameters: Hyperparameters) -> [ParameterGroup<Scalar>] {
        [ParameterGroup(parameters: parameters, weightDecay: hyperparameters.weightDecay)]
    }
}
