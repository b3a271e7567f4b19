import RealModule

extension RandomNumberGenerator {
    /// A uniform `Double` in [0, 1), from the top 53 bits of one draw (every value is a multiple
    /// of 2⁻⁵³, so all representable steps are equally likely).
    @inlinable
    public mutating func nextUniform() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// A uniform `Double` in (0, 1]: safe to pass to `log`.
    @inlinable
    public mutating func nextUniformPositive() -> Double {
        Double((next() >> 11) + 1) * 0x1p-53
    }

    /// A standard normal `Double` (mean 0, variance 1) by the Box–Muller transform.
    ///
    /// Each call consumes two draws and returns one value; the second value of the pair is not
    /// cached, so the generator stays a plain value and the sequence depends only on the seed.
    @inlinable
    public mutating func nextNormal() -> Double {
        let radius = (-2 * Double.log(nextUniformPositive())).squareRoot()
        let angle = 2 * Double.pi * nextUniform()
        return radius * Double.cos(angle)
    }

    /// A normal `Double` with the given mean and standard deviation.
    @inlinable
    public mutating func nextNormal(mean: Double, standardDeviation: Double) -> Double {
        mean + standardDeviation * nextNormal()
    }
}
