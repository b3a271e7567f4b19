import RealModule

/// A small, fast, seedable random number generator (Steele, Lea & Flood's SplitMix64).
///
/// Every random choice in GraphGrad takes a generator like this one, so the same seed gives
/// the same numbers on every run and every thread count.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    @usableFromInline internal var state: UInt64

    /// Creates a generator whose whole output stream is determined by `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    @inlinable
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The state, then advances the generator past `count` outputs. Output i (from 0) of
    /// those is a function of the returned state + (i + 1)·0x9E3779B97F4A7C15 alone, so a
    /// kernel can draw them in any order or in parallel and still match ``next()``.
    ///
    /// - Precondition: `count` ≥ 0.
    @inlinable
    public mutating func skip(_ count: Int) -> UInt64 {
        precondition(count >= 0, "cannot skip \(count) outputs")
        let start = state
        state &+= UInt64(count) &* 0x9E37_79B9_7F4A_7C15
        return start
    }
}

extension RandomNumberGenerator {
    /// A uniform sample in [0, 1) with 53 random bits.
    @inlinable
    public mutating func nextUniform() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// A standard normal sample (Box–Muller; one of the pair is discarded so that each call
    /// consumes a fixed amount of the stream).
    @inlinable
    public mutating func nextNormal() -> Double {
        var u = nextUniform()
        while u == 0 { u = nextUniform() }
        let v = nextUniform()
        return (-2 * Double.log(u)).squareRoot() * Double.cos(2 * Double.pi * v)
    }
}
