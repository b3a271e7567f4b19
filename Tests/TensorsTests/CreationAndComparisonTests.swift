import GraphGrad
import Testing
import _TestSupport

@Suite("Creation functions")
struct CreationTests {
    @Test func arange() {
        #expect(Tensor<Double>.arange(0, 5) == Tensor([0, 1, 2, 3, 4]))
        #expect(Tensor<Double>.arange(1, 3, step: 0.5) == Tensor([1, 1.5, 2, 2.5]))
        #expect(Tensor<Double>.arange(-2, 3, step: 2) == Tensor([-2, 0, 2]))
        #expect(Tensor<Double>.arange(5, 0, step: -2) == Tensor([5, 3, 1]))
        #expect(Tensor<Float>.arange(0, 4) == Tensor([0, 1, 2, 3]))
        // NumPy's length, ⌈(end − start) / step⌉: the last element stays below `end`.
        let tenths = Tensor<Double>.arange(0, 1, step: 0.3)
        #expect(tenths.shape == [4])
        for (i, v) in tenths.scalars.enumerated() { #expect(Swift.abs(v - Double(3 * i) / 10) <= 1e-15) }
        #expect(tenths.scalars.allSatisfy { $0 < 1 })
        // No element lies between start and end in the direction of the step: empty, not an error.
        for empty in [Tensor<Double>.arange(3, 3), .arange(3, 0), .arange(0, 3, step: -1)] {
            #expect(empty.shape == [0])
        }
    }

    @Test(arguments: [[2, 3], [], [5], [1, 1, 4], [0, 4]])
    func full(_ shape: [Int]) {
        for value in [7.5, -0.0, .infinity] {
            let t = Tensor<Double>.full(shape, value)
            #expect(t.shape == shape && t.count == shape.reduce(1, *))
            #expect(t.scalars.allSatisfy { $0.bitPattern == value.bitPattern })
            #expect(randomTensor(shape, seed: 1).filled(with: value) == t)
        }
        #expect(Tensor<Double>.full(shape, .nan).scalars.allSatisfy { $0.isNaN })
        #expect(Tensor<Float>.full(shape, 2.5).scalars == [Float](repeating: 2.5, count: shape.reduce(1, *)))
        #expect(!Tensor<Double>.full(shape, 1).requiresGradient)
    }

    /// 2²⁰ elements (8 MiB) live in the storage pool, which may hand back the block of a
    /// tensor just freed with its old values: `full` must write every element.
    @Test func fullOnPooledStorage() {
        let shape = [1024, 1024]
        #expect(TensorStoragePool.blockBytes(count: shape.reduce(1, *), of: Double.self) != nil)
        var first = Tensor<Double>.full(shape, 3)
        #expect(first.scalars.allSatisfy { $0 == 3 })
        first = Tensor.zeros([1])
        let t = Tensor<Double>.full(shape, -1)
        #expect(t.scalars.allSatisfy { $0 == -1 })
    }

    @Test(arguments: [0.1, 0.5, 0.9])
    func bernoulli(_ p: Double) {
        var generator = SplitMix64(seed: 42)
        let n = 200_000
        let t = Tensor<Double>.bernoulli([n / 100, 100], probability: p, using: &generator)
        #expect(t.shape == [n / 100, 100])
        #expect(t.scalars.allSatisfy { $0 == 0 || $0 == 1 })
        // The sample mean has standard deviation σ = √(p(1 − p)/n) (about 1e-3 here). A fair
        // generator lands outside 5σ with probability 6e-7, so a miss means a biased sampler.
        let mean = t.scalars.reduce(0, +) / Double(n)
        let sigma = (p * (1 - p) / Double(n)).squareRoot()
        #expect(Swift.abs(mean - p) <= 5 * sigma, "mean \(mean) for p = \(p), σ = \(sigma)")
    }

    @Test func bernoulliIsReproducible() {
        func sample(seed: UInt64) -> [UInt64] {
            var generator = SplitMix64(seed: seed)
            return Tensor<Double>.bernoulli([64, 33], probability: 0.4, using: &generator).scalars.map(\.bitPattern)
        }
        #expect(sample(seed: 7) == sample(seed: 7))
        // Independent streams agree on a draw with probability 0.4² + 0.6² = 0.52, on all 2112
        // of them with probability 0.52²¹¹² ≈ 2⁻¹⁹⁹³.
        #expect(sample(seed: 7) != sample(seed: 8))
    }

    @Test func bernoulliAtTheEnds() {
        var generator = SplitMix64(seed: 3)
        #expect(Tensor<Double>.bernoulli([1000], probability: 0, using: &generator) == Tensor.zeros([1000]))
        #expect(Tensor<Double>.bernoulli([1000], probability: 1, using: &generator) == Tensor.ones([1000]))
        #expect(Tensor<Double>.bernoulli([0, 5], probability: 0.5, using: &generator).shape == [0, 5])
    }
}

/// The elementwise comparison operators, each with the IEEE relation Swift's own operators
/// implement as its oracle.
enum Relation: String, CaseIterable, Sendable {
    case greater = ".>", less = ".<", greaterOrEqual = ".>=", lessOrEqual = ".<=", equal = ".=="

    func apply<S: TensorScalar>(_ a: Tensor<S>, _ b: Tensor<S>) -> Tensor<S> {
        switch self {
        case .greater: return a .> b
        case .less: return a .< b
        case .greaterOrEqual: return a .>= b
        case .lessOrEqual: return a .<= b
        case .equal: return a .== b
        }
    }

    func holds(_ x: Double, _ y: Double) -> Bool {
        switch self {
        case .greater: return x > y
        case .less: return x < y
        case .greaterOrEqual: return x >= y
        case .lessOrEqual: return x <= y
        case .equal: return x == y
        }
    }
}

@Suite("Comparisons and where: values")
struct ComparisonTests {
    /// Values on both sides of every IEEE case: NaN, ±∞, signed zeros, equal and unequal numbers.
    static let special: [Double] = [.nan, -.infinity, -2, -0.0, 0, 1, 1, 3, .infinity]

    @Test("comparisons follow IEEE 754: NaN compares false, −0 equals 0", arguments: Relation.allCases)
    func ieeeValues(_ relation: Relation) {
        let a = Tensor(Self.special.flatMap { x in Self.special.map { _ in x } })
        let b = Tensor(Self.special.flatMap { _ in Self.special })
        let result = relation.apply(a, b)
        #expect(result.shape == a.shape)
        for (i, (x, y)) in zip(a.scalars, b.scalars).enumerated() {
            #expect(result.scalars[i] == (relation.holds(x, y) ? 1 : 0), "\(x) \(relation.rawValue) \(y)")
        }
        let floats = relation.apply(Tensor<Float>(a.scalars.map(Float.init)), Tensor<Float>(b.scalars.map(Float.init)))
        #expect(floats.scalars.map(Double.init) == result.scalars, "Float \(relation.rawValue)")
    }

    @Test("comparisons broadcast", arguments: Relation.allCases)
    func broadcasting(_ relation: Relation) {
        // Halves, so that equal elements occur across the operands, and a NaN in each.
        let a = Tensor(shape: [3, 1, 4], scalars: [0.5, -1, 2, 0, .nan, 1, 1.5, -0.5, 2, 0, 0.5, 1])
        let b = Tensor<Double>([[0, 0.5, 1, .nan], [-0.5, 0, 1.5, 2]])
        for (lhs, rhs) in [(a, b), (b, a), (a, Tensor(0.5)), (Tensor(0.5), b), (a, Tensor.zeros([0, 1, 1, 1]))] {
            let result = relation.apply(lhs, rhs)
            let shape = BroadcastPlan(lhs.shape, rhs.shape).shape
            #expect(result.shape == shape)
            let (l, r) = (lhs.broadcasted(to: shape), rhs.broadcasted(to: shape))
            for i in 0..<result.count {
                #expect(result.scalars[i] == (relation.holds(l.scalars[i], r.scalars[i]) ? 1 : 0), "\(relation.rawValue) at \(i)")
            }
        }
    }

    @Test func scalarOverloads() {
        let x = randomTensor([2, 5], seed: 3)
        #expect((x .> 0.25) == (x .> Tensor(0.25)))
        #expect((x .< 0.25) == (x .< Tensor(0.25)))
        #expect((Tensor<Double>([.nan, 1]) .> 0) == Tensor([0, 1]))
        #expect((Tensor<Double>([.nan, -1]) .< 0) == Tensor([0, 1]))
    }

    @Test("comparisons are constants: no gradient, no tangent")
    func constants() {
        let x = randomTensor([4], seed: 4).requiringGradient()
        #expect(!(x .> Tensor(0)).requiresGradient && !(x .== x).requiresGradient)
        let (_, tangent) = jvp(at: [randomTensor([4], seed: 5)], along: [Tensor.ones([4])]) { $0[0] .>= Tensor(0) }
        #expect(tangent == Tensor.zeros([4]))
    }

    @Test("where treats any nonzero condition, NaN included, as true; the other branch never leaks")
    func whereValues() {
        let c = Tensor<Double>([1, 0, .nan, -2, 0, -0.0])
        let a = Tensor<Double>([1, 2, 3, 4, .nan, .infinity])
        let b = Tensor<Double>([.nan, -2, .infinity, -4, -5, -6])
        let y = Tensor.where(c, a, b)
        #expect(y.scalars.map(\.bitPattern) == [1, -2, 3, 4, -5, -6].map { Double($0).bitPattern })
        let g = gradient(at: [a, b]) { Tensor.where(c, $0[0], $0[1]).sum() }
        #expect(g[0] == Tensor([1, 0, 1, 1, 0, 0]))
        #expect(g[1] == Tensor([0, 1, 0, 0, 1, 1]))
        // With a comparison as its condition, where is an elementwise maximum.
        let u = randomTensor([3, 4], seed: 6), v = randomTensor([4], seed: 7)
        #expect(Tensor.where(u .> v, u, v) == u.maximum(v))
    }
}
