import GraphGrad
import Testing
import _TestSupport

/// GATConv against dense masked attention: per head, α = row-softmax over A + I of
/// LeakyReLU(s_dst[i] + s_src[j]), out = α·h, heads concatenated or averaged.
@Test(arguments: [true, false])
func gatConvMatchesDenseAttention(concatenatesHeads: Bool) throws {
    let graph = try testGraph(seed: 30)
    let n = graph.nodeCount, heads = 3, width = 2
    var generator = SplitMix64(seed: 31)
    let layer = GATConv<Double>(
        inputSize: 4, outputSize: width, heads: heads, concatenatesHeads: concatenatesHeads, using: &generator)
    randomizeParameters(layer, seed: 32)
    let x = randomTensor([n, 4], seed: 33)
    let mask = denseAdjacencyWithLoops(graph)
    let h = x.matmul(layer.linear.weight.value).reshaped([n, heads, width])
    let perHead = (0..<heads).map { head -> Tensor<Double> in
        let hh = h.sliced(along: 1, head..<(head + 1)).reshaped([n, width])
        let source = hh.matmul(layer.attentionSource.value.sliced(along: 0, head..<(head + 1)).transposed())
        let target = hh.matmul(layer.attentionTarget.value.sliced(along: 0, head..<(head + 1)).transposed())
        let scores = (target.reshaped([n, 1]) + source.reshaped([1, n])).leakyRelu(slope: 0.2)
        let unnormalized = scores.exp() * mask
        return (unnormalized / unnormalized.sum(along: 1, keepingDims: true)).matmul(hh)
    }
    let stacked = Tensor.stack(perHead, along: 1)
    let expected = (concatenatesHeads ? stacked.reshaped([n, heads * width]) : stacked.mean(along: 1)) + layer.bias.value
    #expect(maxDifference(layer(x, on: GraphContext(graph)), expected) < 1e-12)
}

/// Gradients of GATConv with respect to input, weight, attention vectors and bias.
@Test func gatConvIsDifferentiable() throws {
    let graph = try testGraph(seed: 34)
    var generator = SplitMix64(seed: 35)
    let layer = GATConv<Double>(inputSize: 3, outputSize: 2, heads: 2, attentionDropout: 0.5, using: &generator)
    randomizeParameters(layer, seed: 36)
    let context = GraphContext<Double>(graph)
    expectModuleDifferentiable(layer, input: randomTensor([graph.nodeCount, 3], seed: 37)) { layer($0, on: context) }
}

/// In training mode attention dropout changes the output; in evaluation mode it does not.
@Test func gatAttentionDropoutActsInTrainingOnly() throws {
    let graph = try testGraph(seed: 38)
    var generator = SplitMix64(seed: 39)
    let layer = GATConv<Double>(inputSize: 3, outputSize: 2, heads: 2, attentionDropout: 0.5, using: &generator)
    let x = randomTensor([graph.nodeCount, 3], seed: 40)
    let context = GraphContext<Double>(graph)
    layer.eval()
    let reference = layer(x, on: context)
    #expect(layer(x, on: context) == reference)
    layer.train()
    #expect(maxDifference(layer(x, on: context), reference) > 1e-3)
}
