import Foundation
import GraphGrad

/// Loss and accuracies per epoch as a self-contained SVG document: losses in the upper
/// panel, accuracies (0 to 1) in the lower one, a shared epoch axis, a legend per panel and a
/// dashed line at the selected epoch.
struct TrainingPlot {
    /// The title above the panels.
    let title: String
    /// The epochs to draw.
    let history: [EpochRecord]
    /// The selected epoch, marked in both panels.
    let bestEpoch: Int

    private struct Series {
        let name: String
        let color: String
        let values: [Double]
    }

    private let width = 760.0, panelHeight = 260.0
    private let left = 80.0, right = 170.0, top = 50.0, gap = 60.0, bottom = 60.0

    /// The SVG text.
    var svg: String {
        let height = top + 2 * panelHeight + gap + bottom
        let losses = [
            Series(name: "training loss", color: "steelblue", values: history.map(\.loss)),
            Series(name: "validation loss", color: "darkorange", values: history.map(\.metrics.validationLoss)),
        ]
        let accuracies = [
            Series(name: "training accuracy", color: "steelblue", values: history.map(\.metrics.trainAccuracy)),
            Series(name: "validation accuracy", color: "darkorange", values: history.map(\.metrics.validationAccuracy)),
            Series(name: "test accuracy", color: "seagreen", values: history.map(\.metrics.testAccuracy)),
        ]
        let finiteLosses = losses.flatMap(\.values).filter(\.isFinite)
        let lossRange = 0...max(finiteLosses.max() ?? 1, 1e-6)
        var parts = [
            #"<svg xmlns="http://www.w3.org/2000/svg" width="\#(f(width))" height="\#(f(height))" viewBox="0 0 \#(f(width)) \#(f(height))" font-family="sans-serif" font-size="12">"#,
            #"<rect x="0" y="0" width="\#(f(width))" height="\#(f(height))" fill="white"/>"#,
            #"<text x="\#(f(width / 2))" y="28" text-anchor="middle" font-size="15">\#(escaped(title))</text>"#,
        ]
        parts += panel(top: top, series: losses, range: lossRange, yLabel: "cross-entropy loss")
        parts += panel(top: top + panelHeight + gap, series: accuracies, range: 0...1, yLabel: "accuracy")
        parts.append(#"<text x="\#(f(left + (width - left - right) / 2))" y="\#(f(height - 15))" text-anchor="middle">epoch</text>"#)
        parts.append("</svg>")
        return parts.joined(separator: "\n") + "\n"
    }

    /// One panel: frame, ticks, curves, the selected-epoch line and a legend on the right.
    private func panel(top: Double, series: [Series], range: ClosedRange<Double>, yLabel: String) -> [String] {
        let (x0, x1) = (left, width - right)
        let (y0, y1) = (top + panelHeight, top)
        let lastEpoch = Double(max(history.count - 1, 1))
        func px(_ epoch: Int) -> Double { x0 + Double(epoch) / lastEpoch * (x1 - x0) }
        func py(_ value: Double) -> Double {
            y0 - (min(max(value, range.lowerBound), range.upperBound) - range.lowerBound)
                / (range.upperBound - range.lowerBound) * (y0 - y1)
        }
        var parts = [#"<rect x="\#(f(x0))" y="\#(f(y1))" width="\#(f(x1 - x0))" height="\#(f(y0 - y1))" fill="none" stroke="black"/>"#]
        for tick in 0...4 {
            let value = range.lowerBound + Double(tick) / 4 * (range.upperBound - range.lowerBound)
            let y = py(value)
            parts.append(#"<line x1="\#(f(x0 - 5))" y1="\#(f(y))" x2="\#(f(x0))" y2="\#(f(y))" stroke="black"/>"#)
            parts.append(#"<text x="\#(f(x0 - 8))" y="\#(f(y + 4))" text-anchor="end">\#(String(format: "%.2f", value))</text>"#)
        }
        for epoch in epochTicks() {
            let x = px(epoch)
            parts.append(#"<line x1="\#(f(x))" y1="\#(f(y0))" x2="\#(f(x))" y2="\#(f(y0 + 5))" stroke="black"/>"#)
            parts.append(#"<text x="\#(f(x))" y="\#(f(y0 + 18))" text-anchor="middle">\#(epoch)</text>"#)
        }
        let middle = (y0 + y1) / 2
        parts.append(#"<text x="25" y="\#(f(middle))" text-anchor="middle" transform="rotate(-90 25 \#(f(middle)))">\#(escaped(yLabel))</text>"#)
        let bestX = px(bestEpoch)
        parts.append(#"<line x1="\#(f(bestX))" y1="\#(f(y1))" x2="\#(f(bestX))" y2="\#(f(y0))" stroke="gray" stroke-dasharray="4 3"/>"#)
        for (index, line) in series.enumerated() {
            // A non-finite value breaks the curve rather than landing on an edge.
            var runs: [[String]] = [[]]
            for (epoch, value) in line.values.enumerated() {
                if value.isFinite { runs[runs.count - 1].append("\(f(px(epoch))),\(f(py(value)))") } else { runs.append([]) }
            }
            for run in runs where !run.isEmpty {
                parts.append(#"<polyline points="\#(run.joined(separator: " "))" fill="none" stroke="\#(line.color)" stroke-width="1.5"/>"#)
            }
            let legendY = y1 + 14 + Double(index) * 18
            parts.append(#"<line x1="\#(f(x1 + 12))" y1="\#(f(legendY - 4))" x2="\#(f(x1 + 32))" y2="\#(f(legendY - 4))" stroke="\#(line.color)" stroke-width="2"/>"#)
            parts.append(#"<text x="\#(f(x1 + 38))" y="\#(f(legendY))">\#(escaped(line.name))</text>"#)
        }
        let legendY = y1 + 14 + Double(series.count) * 18
        parts.append(#"<line x1="\#(f(x1 + 12))" y1="\#(f(legendY - 4))" x2="\#(f(x1 + 32))" y2="\#(f(legendY - 4))" stroke="gray" stroke-dasharray="4 3"/>"#)
        parts.append(#"<text x="\#(f(x1 + 38))" y="\#(f(legendY))">selected epoch \#(bestEpoch)</text>"#)
        return parts
    }

    /// About six round epoch numbers across the history.
    private func epochTicks() -> [Int] {
        let last = max(history.count - 1, 1)
        let raw = Double(last) / 5
        let magnitude = pow(10, floor(log10(max(raw, 1))))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? raw
        return Array(stride(from: 0, through: last, by: max(1, Int(step))))
    }

    private func f(_ value: Double) -> String { SVGText.coordinate(value) }
    private func escaped(_ text: String) -> String { SVGText.escaped(text) }
}
