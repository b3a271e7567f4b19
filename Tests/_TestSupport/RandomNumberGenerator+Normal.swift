import RealModule

extension RandomNumberGenerator {
    /// A standard normal sample by the Box–Muller transform.
    ///
    /// The first uniform is drawn from (0, 1] so that its logarithm is finite.
    public mutating func nextGaussian() -> Double {
        let u1 = 1 - Double.random(in: 0..<1, using: &self)
        let u2 = Double.random(in: 0..<1, using: &self)
        return (-2 * Double.log(u1)).squareRoot() * Double.cos(2 * Double.pi * u2)
    }

    /// `count` independent standard normal samples.
    public mutating func gaussians(count: Int) -> [Double] {
        (0..<count).map { _ in nextGaussian() }
    }
}
