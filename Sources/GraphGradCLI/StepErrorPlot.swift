import Foundation
import GraphGrad

/// The plot of `--plot-error`: the error of central differences against the step h.
enum StepErrorPlot {
    /// The log–log plot of |D(h) − exact| for the derivative `entry` at `evaluation`'s point.
    ///
    /// The last variable of `entry` is differenced numerically; the derivatives along the others
    /// are taken symbolically first, so the plot shows the error of one central difference of
    /// ∂ᴷ⁻¹f, measured against the symbolic ∂ᴷf.
    static func plot(
        of evaluation: DerivativeAtPoint, entry: [String], exact: Double?
    ) -> LogLogPlot? {
        guard let variable = entry.last, let x = evaluation.point[variable] else { return nil }
        let inner = entry.dropLast().reduce(evaluation.expression) { $0.derivative(wrt: $1) }
        let names = evaluation.point.keys.sorted()
        guard let index = names.firstIndex(of: variable),
              let program = try? CompiledExpression(inner, variables: names) else { return nil }
        var moved = names.map { evaluation.point[$0] ?? 0 }
        let g: (Double) -> Double = { t in
            moved[index] = t
            return program(moved)[0]
        }
        let table = NumericDifferentiation.stepErrorTable(of: g, at: x, reference: exact)
        let chosen = NumericDifferentiation.derivative(of: g, at: x, step: table.chosenStep)
        let chosenError = abs(chosen.value - table.reference)
        // An exact difference has no place on a log scale: it sits on the smallest error shown.
        let smallestError = table.rows.map(\.error).filter { $0 > 0 }.min() ?? Double.ulpOfOne
        let markerError = chosenError > 0 ? chosenError : smallestError
        let name = DerivativeLayout.name(of: entry)
        return LogLogPlot(
            title: "Central-difference error of \(name) at \(variable) = \(x)",
            xLabel: "step h", yLabel: "|D(h) − \(name)|",
            points: table.rows.map { (x: $0.step, y: $0.error) },
            marker: (
                x: table.chosenStep, y: markerError,
                label: "default h = \(String(format: "%.2e", table.chosenStep)), error \(String(format: "%.2e", chosenError))"))
    }
}
