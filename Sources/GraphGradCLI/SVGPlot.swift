import Foundation

/// A line plot on log–log axes written as a self-contained SVG document.
struct LogLogPlot {
    /// The title above the plot.
    var title: String
    /// The horizontal axis label.
    var xLabel: String
    /// The vertical axis label.
    var yLabel: String
    /// The curve; points with a non-positive or non-finite coordinate are left out (log scale).
    var points: [(x: Double, y: Double)]
    /// One highlighted point and its legend text.
    var marker: (x: Double, y: Double, label: String)?

    private let width = 720.0
    private let height = 480.0
    private let left = 90.0, right = 30.0, top = 50.0, bottom = 70.0

    init(title: String, xLabel: String, yLabel: String, points: [(x: Double, y: Double)],
         marker: (x: Double, y: Double, label: String)?) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.points = points
        self.marker = marker
    }

    /// The SVG text.
    var svg: String {
        let logs = points.compactMap(Self.logPoint)
        let markerLog = marker.flatMap { Self.logPoint((x: $0.x, y: $0.y)) }
        let all = logs + (markerLog.map { [$0] } ?? [])
        // Whole decades around the data, at least one decade wide.
        let xRange = Self.decades(all.map(\.x))
        let yRange = Self.decades(all.map(\.y))
        func px(_ lx: Double) -> Double { left + (lx - xRange.lowerBound) / (xRange.upperBound - xRange.lowerBound) * (width - left - right) }
        func py(_ ly: Double) -> Double { height - bottom - (ly - yRange.lowerBound) / (yRange.upperBound - yRange.lowerBound) * (height - top - bottom) }

        var parts: [String] = []
        parts.append(#"<svg xmlns="http://www.w3.org/2000/svg" width="\#(Self.f(width))" height="\#(Self.f(height))" viewBox="0 0 \#(Self.f(width)) \#(Self.f(height))" font-family="sans-serif" font-size="12">"#)
        parts.append(#"<rect x="0" y="0" width="\#(Self.f(width))" height="\#(Self.f(height))" fill="white"/>"#)
        parts.append(#"<text x="\#(Self.f(width / 2))" y="28" text-anchor="middle" font-size="15">\#(Self.escaped(title))</text>"#)
        // Axes as the frame's left and bottom edges.
        let (x0, x1, y0, y1) = (px(xRange.lowerBound), px(xRange.upperBound), py(yRange.lowerBound), py(yRange.upperBound))
        parts.append(#"<path d="M\#(Self.f(x0)),\#(Self.f(y1)) L\#(Self.f(x0)),\#(Self.f(y0)) L\#(Self.f(x1)),\#(Self.f(y0))" fill="none" stroke="black"/>"#)
        for decade in Self.ticks(xRange) {
            let x = px(decade)
            parts.append(#"<line x1="\#(Self.f(x))" y1="\#(Self.f(y0))" x2="\#(Self.f(x))" y2="\#(Self.f(y0 + 5))" stroke="black"/>"#)
            parts.append(#"<text x="\#(Self.f(x))" y="\#(Self.f(y0 + 20))" text-anchor="middle">1e\#(Int(decade))</text>"#)
        }
        for decade in Self.ticks(yRange) {
            let y = py(decade)
            parts.append(#"<line x1="\#(Self.f(x0 - 5))" y1="\#(Self.f(y))" x2="\#(Self.f(x0))" y2="\#(Self.f(y))" stroke="black"/>"#)
            parts.append(#"<text x="\#(Self.f(x0 - 8))" y="\#(Self.f(y + 4))" text-anchor="end">1e\#(Int(decade))</text>"#)
        }
        parts.append(#"<text x="\#(Self.f((x0 + x1) / 2))" y="\#(Self.f(height - 20))" text-anchor="middle">\#(Self.escaped(xLabel))</text>"#)
        parts.append(#"<text x="20" y="\#(Self.f((y0 + y1) / 2))" text-anchor="middle" transform="rotate(-90 20 \#(Self.f((y0 + y1) / 2)))">\#(Self.escaped(yLabel))</text>"#)
        if !logs.isEmpty {
            let path = logs.map { "\(Self.f(px($0.x))),\(Self.f(py($0.y)))" }.joined(separator: " ")
            parts.append(#"<polyline points="\#(path)" fill="none" stroke="steelblue" stroke-width="2"/>"#)
        }
        if let marker, let point = markerLog {
            let (x, y) = (px(point.x), py(point.y))
            parts.append(#"<circle cx="\#(Self.f(x))" cy="\#(Self.f(y))" r="5" fill="crimson"/>"#)
            parts.append(#"<text x="\#(Self.f(x + 8))" y="\#(Self.f(y - 8))" fill="crimson">\#(Self.escaped(marker.label))</text>"#)
        }
        parts.append("</svg>")
        return parts.joined(separator: "\n") + "\n"
    }

    private static func logPoint(_ p: (x: Double, y: Double)) -> (x: Double, y: Double)? {
        guard p.x > 0, p.y > 0, p.x.isFinite, p.y.isFinite else { return nil }
        return (log10(p.x), log10(p.y))
    }

    /// The whole decades enclosing `values`, at least one decade wide.
    private static func decades(_ values: [Double]) -> ClosedRange<Double> {
        guard let low = values.min(), let high = values.max() else { return 0...1 }
        let lower = low.rounded(.down)
        return lower...max(high.rounded(.up), lower + 1)
    }

    /// At most about ten labelled decades.
    private static func ticks(_ range: ClosedRange<Double>) -> [Double] {
        let span = Int(range.upperBound - range.lowerBound)
        let every = max(1, (span + 9) / 10)
        return stride(from: Int(range.lowerBound), through: Int(range.upperBound), by: every).map(Double.init)
    }

    private static func f(_ value: Double) -> String { String(format: "%.2f", value) }

    private static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
