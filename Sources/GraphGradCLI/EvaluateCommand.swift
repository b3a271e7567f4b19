import ArgumentParser
import Foundation
import GraphGrad

/// `graphgrad evaluate`: the accuracies of a saved model.
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Rebuild a model from a train --save checkpoint and print its train/val/test accuracy.",
        discussion: """
            The model is rebuilt from the checkpoint's metadata (model kind, hyperparameters, \
            feature and class counts) and evaluated without dropout on the dataset it was trained on, \
            or on --dataset, which must have the same feature and class counts. With --json the last \
            line of stdout is one JSON object: dataset, model, train_accuracy, val_accuracy, \
            test_accuracy, val_loss.
            """)

    @OptionGroup var source: CheckpointSource

    @Flag(help: "End the output with one JSON object on one line.")
    var json = false

    func run() throws {
        let (saved, data, model) = try source.load()
        let metrics = Trainer(model: model, data: data, hyperparameters: saved.hyperparameters).evaluate()
        print("\(saved.kind.rawValue) on \(data.name): train accuracy \(percent(metrics.trainAccuracy)), "
            + "val accuracy \(percent(metrics.validationAccuracy)), test accuracy \(percent(metrics.testAccuracy)), "
            + "val loss \(fixed(metrics.validationLoss, 4))")
        guard json else { return }
        print(JSONValue.object([
            ("dataset", .string(data.name)), ("model", .string(saved.kind.rawValue)),
            ("train_accuracy", .finite(metrics.trainAccuracy)), ("val_accuracy", .finite(metrics.validationAccuracy)),
            ("test_accuracy", .finite(metrics.testAccuracy)), ("val_loss", .finite(metrics.validationLoss)),
        ]).rendered)
    }
}

/// The `--checkpoint` and `--dataset` options of `evaluate` and `predict`.
struct CheckpointSource: ParsableArguments {
    @Option(help: ArgumentHelp("A checkpoint written by train --save.", valueName: "FILE"))
    var checkpoint: String

    @Option(help: ArgumentHelp(
        "The dataset to apply the model to (default: the one it was trained on).", valueName: "name|path.npz"))
    var dataset: String?

    @Option(help: "Threads for the kernels (default: all available).")
    var threads: Int?

    /// The checkpoint's metadata, the data, and the rebuilt model with the saved values.
    func load() throws -> (ModelCheckpoint, NodeClassificationData, any NodeClassifier<Float>) {
        if let threads {
            guard threads >= 1 else { throw TrainCommandError.invalidOption(name: "threads", value: "\(threads)", expected: "an integer ≥ 1") }
            Threading.threadCount = threads
        }
        return try ModelCheckpoint.load(path: checkpoint, datasetOverride: dataset)
    }
}
