/// Steele, Lea and Flood's SplitMix64: a tiny, fast, seedable generator with 64 bits of state.
///
/// It is the project's reference seeded generator: every random choice in GraphGrad takes a
/// `RandomNumberGenerator`, and tests pass a `SplitMix64` with a fixed seed so that runs repeat.
/// The sequence is the one of the reference C implementation (`splitmix64.c` by Sebastiano Vigna).
public struct SplitMix64: RandomNumberGenerator, Sendable, Hashable {
    /// The current state; the next output is derived from `state &+ 0x9E3779B97F4A7C15`.
    public var state: UInt64

    /// A generator whose sequence is fixed by `seed`.
    @inlinable
    public init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    @inlinable
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
