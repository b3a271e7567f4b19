import Foundation
import GraphGrad
import Testing
import _TestSupport

/// Runs `graphgrad diff` with `arguments`.
func diff(_ arguments: [String]) throws -> BinaryRun {
    try runBinary("graphgrad", ["diff"] + arguments)
}

/// The JSON object on the last line of a `--json` run.
func jsonReport(_ run: BinaryRun) throws -> [String: Any] {
    let object = try JSONSerialization.jsonObject(with: Data(run.lastLine.utf8))
    return try #require(object as? [String: Any], "last line is not a JSON object: \(run.lastLine)")
}

/// The values of one method as a flat list (rows of a Hessian concatenated).
func methodValues(_ report: [String: Any], _ method: String) throws -> [Double] {
    let values = try #require(report["values"] as? [String: Any], "no values in \(report)")
    return try flatNumbers(try #require(values[method], "no \(method) values"))
}

/// A JSON array of numbers, or of arrays of numbers, flattened row by row.
func flatNumbers(_ value: Any) throws -> [Double] {
    let array = try #require(value as? [Any], "\(value) is not an array")
    return try array.flatMap { item -> [Double] in
        if let number = item as? NSNumber { return [number.doubleValue] }
        return try flatNumbers(item)
    }
}

/// Expects every method's values to match `exact`: the exact methods to 1e-12 relative, the
/// numeric one within its own error estimate and, as a bound on that estimate, `numericBound`
/// relative.
func expectValues(
    _ report: [String: Any], match exact: [Double], numericBound: Double = 1e-6,
    sourceLocation: SourceLocation = #_sourceLocation
) throws {
    for method in ["symbolic", "forward", "reverse"] {
        let values = try methodValues(report, method)
        #expect(values.count == exact.count, "\(method): \(values)", sourceLocation: sourceLocation)
        for (value, truth) in zip(values, exact) {
            #expect(abs(value - truth) <= 1e-12 * max(1, abs(truth)), "\(method): \(value) vs \(truth)",
                    sourceLocation: sourceLocation)
        }
    }
    let numeric = try methodValues(report, "numeric")
    let errors = try flatNumbers(try #require(report["numeric_error"]))
    #expect(numeric.count == exact.count && errors.count == exact.count, sourceLocation: sourceLocation)
    for ((value, error), truth) in zip(zip(numeric, errors), exact) {
        #expect(abs(value - truth) <= error + 1e-12 * max(1, abs(truth)), "numeric: \(value) ± \(error) vs \(truth)",
                sourceLocation: sourceLocation)
        #expect(error <= numericBound * max(1, abs(truth)), "numeric error estimate \(error) for \(truth)",
                sourceLocation: sourceLocation)
    }
}

/// Expects a clean successful run: exit 0, no warning, no crash.
func expectSuccess(_ run: BinaryRun, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(run.exitCode == 0, "\(run)", sourceLocation: sourceLocation)
    #expect(!run.standardError.contains("WARNING"), "\(run)", sourceLocation: sourceLocation)
    #expect(!run.crashed, "\(run)", sourceLocation: sourceLocation)
}

/// Expects a rejected input: a nonzero exit that is not a crash, with a message naming `needles`.
func expectRejected(_ run: BinaryRun, naming needles: [String], sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(run.exitCode != 0, "\(run)", sourceLocation: sourceLocation)
    #expect(!run.crashed, "\(run)", sourceLocation: sourceLocation)
    for needle in needles {
        #expect(run.standardError.contains(needle), "stderr lacks '\(needle)': \(run)", sourceLocation: sourceLocation)
    }
}

/// `count` seeded uniform numbers in `range`.
func seededPoint(_ count: Int, in range: ClosedRange<Double>, seed: UInt64) -> [Double] {
    var generator = SplitMix64(seed: seed)
    return (0..<count).map { _ in Double.random(in: range, using: &generator) }
}
