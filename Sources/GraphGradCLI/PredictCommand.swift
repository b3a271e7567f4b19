import ArgumentParser
import Foundation
import GraphGrad

/// `graphgrad predict`: the class a saved model gives every node.
struct PredictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Write the class a train --save checkpoint predicts for every node.",
        discussion: """
            The file type follows the name of --out, and the file is written atomically: \
            .npy holds the predicted classes (int64, one per node); .npz holds 'predictions' \
            (int64 [nodes]) and 'probabilities' (float32 [nodes, classes], the softmax of the \
            logits); .csv has a header 'node,prediction,p0,...' and one row per node with the \
            class probabilities.
            """)

    @OptionGroup var source: CheckpointSource

    @Option(help: ArgumentHelp("The output file.", valueName: "FILE.npy|FILE.npz|FILE.csv"))
    var out: String

    func run() throws {
        guard let format = PredictionFile.Format(path: out) else { throw TrainCommandError.unsupportedOutput(path: out) }
        let (saved, data, model) = try source.load()
        let logits = Trainer(model: model, data: data, hyperparameters: saved.hyperparameters).evaluationLogits()
        let probabilities = withoutGradients { logits.softmax(along: 1) }
        try PredictionFile(classes: logits.argmax(along: 1), probabilities: probabilities)
            .write(format, to: URL(fileURLWithPath: out))
        print("wrote predictions for \(data.nodeCount) nodes of \(data.name) to \(out)")
    }
}
