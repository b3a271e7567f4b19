import Calculus

/// The library's generator, which the layers under test also use (the test-support module
/// declares one of the same name).
typealias SplitMix64 = Calculus.SplitMix64
