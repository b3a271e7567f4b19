import GraphGrad
import Testing

/// The README's tour, kept compiling and checked against closed forms.
@Suite("README tour")
struct ReadmeTourTests {
    @Test func tour() throws {
        var rng = SplitMix64(seed: 0)
        let w = Tensor<Double>.normal([3, 2], using: &rng).requiringGradient()
        let x = Tensor<Double>.normal([4, 3], using: &rng)
        let loss = x.matmul(w).tanh().squared().mean()
        let gw = loss.gradients(wrt: [w])[0]
        let second = loss.gradients(wrt: [w], createGraph: true)[0].sum().gradients(wrt: [w])[0]
        #expect(gw.shape == [3, 2] && second.shape == [3, 2])

        // d/dW sum(x·W) along ones = sum of all entries of x times the direction's columns.
        let (_, directional) = jvp(at: [w], along: [Tensor.ones([3, 2])]) { x.matmul($0[0]).sum() }
        #expect(Swift.abs(directional.scalar - 2 * x.sum().scalar) < 1e-12)
        let hv = hessianVectorProduct(at: [w], along: [Tensor.ones([3, 2])]) { x.matmul($0[0]).tanh().sum() }
        #expect(hv[0].shape == [3, 2])

        #expect(checkGradients(at: [w.detached()]) { x.matmul($0[0]).sin().sum() }.passed)

        let f = try Expression(parsing: "x^2*sin(y) + exp(-x)/2")
        let dfdx = f.derivative(wrt: "x")
        let value = try dfdx.evaluate(["x": 1.5, "y": 2])
        #expect(Swift.abs(value - (3 * Double.sin(2) - Double.exp(-1.5) / 2)) < 1e-12)
        let forward = ForwardMode.derivative(of: { x in x * x * .sin(x) }, at: 1.5)
        #expect(Swift.abs(forward - (3 * Double.sin(1.5) + 2.25 * Double.cos(1.5))) < 1e-12)
    }
}
