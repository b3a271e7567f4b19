extension RandomNumberGenerator {
    /// A uniform `Double` in (0, 1]: safe to pass to `log`.
    @inlinable
    public mutating func nextUniformPositive() -> Double {
        Double((next() >> 11) + 1) * 0x1p-53
    }

    /// A normal `Double` with the given mean and standard deviation.
    @inlinable
    public mutating func nextNormal(mean: Double, standardDeviation: Double) -> Double {
        mean + standardDeviation * nextNormal()
    }
}
