import Dispatch
import GraphGrad
import Synchronization
import Testing
import _TestSupport

@Suite("The tape: accumulation, scopes, custom functions, higher order")
struct TapeTests {
    @Test("backward accumulates into leaves until zeroed")
    func backwardAccumulates() {
        let x = randomTensor([3], seed: 1).requiringGradient()
        (x * x).sum().backward()
        (x * 3).sum().backward()
        #expect(x.grad == x.detached() * 2 + 3)
        x.zeroGrad()
        #expect(x.grad == nil)
    }

    @Test("withoutGradients and detached record nothing")
    func scopes() {
        let x = randomTensor([3], seed: 2).requiringGradient()
        let y = withoutGradients { x.sin() }
        #expect(!y.requiresGradient)
        #expect(!x.detached().requiresGradient)
        #expect(x.sin().requiresGradient)
        let g = (x.detached() * x).sum().gradients(wrt: [x])[0]
        #expect(g == x.detached())
    }

    @Test("gradient with respect to an unused input is zero")
    func unused() {
        let x = randomTensor([2], seed: 3).requiringGradient()
        let z = randomTensor([4], seed: 4).requiringGradient()
        #expect(x.sum().gradients(wrt: [z])[0] == Tensor.zeros([4]))
    }

    @Test("a user-defined function with its own vjp is differentiable, twice")
    func customFunction() {
        // f(x) = x³ with vjp 3x²·ḡ written with tensor operations.
        let cube: ([Tensor<Double>]) -> Tensor<Double> = { xs in
            Tensor.differentiable(xs, forward: { $0[0] * $0[0] * $0[0] }, vjp: { inputs, _, ct in [ct * inputs[0] * inputs[0] * 3] })
        }
        let x = randomTensor([4], seed: 5)
        expectDifferentiable(at: [x], forwardMode: false, cube)
    }

    /// f(x, y) = x³·y with its vjp and jvp written with tensor operations; the jvp handles an
    /// input without a tangent.
    static func cubeTimes(_ xs: [Tensor<Double>]) -> Tensor<Double> {
        Tensor.differentiable(
            xs, forward: { $0[0] * $0[0] * $0[0] * $0[1] },
            vjp: { inputs, _, ct in
                let (x, y) = (inputs[0], inputs[1])
                return [ct * x * x * y * 3, ct * x * x * x]
            },
            jvp: { inputs, _, tangents in
                let (x, y) = (inputs[0], inputs[1])
                let dx = tangents[0].map { $0 * x * x * y * 3 } ?? Tensor.zeros(x.shape)
                let dy = tangents[1].map { $0 * x * x * x } ?? Tensor.zeros(y.shape)
                return dx + dy
            })
    }

    @Test("a user-defined function with its own jvp agrees with reverse mode")
    func customFunctionForwardMode() {
        let x = randomTensor([4], seed: 10), y = randomTensor([4], seed: 11)
        expectDifferentiable(at: [x, y], forwardMode: true, Self.cubeTimes)
        // Only x carries a tangent: the output's tangent is 3x²y·ẋ, as the built-in operations give.
        let v = randomTensor([4], seed: 12)
        let xv = x.withTangent(v)
        let custom = Self.cubeTimes([xv, y]).tangent
        let builtIn = (xv * xv * xv * y).tangent
        #expect(custom != nil && builtIn != nil)
        for (a, b) in zip(custom?.scalars ?? [], builtIn?.scalars ?? []) {
            #expect(Swift.abs(a - b) <= 1e-14 * Swift.max(1, Swift.abs(b)))
        }
        // Forward-over-reverse needs the jvp's tangent on the way forward.
        let f: ([Tensor<Double>]) -> Tensor<Double> = { Self.cubeTimes($0).sin().sum() }
        let w = [randomTensor([4], seed: 13), randomTensor([4], seed: 14)]
        let forward = hessianVectorProduct(at: [x, y], along: w, of: f)
        let reverse = hessianVectorProductReverse(at: [x, y], along: w, of: f)
        for (fa, ra) in zip(forward, reverse) {
            for (a, b) in zip(fa.scalars, ra.scalars) { #expect(Swift.abs(a - b) <= 1e-12 * Swift.max(1, Swift.abs(b))) }
        }
    }

    @Test("Hessian-vector products: forward-over-reverse equals reverse-over-reverse")
    func hessianVector() {
        let x = randomTensor([5], seed: 6)
        let v = randomTensor([5], seed: 7)
        let f: ([Tensor<Double>]) -> Tensor<Double> = { ($0[0].sin() * $0[0].exp() + $0[0].squared().sum().log()).sum() }
        let forward = hessianVectorProduct(at: [x], along: [v], of: f)[0]
        let reverse = hessianVectorProductReverse(at: [x], along: [v], of: f)[0]
        for (a, b) in zip(forward.scalars, reverse.scalars) { #expect(Swift.abs(a - b) < 1e-12) }
        // And both equal the directional derivative of the gradient, by central differences.
        let h = 1e-5
        let gp = gradient(at: [x + v * h], of: f)[0]
        let gm = gradient(at: [x - v * h], of: f)[0]
        let numeric = (gp - gm) / (2 * h)
        for (a, b) in zip(forward.scalars, numeric.scalars) { #expect(Swift.abs(a - b) < 1e-6 * Swift.max(1, Swift.abs(b))) }
    }

    @Test("a chain of 10,000 operations differentiates without recursion limits")
    func longChain() {
        let x = Tensor<Double>(0.3).requiringGradient()
        var y = x
        for _ in 0..<10_000 { y = y.sin() }
        let g = y.gradients(wrt: [x])[0].scalar
        var value = 0.3
        var derivative = 1.0
        for _ in 0..<10_000 {
            derivative *= Double.cos(value)
            value = Double.sin(value)
        }
        #expect(Swift.abs(g - derivative) <= 1e-12 * Swift.abs(derivative))
        #expect(y.scalar == value)
    }

    @Test("a backward pass nested in a custom vjp walks nodes the outer pass holds")
    func nestedPass() {
        let x = randomTensor([3], seed: 8).requiringGradient()
        let shared = x.sin()
        let inner = Mutex<Tensor<Double>?>(nil)
        // The vjp differentiates exp(sin x) while the outer pass holds the nodes of sin x and x.
        let outer = Tensor.differentiable([shared], forward: { $0[0] * 2 }) { _, _, ct in
            let g = GradientMode.with(enabled: true) { shared.exp().sum().gradients(wrt: [x])[0] }
            inner.withLock { $0 = g }
            return [ct * 2]
        }
        let g = outer.sum().gradients(wrt: [x])[0]
        #expect(g == x.detached().cos() * 2)
        let expected = x.detached().sin().exp() * x.detached().cos()
        #expect(inner.withLock { $0 } == expected)
        // Both passes handed their nodes back: a later pass sees the whole graph again.
        #expect(outer.sum().gradients(wrt: [x])[0] == g)
    }

    @Test("concurrent backward passes over one graph agree with a serial one")
    func concurrentPasses() {
        let x = randomTensor([4], seed: 9).requiringGradient()
        var y = x
        for k in 0..<500 { y = (k % 2 == 0 ? y.sin() : y * 0.9 + x.cos()) }
        let loss = y.sum()
        let serial = loss.gradients(wrt: [x])[0]
        let results = Mutex<[Tensor<Double>]>([])
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            let g = loss.gradients(wrt: [x])[0]
            results.withLock { $0.append(g) }
        }
        let all = results.withLock { $0 }
        #expect(all.count == 8)
        for g in all { #expect(g.scalars.map(\.bitPattern) == serial.scalars.map(\.bitPattern)) }
    }
}
