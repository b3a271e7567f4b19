import ArgumentParser
import Foundation
import GraphGrad

/// `graphgrad train`: full-batch node classification with one of the GNN models.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a graph neural network to classify the nodes of a dataset.",
        discussion: """
            Hyperparameters default to the model paper's values for the citation graphs; each flag \
            overrides one. After every epoch the model is evaluated without dropout; the epoch with \
            the lowest validation loss is selected (GAT's criterion), its test \
            accuracy is reported, and with --patience training stops after that many epochs without \
            a lower one; --select-by accuracy selects the highest validation accuracy instead (the \
            earliest of equals), as PyG's GCN and SGC examples do. --runs N trains with seeds seed, seed+1, ..., seed+N-1 and \
            reports mean ± sample standard deviation. The same seed gives the same numbers on any \
            number of threads.

            A progress line goes to stderr when it is a terminal; stdout gets one summary line per \
            run and the result. With --json the last line of stdout is one JSON object: dataset, \
            model, runs, seeds, test_accuracy_mean, test_accuracy_std, val_accuracy_mean, \
            test_accuracies, val_accuracies, val_losses (at the selected epochs), best_epochs, \
            epochs_trained, epoch_ms_median (training step, all runs), total_seconds, parameters, \
            threads, select_by, hyperparameters.

            --save writes a checkpoint (atomically: an interrupted write leaves the previous file) of \
            the run with the highest validation accuracy: the parameters and optimizer state of its \
            selected epoch, and the metadata that evaluate and predict need. \
            --plot draws the loss and accuracies per epoch of the first run as SVG.
            """)

    @Option(help: ArgumentHelp(
        "A bundled dataset (\(NodeDataset.bundledNames.joined(separator: ", "))) or a dataset .npz file.",
        valueName: "name|path.npz"))
    var dataset: String

    @OptionGroup var modelOptions: ModelOptions

    @Option(help: ArgumentHelp(
        "What selects the kept epoch and drives early stopping: validation loss or validation accuracy.",
        valueName: "loss|accuracy"))
    var selectBy = "loss"

    @Option(help: "Seed of the first run's weights and dropout masks.")
    var seed: UInt64 = 0

    @Option(help: "Number of runs, with consecutive seeds.")
    var runs = 1

    @Option(help: "Threads for the kernels (default: all available).")
    var threads: Int?

    @Flag(help: "End the output with one JSON object on one line.")
    var json = false

    @Option(help: ArgumentHelp("Write a checkpoint of the trained model.", valueName: "FILE"))
    var save: String?

    @Option(help: ArgumentHelp("Write an SVG plot of loss and accuracies per epoch.", valueName: "FILE.svg"))
    var plot: String?

    func run() throws {
        let kind = try modelOptions.kind()
        guard let criterion = SelectionCriterion(rawValue: selectBy) else {
            throw TrainCommandError.invalidOption(name: "select-by", value: selectBy, expected: "loss or accuracy")
        }
        let hyperparameters = try modelOptions.hyperparameters()
        guard runs >= 1 else { throw TrainCommandError.invalidOption(name: "runs", value: "\(runs)", expected: "an integer ≥ 1") }
        guard seed <= UInt64.max - UInt64(runs - 1) else {
            throw TrainCommandError.invalidOption(name: "seed", value: "\(seed)", expected: "a seed that leaves room for \(runs) runs")
        }
        if let threads {
            guard threads >= 1 else { throw TrainCommandError.invalidOption(name: "threads", value: "\(threads)", expected: "an integer ≥ 1") }
            Threading.threadCount = threads
        }
        let data = try NodeClassificationData(
            dataset: try DatasetArgument.load(dataset), normalizingFeatures: hyperparameters.rowNormalizeFeatures)
        let runs = trainRuns(kind: kind, hyperparameters: hyperparameters, criterion: criterion, data: data)
        let summary = TrainingSummary(
            dataset: data.name, kind: kind, hyperparameters: hyperparameters, criterion: criterion, runs: runs.reports)
        print(summary.text)
        if let save, let selected = runs.selected {
            let metadata = ModelCheckpoint(
                kind: kind, hyperparameters: hyperparameters, dataset: DatasetArgument.portable(dataset),
                seed: selected.seed, data: data)
            try metadata.checkpoint(of: selected.trainer).write(to: URL(fileURLWithPath: save))
        }
        if let plot, let first = runs.reports.first {
            let title = "\(kind.rawValue) on \(data.name), seed \(first.seed)"
            let svg = TrainingPlot(title: title, history: first.report.history, bestEpoch: first.report.bestEpoch).svg
            try AtomicFile.write(Data(svg.utf8), to: URL(fileURLWithPath: plot))
        }
        if json { print(summary.json.rendered) }
    }

    /// Trains one model per seed; keeps the trainer of the run with the best validation
    /// accuracy (the first of equals) for saving.
    private func trainRuns(
        kind: ModelKind, hyperparameters: Hyperparameters, criterion: SelectionCriterion, data: NodeClassificationData
    )
        -> (reports: [SeededReport], selected: (seed: UInt64, trainer: Trainer)?)
    {
        let progress = ProgressLine()
        var reports: [SeededReport] = []
        var selected: (seed: UInt64, trainer: Trainer, accuracy: Double)?
        for index in 0..<runs {
            let runSeed = seed + UInt64(index)
            let model: any NodeClassifier<Float> = kind.makeModel(
                hyperparameters: hyperparameters, featureCount: data.featureCount, classCount: data.classCount, seed: runSeed)
            let trainer = Trainer(model: model, data: data, hyperparameters: hyperparameters, criterion: criterion)
            let report = trainer.train { progress.show($0, run: index + 1, of: runs, epochs: hyperparameters.epochs) }
            progress.finish()
            let seeded = SeededReport(seed: runSeed, report: report)
            reports.append(seeded)
            print(seeded.line(run: index + 1, of: runs))
            if report.validationAccuracy > selected?.accuracy ?? -1 {
                selected = (runSeed, trainer, report.validationAccuracy)
            }
        }
        return (reports, selected.map { ($0.seed, $0.trainer) })
    }
}
