/// Blackman and Vigna's xoshiro256**: a seedable generator with 256 bits of state and a period
/// of 2²⁵⁶ − 1, for long simulations where SplitMix64's 2⁶⁴ period is too short.
public struct Xoshiro256StarStar: RandomNumberGenerator, Sendable, Hashable {
    /// The four state words; never all zero (an all-zero state would repeat zeros forever).
    public var state: (UInt64, UInt64, UInt64, UInt64)

    /// A generator whose state is filled from a `SplitMix64` seeded with `seed`, as the
    /// authors recommend (it cannot produce the all-zero state).
    @inlinable
    public init(seed: UInt64) {
        var mixer = SplitMix64(seed: seed)
        state = (mixer.next(), mixer.next(), mixer.next(), mixer.next())
    }

    /// The next 64 random bits.
    @inlinable
    public mutating func next() -> UInt64 {
        let result = (state.1 &* 5).rotatedLeft(by: 7) &* 9
        let t = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = state.3.rotatedLeft(by: 45)
        return result
    }

    /// Advances the state by 2¹²⁸ steps, giving a stream that does not overlap this one for
    /// any practical length; use it to hand independent generators to parallel workers.
    @inlinable
    public mutating func jump() {
        let polynomial: [UInt64] = [
            0x180E_C6D3_3CFD_0ABA, 0xD5A6_1266_F0C9_392C, 0xA958_2618_E03F_C9AA, 0x39AB_DC45_29B1_661C,
        ]
        var jumped: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        for word in polynomial {
            for bit in 0..<64 {
                if word & (1 << UInt64(bit)) != 0 {
                    jumped.0 ^= state.0
                    jumped.1 ^= state.1
                    jumped.2 ^= state.2
                    jumped.3 ^= state.3
                }
                _ = next()
            }
        }
        state = jumped
    }

    /// Two generators are equal when their states are.
    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.state == rhs.state
    }

    /// Hashes the state.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(state.0)
        hasher.combine(state.1)
        hasher.combine(state.2)
        hasher.combine(state.3)
    }
}

extension UInt64 {
    @usableFromInline
    func rotatedLeft(by amount: UInt64) -> UInt64 {
        (self << amount) | (self >> (64 - amount))
    }
}
