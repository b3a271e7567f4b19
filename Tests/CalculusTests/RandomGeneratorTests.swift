import Calculus
import Testing

/// Known-answer vectors from an independent Python transcription of the reference C code
/// (splitmix64.c and xoshiro256starstar.c by Blackman and Vigna), and moment checks of the
/// distribution helpers.
@Suite struct RandomGeneratorTests {
    @Test func splitMix64MatchesTheReferenceSequence() {
        var zero = SplitMix64(seed: 0)
        #expect((0..<3).map { _ in zero.next() } == [0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F])
        var generator = SplitMix64(seed: 1_234_567)
        #expect((0..<5).map { _ in generator.next() } == [
            6_457_827_717_110_365_317, 3_203_168_211_198_807_973, 9_817_491_932_198_370_423,
            4_593_380_528_125_082_431, 16_408_922_859_458_223_821,
        ])
    }

    @Test func xoshiroMatchesTheReferenceSequenceAndJump() {
        var generator = Xoshiro256StarStar(seed: 42)
        #expect((0..<5).map { _ in generator.next() } == [
            1_546_998_764_402_558_742, 6_990_951_692_964_543_102, 12_544_586_762_248_559_009,
            17_057_574_109_182_124_193, 18_295_552_978_065_317_476,
        ])
        var jumped = Xoshiro256StarStar(seed: 42)
        jumped.jump()
        #expect((0..<3).map { _ in jumped.next() } == [
            5_766_981_335_298_035_530, 13_414_075_677_763_163_907, 6_818_771_422_820_058_410,
        ])
    }

    @Test func uniformDrawsStayInRangeWithTheRightMoments() {
        var generator = SplitMix64(seed: 7)
        let count = 200_000
        let draws = (0..<count).map { _ in generator.nextUniform() }
        #expect(draws.allSatisfy { $0 >= 0 && $0 < 1 })
        let positive = (0..<1000).map { _ in generator.nextUniformPositive() }
        #expect(positive.allSatisfy { $0 > 0 && $0 <= 1 })
        let mean = draws.reduce(0, +) / Double(count)
        let variance = draws.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(count)
        // Standard errors: mean sqrt(1/12/n) ≈ 6.5e-4, variance ≈ sqrt(1/180/n) ≈ 1.7e-4.
        #expect(abs(mean - 0.5) < 5 * 6.5e-4)
        #expect(abs(variance - 1.0 / 12) < 5 * 1.7e-4)
    }

    @Test func normalDrawsHaveStandardMoments() {
        var generator = Xoshiro256StarStar(seed: 8)
        let count = 200_000
        let draws = (0..<count).map { _ in generator.nextNormal(mean: 3, standardDeviation: 2) }
        let mean = draws.reduce(0, +) / Double(count)
        let variance = draws.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(count)
        let within = draws.filter { abs($0 - 3) < 2 }.count
        // Standard errors: mean 2/sqrt(n) ≈ 4.5e-3, variance 4·sqrt(2/n) ≈ 1.3e-2, and the
        // one-sigma mass 0.6827 has sqrt(0.6827·0.3173/n) ≈ 1.04e-3.
        #expect(abs(mean - 3) < 5 * 4.5e-3)
        #expect(abs(variance - 4) < 5 * 1.3e-2)
        #expect(abs(Double(within) / Double(count) - 0.682_689) < 5 * 1.04e-3)
    }
}
