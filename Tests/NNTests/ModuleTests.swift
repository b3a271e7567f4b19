import GraphGrad
import Testing
import _TestSupport

/// A model nesting every kind of property that can hold parameters.
private final class Net: Layer {
    typealias Scalar = Double
    var isTraining = true
    let encoder: Sequential<Double>
    let heads: [Linear<Double>]
    let gate: Parameter<Double>?
    let missing: Parameter<Double>?
    let norm: BatchNorm<Double>
    let shared: Parameter<Double>
    let notAParameter: Tensor<Double>
    let constants: [Double]

    init(seed: UInt64) {
        var g = SplitMix64(seed: seed)
        encoder = Sequential(
            Linear(inputSize: 3, outputSize: 5, using: &g), Activation(.relu), Dropout(probability: 0.5, seed: seed),
            Linear(inputSize: 5, outputSize: 4, bias: false, using: &g))
        heads = [Linear(inputSize: 4, outputSize: 2, using: &g), Linear(inputSize: 4, outputSize: 1, using: &g)]
        gate = Parameter(Tensor.ones([4]))
        missing = nil
        norm = BatchNorm(featureCount: 4)
        shared = heads[0].weight
        notAParameter = Tensor.ones([1000])
        constants = Array(repeating: 1, count: 1000)
    }

    func callAsFunction(_ x: Tensor<Double>) -> Tensor<Double> {
        let h = norm(encoder(x)) * (gate?.value ?? Tensor(1))
        return Tensor.concatenate(heads.map { $0(h) }, along: 1)
    }
}

@Suite("Module: parameter discovery and modes")
struct ModuleTests {
    @Test func namesFollowPropertyPaths() {
        let net = Net(seed: 1)
        let names = net.namedParameters.map(\.name)
        #expect(names == [
            "encoder.layers.0.weight", "encoder.layers.0.bias", "encoder.layers.3.weight",
            "heads.0.weight", "heads.0.bias", "heads.1.weight", "heads.1.bias",
            "gate", "norm.scale", "norm.offset",
        ])
        #expect(Set(names).count == names.count)
        #expect(net.namedBuffers.map(\.name) == ["norm.runningMean", "norm.runningVariance"])
    }

    @Test func sharedParameterListedOnceUnderFirstPath() {
        let net = Net(seed: 2)
        let ids = net.parameters.map { ObjectIdentifier($0) }
        #expect(Set(ids).count == ids.count)
        #expect(net.namedParameters.first { $0.parameter === net.shared }?.name == "heads.0.weight")
        let expectedCount = 3 * 5 + 5 + 5 * 4 + 4 * 2 + 2 + 4 * 1 + 1 + 4 + 4 + 4
        #expect(net.parameterCount == expectedCount)
    }

    @Test func namesAreStableAcrossInstances() {
        #expect(Net(seed: 3).namedParameters.map(\.name) == Net(seed: 4).namedParameters.map(\.name))
    }

    @Test func trainAndEvalReachNestedModules() {
        let net = Net(seed: 5)
        let dropout = net.encoder.layers[2] as? Dropout<Double>
        net.eval()
        #expect(!net.isTraining && !net.norm.isTraining && !net.encoder.isTraining)
        #expect(dropout?.isTraining == false)
        net.train()
        #expect(net.isTraining && net.norm.isTraining && dropout?.isTraining == true)
    }

    @Test func modulesListsTheModulesTrainReaches() {
        let net = Net(seed: 5)
        let modules = net.modules
        let ids = modules.map(ObjectIdentifier.init)
        #expect(Set(ids).count == ids.count)
        #expect(ids.first == ObjectIdentifier(net))
        for module in [net.encoder, net.norm, net.heads[1], net.encoder.layers[2]] as [any Module] {
            #expect(ids.contains(ObjectIdentifier(module)))
        }
        net.eval()
        #expect(modules.allSatisfy { !$0.isTraining })
    }

    @Test func backwardFillsEveryDiscoveredParameter() {
        let net = Net(seed: 6)
        let x = randomTensor([6, 3], seed: 7)
        net.eval()
        net(x).squared().sum().backward()
        // The second Linear of the encoder has no bias, and every listed parameter feeds the output.
        for (name, p) in net.namedParameters {
            let g = p.grad
            #expect(g?.shape == p.shape, "\(name)")
        }
        net.zeroGrad()
        #expect(net.parameters.allSatisfy { $0.grad == nil })
    }

    @Test func withParametersSubstitutesAndRestores() {
        var g = SplitMix64(seed: 8)
        let layer = Linear<Double>(inputSize: 2, outputSize: 3, using: &g)
        let before = layer.parameters.map(\.value)
        let w = randomTensor([2, 3], seed: 9)
        let b = randomTensor([3], seed: 10)
        let x = randomTensor([4, 2], seed: 11)
        let y = layer.withParameters([w, b]) { layer(x) }
        #expect(y == x.matmul(w) + b)
        #expect(layer.parameters.map(\.value) == before)
    }

    @Test func reflectionCost() {
        // Parameter discovery is paid once per optimizer, not per step; it stays small.
        let net = Net(seed: 12)
        _ = net.parameters  // the runtime caches protocol conformances on first use
        let clock = ContinuousClock()
        let elapsed = clock.measure { for _ in 0..<100 { _ = net.parameters } }
        print("Module.parameters on a 5-layer model: \(elapsed / 100) per call")
        #expect(elapsed / 100 < .milliseconds(5))
    }
}
