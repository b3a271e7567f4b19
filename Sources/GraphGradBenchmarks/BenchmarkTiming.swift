import Foundation

/// Best-of-N wall-clock timing shared by the suites (and mirrored by Benchmarks/*.py): one warm-up
/// run, then repeat until at least `minRepeats` runs and `minSeconds` of measured time, keep the
/// fastest run. The fastest run is the least disturbed by other processes on the machine.
enum BenchmarkTiming {
    static let minRepeats = 3
    static let minSeconds = 1.0
    static let maxRepeats = 50

    static func bestSeconds(_ body: () -> Void) -> Double {
        body()
        var best = Double.infinity
        var total = 0.0
        var count = 0
        while count < maxRepeats && (count < minRepeats || total < minSeconds) {
            let start = DispatchTime.now().uptimeNanoseconds
            body()
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9
            best = min(best, elapsed)
            total += elapsed
            count += 1
        }
        return best
    }
}

/// A table row: each value left-aligned in its column width.
func row(_ cells: [(String, Int)]) -> String {
    cells.map { text, width in text.padding(toLength: max(width, text.count + 1), withPad: " ", startingAt: 0) }
        .joined()
}

/// `value` with `digits` decimals ("-" when unknown).
func fixed(_ value: Double?, _ digits: Int = 1) -> String {
    guard let value, value.isFinite else { return "-" }
    return String(format: "%.\(digits)f", value)
}
