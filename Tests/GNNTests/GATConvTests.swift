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

/// In training (every dropout active), GAT's logits of a few rows, which compute the lower
/// layers' rows read from above only, and its parameters' gradients equal the full pass's bit
/// for bit, in Float with GAT's 8 heads of 8 and three layers.
@Test func gatSelectedRowsMatchTheFullPassInTraining() throws {
    let graph = try testGraph(nodeCount: 60, edgeCount: 150, seed: 40)
    let features = try SparseMatrix<Float>(randomSparseFeatures(rows: graph.nodeCount, columns: 10, seed: 41))
    let input = GraphInput(graph: graph, features: .sparse(features))
    func model() -> GAT<Float> {
        let model = GAT<Float>(
            featureCount: 10, hiddenSize: 8, classCount: 3, layerCount: 3, heads: 8, outputHeads: 1, dropout: 0.5,
            attentionDropout: 0.5, seed: 42)
        // Nonzero biases too: the rows not computed hold them.
        for (offset, parameter) in model.parameters.enumerated() {
            let scalars = randomTensor(parameter.shape, in: -0.5...0.5, seed: 43 + UInt64(offset)).scalars
            parameter.assign(Tensor(shape: parameter.shape, scalars: scalars.map(Float.init)))
        }
        return model
    }
    let rows = [5, 17, 2, 40, 17]
    let (restricted, full) = (model(), model())
    let weights = Tensor(shape: [rows.count, 3], scalars: (0..<(rows.count * 3)).map { Float($0 % 7) - 3 })
    let selected = restricted(input, rows: rows)
    let gathered = full(input).gatheringRows(rows)
    #expect(selected.scalars == gathered.scalars)
    (selected * weights).sum().backward()
    (gathered * weights).sum().backward()
    for (a, b) in zip(restricted.parameters, full.parameters) {
        #expect(a.grad?.scalars == b.grad?.scalars)
    }
}
