import Foundation
import GraphGrad

/// Reading the text arguments of `graphgrad diff` into an expression, variables and a point.
enum DiffInput {
    /// The expression in `text`.
    static func expression(_ text: String) throws(DiffInputError) -> Calculus.Expression {
        do {
            return try Calculus.Expression(parsing: text)
        } catch {
            throw .unparsableExpression(text: text, error: error)
        }
    }

    /// The comma-separated variable names of `--wrt`, in order.
    static func variables(_ text: String) throws(DiffInputError) -> [String] {
        var names: [String] = []
        for piece in text.split(separator: ",", omittingEmptySubsequences: false) {
            let name = piece.trimmingCharacters(in: .whitespaces)
            // A variable name is exactly what the expression parser reads as one.
            guard case .variable(let parsed)? = try? Calculus.Expression(parsing: name).kind, parsed == name else {
                throw .invalidVariableName(name)
            }
            guard !names.contains(name) else { throw .duplicateVariable(name) }
            names.append(name)
        }
        return names
    }

    /// The point of `--at`: comma-separated `name=value` entries, in order.
    static func point(_ text: String) throws(DiffInputError) -> [(name: String, value: Double)] {
        var entries: [(name: String, value: Double)] = []
        for piece in text.split(separator: ",", omittingEmptySubsequences: false) {
            let token = piece.trimmingCharacters(in: .whitespaces)
            let sides = token.split(separator: "=", omittingEmptySubsequences: false)
            guard sides.count == 2 else {
                throw .malformedAssignment(token: token, reason: "expected name=value")
            }
            let name = sides[0].trimmingCharacters(in: .whitespaces)
            let valueText = sides[1].trimmingCharacters(in: .whitespaces)
            guard case .variable? = try? Calculus.Expression(parsing: name).kind else {
                throw .malformedAssignment(token: token, reason: "'\(name)' is not a variable name")
            }
            guard let value = Double(valueText), value.isFinite else {
                throw .malformedAssignment(token: token, reason: "'\(valueText)' is not a finite number")
            }
            guard !entries.contains(where: { $0.name == name }) else {
                throw .malformedAssignment(token: token, reason: "'\(name)' is given a value twice")
            }
            entries.append((name, value))
        }
        return entries
    }
}
