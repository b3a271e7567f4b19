import Foundation
import GraphGrad

/// The output of `graphgrad diff`, as text for people or as one JSON object.
struct DiffReport {
    /// The expression as the user wrote it.
    let expressionText: String
    /// The parsed expression.
    let expression: Calculus.Expression
    /// Which derivatives.
    let layout: DerivativeLayout
    /// The simplified derivative of each entry of the layout.
    let derivatives: [Calculus.Expression]

    /// The text report: each derivative (plain and LaTeX), then a table of the methods.
    func text(point: [(name: String, value: Double)]?, comparison: DerivativeComparison?) -> String {
        var lines = ["f = \(expression)"]
        for (entry, derivative) in zip(layout.entries, derivatives) {
            lines.append("\(DerivativeLayout.name(of: entry)) = \(derivative)")
            lines.append("    LaTeX: \(derivative.latex)")
        }
        guard let point, let comparison else { return lines.joined(separator: "\n") }
        lines.append("")
        lines.append("at " + point.map { "\($0.name) = \($0.value)" }.joined(separator: ", ") + ":")
        let nameWidth = layout.entries.map { DerivativeLayout.name(of: $0).count }.max() ?? 0
        let header = ["symbolic", "forward", "reverse", "numeric (Richardson ± error estimate)"]
        lines.append(row("", header, nameWidth: nameWidth))
        for (i, entry) in layout.entries.enumerated() {
            let cells = DerivativeMethod.allCases.map { method -> String in
                switch comparison.results[method]?[i] {
                case .success(let value)?:
                    let error = method == .numeric ? comparison.numericErrors[i].map { " ± \(short($0))" } ?? "" : ""
                    return "\(value)" + error
                default: return "undefined"
                }
            }
            lines.append(row(DerivativeLayout.name(of: entry), cells, nameWidth: nameWidth))
        }
        return lines.joined(separator: "\n")
    }

    /// The JSON report; arrays follow `--wrt`, and the Hessian is nested row by row.
    func json(point: [(name: String, value: Double)]?, comparison: DerivativeComparison?) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("expression", .string(expressionText)),
            ("wrt", .array(layout.variables.map(JSONValue.string))),
            ("order", .integer(layout.order)),
            ("derivative", shaped(derivatives.map { .string($0.description) })),
            ("latex", shaped(derivatives.map { .string($0.latex) })),
        ]
        guard let point, let comparison else {
            return .object(members + [("at", .null), ("values", .null), ("numeric_error", .null)])
        }
        members.append(("at", .object(point.map { ($0.name, .number($0.value)) })))
        members.append(("values", .object(DerivativeMethod.allCases.map { method in
            (method.rawValue, shaped(layout.entries.indices.map { .finite(comparison.value(method, $0)) }))
        })))
        members.append(("numeric_error", shaped(comparison.numericErrors.map(JSONValue.finite))))
        let failures = comparison.failureMessages
        if !failures.isEmpty { members.append(("errors", .array(failures.map(JSONValue.string)))) }
        return .object(members)
    }

    private func shaped(_ values: [JSONValue]) -> JSONValue {
        layout.isMatrix ? .array(layout.shaped(values).map(JSONValue.array)) : .array(values)
    }

    /// One table line: the name, then each cell in a column of 25 characters.
    private func row(_ name: String, _ cells: [String], nameWidth: Int) -> String {
        func pad(_ text: String, _ width: Int) -> String {
            text + String(repeating: " ", count: max(width - text.count, 0) + 1)
        }
        var line = pad(name, nameWidth) + "  " + cells.map { pad($0, 24) }.joined()
        while line.last == " " { line.removeLast() }
        return line
    }

    private func short(_ value: Double) -> String { String(format: "%.1e", value) }
}
