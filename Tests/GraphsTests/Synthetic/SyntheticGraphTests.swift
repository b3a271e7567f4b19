import Calculus
import Graphs
import Testing

/// `observed` lies within 5 standard deviations of a binomial(trials, p) count.
func isPlausibleBinomial(_ observed: Int, trials: Int, probability p: Double) -> Bool {
    let mean = Double(trials) * p
    let deviation = (Double(trials) * p * (1 - p)).squareRoot()
    return abs(Double(observed) - mean) <= 5 * deviation + 1e-9
}

/// Checks the structure every simple undirected generator promises.
func expectSimpleUndirected(_ graph: Graph, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(graph.selfLoopCount == 0, sourceLocation: sourceLocation)
    #expect(graph.undirected() == graph, "not symmetric, sorted and duplicate-free", sourceLocation: sourceLocation)
}

@Suite struct SyntheticGraphTests {
    @Test func gnpHasBinomialEdgeCountAndMeanDegree() {
        var generator = SplitMix64(seed: 81)
        let n = 2000
        for p in [0.001, 0.01, 0.1] {
            let graph = Graph.erdosRenyi(nodeCount: n, edgeProbability: p, using: &generator)
            expectSimpleUndirected(graph)
            #expect(isPlausibleBinomial(graph.edgeCount / 2, trials: n * (n - 1) / 2, probability: p))
            // Each degree is binomial(n − 1, p); check one node's against its distribution too.
            #expect(isPlausibleBinomial(graph.inDegrees[17], trials: n - 1, probability: p))
            let directed = Graph.erdosRenyi(nodeCount: n, edgeProbability: p, directed: true, using: &generator)
            #expect(directed.selfLoopCount == 0)
            #expect(directed.coalesced() == directed)
            #expect(isPlausibleBinomial(directed.edgeCount, trials: n * (n - 1), probability: p))
        }
    }

    @Test func gnpExtremesAreEmptyAndComplete() {
        var generator = SplitMix64(seed: 82)
        #expect(Graph.erdosRenyi(nodeCount: 50, edgeProbability: 0, using: &generator).edgeCount == 0)
        #expect(Graph.erdosRenyi(nodeCount: 50, edgeProbability: 1, using: &generator).edgeCount == 50 * 49)
        #expect(Graph.erdosRenyi(nodeCount: 50, edgeProbability: 1, directed: true, using: &generator).edgeCount == 50 * 49)
        #expect(Graph.erdosRenyi(nodeCount: 1, edgeProbability: 1, using: &generator).edgeCount == 0)
        #expect(Graph.erdosRenyi(nodeCount: 0, edgeCount: 0, using: &generator).nodeCount == 0)
    }

    @Test(arguments: [false, true])
    func gnmPicksEveryPairEquallyOften(directed: Bool) {
        var generator = SplitMix64(seed: 83)
        let n = 6
        let possible = directed ? n * (n - 1) : n * (n - 1) / 2
        // Both sampling branches: fewer than half of the pairs, and more (via the complement).
        for m in [4, possible - 3] {
            var frequency: [[Int32]: Int] = [:]
            let draws = 3000
            for _ in 0..<draws {
                let graph = Graph.erdosRenyi(nodeCount: n, edgeCount: m, directed: directed, using: &generator)
                #expect(graph.edgeCount == (directed ? m : 2 * m))
                #expect(graph.selfLoopCount == 0)
                for e in 0..<graph.edgeCount where directed || graph.source[e] < graph.target[e] {
                    frequency[[graph.source[e], graph.target[e]], default: 0] += 1
                }
            }
            #expect(frequency.count == possible)
            let p = Double(m) / Double(possible)
            #expect(frequency.values.allSatisfy { isPlausibleBinomial($0, trials: draws, probability: p) })
        }
    }

    @Test func blockModelDensitiesMatchTheProbabilities() {
        var generator = SplitMix64(seed: 84)
        let sizes = [300, 200, 500]
        let probabilities = [[0.05, 0.01, 0.002], [0.01, 0.08, 0.0], [0.002, 0.0, 0.03]]
        let graph = Graph.stochasticBlockModel(blockSizes: sizes, probabilities: probabilities, using: &generator)
        expectSimpleUndirected(graph)
        let block = sizes.enumerated().flatMap { Array(repeating: $0.offset, count: $0.element) }
        var counts = Array(repeating: Array(repeating: 0, count: 3), count: 3)
        for e in 0..<graph.edgeCount where graph.source[e] < graph.target[e] {
            let (a, b) = (block[Int(graph.source[e])], block[Int(graph.target[e])])
            counts[min(a, b)][max(a, b)] += 1
        }
        for a in 0..<3 {
            for b in a..<3 {
                let pairs = a == b ? sizes[a] * (sizes[a] - 1) / 2 : sizes[a] * sizes[b]
                #expect(isPlausibleBinomial(counts[a][b], trials: pairs, probability: probabilities[a][b]), "blocks \(a), \(b)")
            }
        }
    }

    @Test func blockModelDatasetHasClassStructureAndASplit() throws {
        var generator = SplitMix64(seed: 85)
        let dataset = NodeDataset.stochasticBlockModel(
            classSizes: [120, 80, 100], intraClassProbability: 0.05, interClassProbability: 0.005,
            featureCount: 16, featureSeparation: 2, trainPerClass: 10, validationCount: 50, using: &generator)
        #expect(dataset.nodeCount == 300)
        #expect(dataset.classCount == 3)
        #expect(dataset.trainIndex.count == 30)
        #expect(dataset.validationIndex.count == 50)
        #expect(dataset.testIndex.count == 220)
        for label in 0..<3 { #expect(dataset.trainIndex.filter { dataset.labels[Int($0)] == label }.count == 10) }
        // Features cluster by class: a nearest-centroid rule (centroids from training nodes)
        // labels most test nodes correctly, far above the 1/3 of chance.
        let features = dataset.features.dense()
        let width = dataset.features.columns
        var centroids = Array(repeating: [Float](repeating: 0, count: width), count: 3)
        for node in dataset.trainIndex.map(Int.init) {
            for f in 0..<width { centroids[Int(dataset.labels[node])][f] += features[node * width + f] / 10 }
        }
        let correct = dataset.testIndex.map(Int.init).filter { node in
            let distances = centroids.map { centroid in
                (0..<width).reduce(Float(0)) { $0 + (features[node * width + $1] - centroid[$1]) * (features[node * width + $1] - centroid[$1]) }
            }
            return distances.firstIndex(of: distances.min() ?? 0) == Int(dataset.labels[node])
        }.count
        #expect(correct > dataset.testIndex.count * 8 / 10)
    }

    @Test func barabasiAlbertHasMinimumDegreeMAndAHeavyTail() {
        var generator = SplitMix64(seed: 86)
        for m in [1, 3, 5] {
            let n = 3000
            let graph = Graph.barabasiAlbert(nodeCount: n, edgesPerNode: m, using: &generator)
            expectSimpleUndirected(graph)
            #expect(graph.edgeCount == 2 * (m * (m + 1) / 2 + (n - m - 1) * m))
            #expect(graph.inDegrees.min() == m)
            #expect(graph.connectedComponents().count == 1)
            // Preferential attachment: hubs far above the mean degree 2m (an ER graph with the
            // same mean would stay below about 4m).
            #expect(graph.inDegrees.max() ?? 0 > 10 * 2 * m)
        }
    }

    @Test func rmatQuadrantsFollowTheGraph500Probabilities() {
        var generator = SplitMix64(seed: 87)
        let scale = 12
        let graph = Graph.rmat(scale: scale, edgeFactor: 8, permutingNodes: false, using: &generator)
        #expect(graph.nodeCount == 1 << scale)
        #expect(graph.edgeCount == 8 << scale)
        // At every level the quadrant of an edge is drawn with (a, b, c, d).
        for level in [0, 5, scale - 1] {
            let half = Int32(1) << Int32(scale - 1 - level)
            var quadrants = [0, 0, 0, 0]
            for e in 0..<graph.edgeCount {
                let row = graph.source[e] & half != 0 ? 2 : 0
                let column = graph.target[e] & half != 0 ? 1 : 0
                quadrants[row + column] += 1
            }
            for (count, p) in zip(quadrants, [0.57, 0.19, 0.19, 0.05]) {
                #expect(isPlausibleBinomial(count, trials: graph.edgeCount, probability: p), "level \(level)")
            }
        }
        let permuted = Graph.rmat(scale: scale, edgeFactor: 8, using: &generator)
        #expect(permuted.inDegrees.reduce(0, +) == permuted.edgeCount)
        #expect(permuted.inDegrees.firstIndex(of: permuted.inDegrees.max() ?? 0) != 0)
    }

    @Test func sameSeedSameGraphOtherSeedOtherGraph() {
        func graphs(seed: UInt64) -> [Graph] {
            var generator = SplitMix64(seed: seed)
            return [
                Graph.erdosRenyi(nodeCount: 200, edgeProbability: 0.05, using: &generator),
                Graph.erdosRenyi(nodeCount: 200, edgeCount: 300, using: &generator),
                Graph.stochasticBlockModel(blockSizes: [50, 50], probabilities: [[0.1, 0.01], [0.01, 0.1]], using: &generator),
                Graph.barabasiAlbert(nodeCount: 200, edgesPerNode: 2, using: &generator),
                Graph.rmat(scale: 8, using: &generator),
            ]
        }
        let first = graphs(seed: 88)
        #expect(first == graphs(seed: 88))
        #expect(zip(first, graphs(seed: 89)).allSatisfy { $0 != $1 })
    }
}
