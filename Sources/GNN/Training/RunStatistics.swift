/// Mean and spread of one number over several runs (seeds).
public struct RunStatistics: Sendable, Equatable {
    /// The values, one per run.
    public let values: [Double]

    /// Statistics of `values`.
    public init(_ values: [Double]) { self.values = values }

    /// The arithmetic mean (0 when empty).
    public var mean: Double { values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count) }

    /// The sample standard deviation (divisor n − 1, as `torch.std`); 0 for fewer than two runs.
    public var standardDeviation: Double {
        guard values.count > 1 else { return 0 }
        let m = mean
        return (values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(values.count - 1)).squareRoot()
    }
}
