import GraphGrad
import Testing
import _TestSupport

/// An interval inside each primitive's domain, away from singularities.
func domain(of p: UnaryPrimitive) -> ClosedRange<Double> {
    switch p {
    case .log, .sqrt: return 0.5...2
    case .asin, .acos: return -0.8...0.8
    case .log1p: return -0.5...2
    default: return -1.5...1.5
    }
}

/// Random elements with 0.1 ≤ |x| ≤ 1.5: central differences across a kink at 0 (abs, relu,
/// sign, step; elu's second derivative) would disagree with either one-sided derivative.
func awayFromZero(_ shape: [Int], seed: UInt64) -> Tensor<Double> {
    randomTensor(shape, in: 0.1...1.5, seed: seed) * randomTensor(shape, seed: seed + 1_000).sign()
}

/// Inputs for `p` of `shape`, inside its domain and away from its kink.
func input(for p: UnaryPrimitive, _ shape: [Int], seed: UInt64) -> Tensor<Double> {
    switch p {
    case .abs, .relu, .sign, .step, .elu: return awayFromZero(shape, seed: seed)
    default: return randomTensor(shape, in: domain(of: p), seed: seed)
    }
}

@Suite("Elementwise primitives: gradients against central differences")
struct ElementwiseGradientTests {
    /// A scalar, a vector, a size-1 axis in front and in the middle, and an empty tensor.
    static let unaryShapes: [[Int]] = [[], [5], [3, 4], [1, 4], [3, 1, 2], [0, 3]]

    @Test("unary primitive", arguments: UnaryPrimitive.allCases, unaryShapes)
    func unary(_ p: UnaryPrimitive, _ shape: [Int]) {
        let x = input(for: p, shape, seed: UInt64(shape.count * 10 + shape.reduce(0, +)))
        expectDifferentiable(at: [x]) { $0[0].applying(p) }
        #expect(x.applying(p).shape == shape)
    }

    @Test("unary values match the scalar table")
    func unaryValues() {
        for p in UnaryPrimitive.allCases {
            let x = randomTensor([17], in: domain(of: p), seed: 5)
            let y = x.applying(p)
            for i in 0..<x.count { #expect(y.scalars[i] == p(x.scalars[i]), "\(p) at \(x.scalars[i])") }
        }
    }

    /// Without a tape to record or tangents to push, a unary pullback runs the rule on scalars
    /// in one pass; it must give the bits of the same rule run as tensor operations, which is
    /// what a recorded pullback (createGraph) does.
    func expectFusedPullbackMatchesRule<S: TensorScalar>(_: S.Type, _ p: UnaryPrimitive, count: Int) {
        let x = Tensor<S>(shape: [count], scalars: randomTensor([count], in: domain(of: p), seed: 11).scalars.map { S($0) })
            .requiringGradient()
        let seed = Tensor<S>(shape: [count], scalars: randomTensor([count], seed: 12).scalars.map { S($0) })
        let y = x.applying(p)
        let fused = y.gradients(wrt: [x], seed: seed)[0]
        let recorded = y.gradients(wrt: [x], seed: seed, createGraph: true)[0]
        #expect(!fused.requiresGradient)
        // Widening to Double is exact, so equal patterns there are equal bits.
        let bits = { (t: Tensor<S>) in t.scalars.map { Double($0).bitPattern } }
        #expect(bits(fused) == bits(recorded), "\(S.self) \(p), \(count) elements")
    }

    @Test("a unary pullback on plain values has the bits of its rule in tensor operations",
          arguments: UnaryPrimitive.allCases)
    func fusedPullback(_ p: UnaryPrimitive) {
        for count in [1, 37, 1000] {
            expectFusedPullbackMatchesRule(Float.self, p, count: count)
            expectFusedPullbackMatchesRule(Double.self, p, count: count)
        }
    }

    static let broadcastPairs: [([Int], [Int])] = [
        ([3, 4], [3, 4]), ([3, 4], [4]), ([3, 1], [1, 4]), ([2, 3, 4], [3, 1]), ([], [3]), ([2, 1], []),
        ([1], [1, 1]), ([2, 1, 3], [1, 4, 1]), ([0, 3], [3]),
        // The result is empty, but `a` is not: its gradient is a sum over an empty axis, zeros.
        ([4, 1], [0, 1, 3]),
    ]

    @Test("binary primitive with broadcasting", arguments: BinaryPrimitive.allCases)
    func binary(_ p: BinaryPrimitive) {
        for (k, (sa, sb)) in Self.broadcastPairs.enumerated() {
            // pow needs a positive base; division a denominator away from 0.
            let a = randomTensor(sa, in: p == .pow ? 0.5...2 : -2...2, seed: UInt64(10 + k))
            let b = randomTensor(sb, in: p == .divide ? 0.5...2 : -2...2, seed: UInt64(20 + k))
            expectDifferentiable(at: [a, b]) { $0[0].applying(p, $0[1]) }
        }
    }

    /// Broadcast kernels walk merged axes (a scalar against [2, 3, 4] is one run of 24); each
    /// result element must still be f of the elements NumPy's indexing rule names.
    @Test("broadcast values follow NumPy's indexing", arguments: [
        ([2, 3, 4], []), ([], [2, 3, 4]), ([2, 3, 4], [1, 1, 4]), ([2, 3, 4], [2, 3, 1]), ([2, 1, 4], [1, 3, 4]),
        ([4, 1, 3], [1, 5, 3]), ([5, 1], [1, 1, 6]), ([3, 4], [4]),
    ])
    func broadcastValues(_ shapes: ([Int], [Int])) {
        let (sa, sb) = shapes
        let a = randomTensor(sa, seed: 31), b = randomTensor(sb, seed: 32)
        let z = a - b
        let rank = z.shape.count
        func element(_ t: Tensor<Double>, at index: [Int]) -> Double {
            let offset = rank - t.shape.count
            var flat = 0
            for (axis, extent) in t.shape.enumerated() { flat = flat * extent + (extent == 1 ? 0 : index[axis + offset]) }
            return t.scalars[flat]
        }
        for position in 0..<z.count {
            var index = [Int](repeating: 0, count: rank), rest = position
            for axis in stride(from: rank - 1, through: 0, by: -1) {
                index[axis] = rest % z.shape[axis]
                rest /= z.shape[axis]
            }
            #expect(z.scalars[position] == element(a, at: index) - element(b, at: index), "at \(index)")
        }
    }

    @Test("a tensor used twice accumulates both contributions")
    func reuse() {
        let x = randomTensor([4], seed: 3)
        expectDifferentiable(at: [x]) { ($0[0] * $0[0].sin() + $0[0]).sum() }
        let g = gradient(at: [x]) { ($0[0] * $0[0]).sum() }[0]
        #expect(g == x * 2)
    }

    @Test("leakyRelu and elu", arguments: unaryShapes)
    func activations(_ shape: [Int]) {
        let x = awayFromZero(shape, seed: 8)
        for slope in [0.01, 0.2] {
            expectDifferentiable(at: [x]) { $0[0].leakyRelu(slope: slope) }
        }
        // α = 1 is the table's one-pass rule; any other α is built from where, expm1 and a product.
        for alpha in [1, 0.5, 2.5] {
            expectDifferentiable(at: [x]) { $0[0].elu(alpha: alpha) }
        }
    }

    @Test("leakyRelu and elu values follow their definitions")
    func activationValues() {
        let x = awayFromZero([40], seed: 9)
        for slope in [0.01, 0.2] {
            let y = x.leakyRelu(slope: slope)
            for (v, u) in zip(y.scalars, x.scalars) { #expect(v == (u > 0 ? u : slope * u)) }
        }
        let expm1 = UnaryPrimitive.expm1
        for alpha in [0.5, 2.5] {
            let y = x.elu(alpha: alpha)
            for (v, u) in zip(y.scalars, x.scalars) { #expect(v == (u > 0 ? u : alpha * expm1(u))) }
        }
    }

    @Test("where picks values and routes gradients to the chosen branch")
    func whereSelect() {
        let c = Tensor<Double>([1, 0, 1, 0])
        let a = randomTensor([4], seed: 1)
        let b = randomTensor([2, 4], seed: 2)
        expectDifferentiable(at: [a, b]) { Tensor.where(c, $0[0], $0[1]) }
        let y = Tensor.where(c, a, Tensor(-Double.infinity))
        #expect(y.scalars[0] == a.scalars[0] && y.scalars[1] == -.infinity)
    }

    @Test("where broadcasts its condition and branches", arguments: [
        ([3, 1], [4], []), ([], [2, 3], [3]), ([2, 1, 3], [1, 4, 1], [3]), ([1], [1, 1], [1]), ([0, 1], [3], [1, 3]),
    ])
    func whereBroadcasting(_ shapes: ([Int], [Int], [Int])) {
        let (sc, sa, sb) = shapes
        let c = randomTensor(sc, seed: 3) .> 0
        let a = randomTensor(sa, seed: 4), b = randomTensor(sb, seed: 5)
        expectDifferentiable(at: [a, b]) { Tensor.where(c, $0[0], $0[1]) }
        // The oracle: the mask blend, exact here because the mask is 0 or 1 and all values finite.
        let shape = BroadcastPlan(BroadcastPlan(sc, sa).shape, sb).shape
        let ones = Tensor<Double>.ones(shape)
        #expect(Tensor.where(c, a, b) == c * a * ones + (1 - c) * b * ones)
    }
}
