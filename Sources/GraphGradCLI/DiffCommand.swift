import ArgumentParser
import Foundation
import GraphGrad

/// `graphgrad diff`: derivatives of an expression, symbolically and at a point by every method.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Differentiate an expression symbolically and check every method at a point.",
        discussion: """
            Order 1 gives the gradient; order 2 with several variables the Hessian, row by row \
            (nested arrays [[...], ...] in --json); otherwise the pure K-th derivative along each \
            variable. At a point (--at) the derivatives are computed symbolically, by forward mode \
            (dual numbers), by reverse mode (the tensor tape) and numerically (Richardson \
            extrapolation of central differences, with its error estimate).

            An expression that starts with '-' goes after '--': graphgrad diff --wrt x -- '-x^2'.

            Exit status: 0 on success; 1 for unusable input; 3 when the methods disagree beyond \
            the numeric error estimate (a line starting with 'WARNING: methods disagree' goes to \
            stderr); 4 when the expression or a derivative is undefined at the point (each \
            method's reason goes to stderr); 64 for invalid options.
            """)

    /// Exit status when the methods disagree.
    static let disagreementExitCode: Int32 = 3
    /// Exit status when a method cannot evaluate the derivative at the point.
    static let undefinedExitCode: Int32 = 4

    @Argument(help: "The expression, e.g. \"x^2*y + sin(x)\".")
    var expression: String

    @Option(help: ArgumentHelp("Comma-separated variables to differentiate by.", valueName: "x[,y,...]"))
    var wrt: String

    @Option(help: "The derivative order, 1 to 4.")
    var order: Int = 1

    @Option(help: ArgumentHelp("The point, e.g. x=1.5,y=2; every variable of the expression needs a value.",
                               valueName: "x=1.5,..."))
    var at: String?

    @Flag(help: "Print one JSON object (one line) instead of text.")
    var json = false

    @Option(help: ArgumentHelp("Write an SVG plot of the central-difference error against the step h (needs --at).",
                               valueName: "FILE.svg"))
    var plotError: String?

    func validate() throws {
        guard (1...4).contains(order) else { throw ValidationError("--order must be 1, 2, 3 or 4, got \(order)") }
        if plotError != nil && at == nil { throw ValidationError("--plot-error needs a point: give --at") }
    }

    func run() throws {
        let f = try DiffInput.expression(expression)
        let layout = DerivativeLayout(variables: try DiffInput.variables(wrt), order: order)
        let derivatives = layout.entries.map { $0.reduce(f) { $0.derivative(wrt: $1) } }
        let report = DiffReport(expressionText: expression, expression: f, layout: layout, derivatives: derivatives)
        guard let at else {
            print(json ? report.json(point: nil, comparison: nil).rendered : report.text(point: nil, comparison: nil))
            return
        }
        let entries = try DiffInput.point(at)
        let evaluation = DerivativeAtPoint(expression: f, point: try point(entries, for: f, layout: layout))
        let comparison = DerivativeComparison(at: evaluation, entries: layout.entries, derivatives: derivatives)
        print(json ? report.json(point: entries, comparison: comparison).rendered
                   : report.text(point: entries, comparison: comparison))
        if let plotError {
            try writePlot(to: plotError, evaluation: evaluation, entry: layout.entries[0],
                          exact: comparison.value(.symbolic, 0))
        }
        let failures = comparison.failureMessages
        let location = entries.map { "\($0.name)=\($0.value)" }.joined(separator: ", ")
        for failure in failures { printError("\(failure) (at \(location))") }
        let disagreements = comparison.disagreements
        for line in disagreements { printError("WARNING: methods disagree on \(line)") }
        if !failures.isEmpty { throw ExitCode(Self.undefinedExitCode) }
        if !disagreements.isEmpty { throw ExitCode(Self.disagreementExitCode) }
    }

    /// Values for every variable of `f` and of the layout. A differentiation variable absent
    /// from `f` may go without a value (the derivative along it is 0 wherever it is taken).
    private func point(
        _ entries: [(name: String, value: Double)], for f: Calculus.Expression, layout: DerivativeLayout
    ) throws(DiffInputError) -> [String: Double] {
        var point = Dictionary(entries, uniquingKeysWith: { first, _ in first })
        for variable in f.variables.sorted() where point[variable] == nil {
            throw .missingValue(variable: variable, given: entries.map(\.name))
        }
        for variable in layout.variables where point[variable] == nil { point[variable] = 0 }
        return point
    }

    private func writePlot(to path: String, evaluation: DerivativeAtPoint, entry: [String], exact: Double?) throws {
        guard let plot = StepErrorPlot.plot(of: evaluation, entry: entry, exact: exact) else {
            throw ValidationError("cannot plot the error of \(DerivativeLayout.name(of: entry)) at this point")
        }
        try AtomicFile.write(Data(plot.svg.utf8), to: URL(fileURLWithPath: path))
    }

    private func printError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
