import NN
import Tensors

/// A model that maps a graph and its node features to class logits, one row per node.
///
/// Models are reached through `any NodeClassifier<Float>`, where generic code is not
/// specialized and the tensor operations it inlines would run element by element through
/// generic witnesses; the forward methods of this module's models and layers therefore carry
/// `@_specialize` for `Float` and `Double`, whose generic entry points dispatch to the
/// specialized bodies.
public protocol NodeClassifier<Scalar>: Module {
    /// The logits, `[N, classes]`; dropout is active in training mode.
    func callAsFunction(_ input: GraphInput<Scalar>) -> Tensor<Scalar>

    /// The logits of the nodes `rows` only, in that order, `[rows.count, classes]`: the same
    /// values as those rows of the full pass. Training needs the labelled rows alone, so a
    /// model whose rows are independent of each other (SGC, on cached propagated features)
    /// computes just those; the default runs the full pass and selects them.
    func callAsFunction(_ input: GraphInput<Scalar>, rows: [Int]) -> Tensor<Scalar>

    /// The parameters grouped as the model's paper trains them: with the weight decay of
    /// `hyperparameters` on the parameters the paper decays (all of them unless the model
    /// says otherwise).
    func parameterGroups(for hyperparameters: Hyperparameters) -> [ParameterGroup<Scalar>]
}

extension NodeClassifier {
    /// The full pass's rows `rows`.
    public func callAsFunction(_ input: GraphInput<Scalar>, rows: [Int]) -> Tensor<Scalar> {
        self(input).gatheringRows(rows)
    }

    /// One group: every parameter with `hyperparameters.weightDecay`.
    public func parameterGroups(for hyperparameters: Hyperparameters) -> [ParameterGroup<Scalar>] {
        [ParameterGroup(parameters: parameters, weightDecay: hyperparameters.weightDecay)]
    }
}
