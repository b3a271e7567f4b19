import Foundation

/// Best-of-N timing shared by the suites (and mirrored by Benchmarks/*.py): one warm-up run, then
/// repeat until at least `minRepeats` runs and `minSeconds` of wall time, keep the fastest run.
/// The fastest run is the least disturbed by other processes on the machine.
enum BenchmarkTiming {
    static let minRepeats = 3
    static let minSeconds = 1.0
    static let maxRepeats = 50

    /// Fastest wall-clock seconds of `body`.
    static func bestSeconds(_ body: () -> Void) -> Double { bestTimes(body).wall }

    /// Fastest wall-clock seconds and fastest CPU seconds of the calling thread. For work that stays
    /// on the calling thread, CPU time leaves out the time the thread waited for a core, which on a
    /// shared machine is the larger part of the noise.
    static func bestTimes(_ body: () -> Void) -> (wall: Double, threadCPU: Double) {
        body()
        var best = (wall: Double.infinity, threadCPU: Double.infinity)
        var total = 0.0
        var count = 0
        while count < maxRepeats && (count < minRepeats || total < minSeconds) {
            let (wallStart, cpuStart) = (now(CLOCK_MONOTONIC), now(CLOCK_THREAD_CPUTIME_ID))
            body()
            let wall = now(CLOCK_MONOTONIC) - wallStart
            best = (min(best.wall, wall), min(best.threadCPU, now(CLOCK_THREAD_CPUTIME_ID) - cpuStart))
            total += wall
            count += 1
        }
        return best
    }

    private static func now(_ clock: clockid_t) -> Double {
        var time = timespec()
        clock_gettime(clock, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
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
