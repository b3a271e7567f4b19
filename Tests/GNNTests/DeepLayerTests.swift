import Foundation
import GraphGrad
import Testing
import _TestSupport

/// GINConv = W₂·ReLU(W₁·((1 + ε)x + A·x) + b₁) + b₂, for dense and sparse input.
@Test func ginConvMatchesDenseFormula() throws {
    let graph = try testGraph(seed: 70)
    var generator = SplitMix64(seed: 71)
    let layer = GINConv<Double>(inputSize: 4, hiddenSize: 5, outputSize: 3, using: &generator)
    randomizeParameters(layer, seed: 72)
    let sparse = try SparseMatrix<Double>(randomSparseFeatures(rows: graph.nodeCount, columns: 4, seed: 73))
    let x = sparse.dense()
    let z = (1 + layer.epsilon.value) * x + denseOperator(graph).matmul(x)
    let expected = layer.second((z.matmul(layer.first.weight.value) + layer.first.bias!.value).relu())
    let context = GraphContext<Double>(graph)
    #expect(maxDifference(layer(.sparse(sparse), on: context), expected) < 1e-12)
    #expect(maxDifference(layer(x, on: context), expected) < 1e-12)
}

/// Gradients of GINConv with respect to input, ε and the MLP.
@Test func ginConvIsDifferentiable() throws {
    let graph = try testGraph(seed: 74)
    var generator = SplitMix64(seed: 75)
    let layer = GINConv<Double>(inputSize: 3, hiddenSize: 4, outputSize: 2, using: &generator)
    randomizeParameters(layer, seed: 76)
    let context = GraphContext<Double>(graph)
    expectModuleDifferentiable(layer, input: randomTensor([graph.nodeCount, 3], seed: 77)) { layer($0, on: context) }
}

/// GCNIIConv = ((1 − α)Â·x + α·x₀)((1 − β)I + β·W) with β = log(λ/l + 1).
@Test func gcniiConvMatchesDenseFormula() throws {
    let graph = try testGraph(seed: 78)
    var generator = SplitMix64(seed: 79)
    let layer = GCNIIConv<Double>(width: 3, alpha: 0.1, lambda: 0.5, layer: 4, using: &generator)
    let x = randomTensor([graph.nodeCount, 3], seed: 80)
    let initial = randomTensor([graph.nodeCount, 3], seed: 81)
    let beta = log(0.5 / 4 + 1)
    let support = 0.9 * denseGCNOperator(graph).matmul(x) + 0.1 * initial
    let expected = support.matmul((1 - beta) * Tensor.identity(3) + beta * layer.weight.value)
    #expect(maxDifference(layer(x, initial: initial, on: GraphContext(graph)), expected) < 1e-6)
}

/// Gradients of GCNIIConv with respect to x, x₀ and W.
@Test func gcniiConvIsDifferentiable() throws {
    let graph = try testGraph(seed: 82)
    var generator = SplitMix64(seed: 83)
    let layer = GCNIIConv<Double>(width: 3, alpha: 0.2, lambda: 0.5, layer: 2, using: &generator)
    let context = GraphContext<Double>(graph)
    let initial = randomTensor([graph.nodeCount, 3], seed: 84)
    expectDifferentiable(at: [randomTensor([graph.nodeCount, 3], seed: 85), initial, layer.weight.value]) { xs in
        layer.withParameters([xs[2]]) { layer(xs[0], initial: xs[1], on: context) }
    }
}

/// The scaled Laplacian −D^-1/2 A D^-1/2 (loops removed, isolated nodes contributing 0).
private func denseScaledLaplacian(_ graph: Graph) -> Tensor<Double> {
    let a = denseOperator(graph.removingSelfLoops())
    let n = graph.nodeCount
    let inverseRoot = a.sum(along: 1).scalars.map { $0 > 0 ? 1 / $0.squareRoot() : 0 }
    return Tensor(shape: [n, n], scalars: (0..<n * n).map { -inverseRoot[$0 / n] * a.scalars[$0] * inverseRoot[$0 % n] })
}

/// ChebConv = Σ_k T_k(L̃)·X·W_k + b with the dense Chebyshev recurrence, for K = 1 … 4.
@Test(arguments: 1...4)
func chebConvMatchesDenseRecurrence(k: Int) throws {
    let graph = try testGraph(seed: 86)
    var generator = SplitMix64(seed: 87)
    let layer = ChebConv<Double>(inputSize: 4, outputSize: 3, k: k, using: &generator)
    randomizeParameters(layer, seed: 88)
    let sparse = try SparseMatrix<Double>(randomSparseFeatures(rows: graph.nodeCount, columns: 4, seed: 89))
    let x = sparse.dense()
    let laplacian = denseScaledLaplacian(graph)
    var polynomials = [x, laplacian.matmul(x)]
    while polynomials.count < k { polynomials.append(2 * laplacian.matmul(polynomials.last!) - polynomials[polynomials.count - 2]) }
    let expected = zip(polynomials, layer.terms).map { $0.matmul($1.weight.value) }.reduce(layer.bias.value, +)
    let context = GraphContext<Double>(graph)
    #expect(maxDifference(layer(.sparse(sparse), on: context), expected) < 1e-6)
    #expect(maxDifference(layer(x, on: context), expected) < 1e-6)
}

/// Gradients of ChebConv with respect to input, term weights and bias.
@Test func chebConvIsDifferentiable() throws {
    let graph = try testGraph(seed: 90)
    var generator = SplitMix64(seed: 91)
    let layer = ChebConv<Double>(inputSize: 3, outputSize: 2, k: 3, using: &generator)
    randomizeParameters(layer, seed: 92)
    let context = GraphContext<Double>(graph)
    expectModuleDifferentiable(layer, input: randomTensor([graph.nodeCount, 3], seed: 93)) { layer($0, on: context) }
}
