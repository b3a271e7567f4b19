import ArgumentParser

/// The `graphgrad` command: one subcommand per task, each in its own file.
@main
struct GraphGradCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graphgrad",
        abstract: "Automatic differentiation and graph neural networks from the command line.",
        version: "0.1.0",
        subcommands: subcommands)

    /// Every subcommand; a new one is added here and nowhere else.
    static let subcommands: [any ParsableCommand.Type] = [
        DiffCommand.self,
        TrainCommand.self,
        EvaluateCommand.self,
        PredictCommand.self,
    ]
}
