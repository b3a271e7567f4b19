import GraphGrad
import Testing
import _TestSupport

/// An interval inside each primitive's domain, away from kinks and singularities.
func domain(of p: UnaryPrimitive) -> ClosedRange<Double> {
    switch p {
    case .log, .sqrt: return 0.5...2
    case .asin, .acos: return -0.8...0.8
    case .log1p: return -0.5...2
    default: return -1.5...1.5
    }
}

@Suite("Elementwise primitives: gradients against central differences")
struct ElementwiseGradientTests {
    @Test("unary primitive", arguments: UnaryPrimitive.allCases)
    func unary(_ p: UnaryPrimitive) {
        for (k, shape) in [[3, 4], [5], [], [2, 1, 3]].enumerated() {
            let x = randomTensor(shape, in: domain(of: p), seed: UInt64(k))
            expectDifferentiable(at: [x]) { $0[0].applying(p) }
        }
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
        ([0, 3], [3]),
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

    @Test("leakyRelu and elu")
    func activations() {
        let x = randomTensor([3, 5], in: -2...2, seed: 8)
        expectDifferentiable(at: [x]) { $0[0].leakyRelu(slope: 0.2) }
        expectDifferentiable(at: [x]) { $0[0].elu() }
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
}
