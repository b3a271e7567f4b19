import ArgumentParser
import GraphGrad

/// The model and its hyperparameters: the model paper's defaults, overridden by the flags
/// that are given.
struct ModelOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "The model: \(ModelKind.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "name"))
    var model: String

    @Option(help: "Width of the hidden layers (per attention head for gat).")
    var hidden: Int?

    @Option(help: "Number of layers (gcnii: propagation layers; appnp: layers of its MLP).")
    var layers: Int?

    @Option(help: "Attention heads of the hidden layers (gat).")
    var heads: Int?

    @Option(help: "Dropout probability on features, in [0, 1).")
    var dropout: Double?

    @Option(name: .customLong("lr"), help: "Adam's learning rate.")
    var learningRate: Double?

    @Option(help: "L2 weight decay on the parameters the model's paper decays.")
    var weightDecay: Double?

    @Option(help: "The most training epochs.")
    var epochs: Int?

    @Option(help: "Stop after this many epochs without a lower validation loss.")
    var patience: Int?

    /// The model named by `--model`.
    func kind() throws(TrainCommandError) -> ModelKind {
        guard let kind = ModelKind(rawValue: model) else { throw .unknownModel(name: model) }
        return kind
    }

    /// The paper's hyperparameters of the model with the given flags applied.
    func hyperparameters() throws(TrainCommandError) -> Hyperparameters {
        let kind = try kind()
        var h = kind.paperDefaults
        // A flag's value is checked even where the default would not be (SGC's width 0).
        for (name, value) in [("hidden", hidden), ("layers", layers), ("heads", heads), ("epochs", epochs), ("patience", patience)] {
            if let value, value < 1 { throw .invalidOption(name: name, value: "\(value)", expected: "an integer ≥ 1") }
        }
        h.hidden = hidden ?? h.hidden
        h.layers = layers ?? h.layers
        h.heads = heads ?? h.heads
        h.epochs = epochs ?? h.epochs
        h.patience = patience ?? h.patience
        h.dropout = dropout ?? h.dropout
        h.learningRate = learningRate ?? h.learningRate
        h.weightDecay = weightDecay ?? h.weightDecay
        if let (name, value, expected) = h.problem(for: kind) {
            throw .invalidOption(name: name, value: value, expected: expected)
        }
        return h
    }
}
