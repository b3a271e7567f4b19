import Tensors
import Calculus

extension NodeDataset {
    /// A node-classification task of any size from a stochastic block model: one class per
    /// block, edges inside a class with probability `intraClassProbability` and across classes
    /// with `interClassProbability`, and features drawn around a random mean per class.
    ///
    /// Class means are standard normal vectors scaled by `featureSeparation`; a node's features
    /// are its class mean plus standard normal noise, so `featureSeparation` sets how much the
    /// features alone reveal (0: nothing) and the edge probabilities how much the graph does.
    ///
    /// The split draws `trainPerClass` training nodes from each class, then `validationCount`
    /// validation nodes and `testCount` test nodes (all the rest when `nil`) from the others,
    /// at random.
    /// The sampling runs on a `SplitMix64` seeded by one draw from `generator`.
    public static func stochasticBlockModel(
        classSizes: [Int], intraClassProbability: Double, interClassProbability: Double,
        featureCount: Int, featureSeparation: Double = 1,
        trainPerClass: Int, validationCount: Int, testCount: Int? = nil,
        using generator: inout some RandomNumberGenerator
    ) -> NodeDataset {
        let classCount = classSizes.count
        require(trainPerClass >= 1, "each class needs at least one training node, got \(trainPerClass)")
        require(classSizes.allSatisfy { $0 >= trainPerClass }, "a class has fewer than \(trainPerClass) nodes")
        require(featureSeparation.isFinite, "feature separation must be finite, got \(featureSeparation)")
        let probabilities = (0..<classCount).map { a in
            (0..<classCount).map { b in a == b ? intraClassProbability : interClassProbability }
        }
        var random = generator.forkedSplitMix64()
        let graph = Graph.stochasticBlockModel(blockSizes: classSizes, probabilities: probabilities, using: &random)
        let labels = classSizes.enumerated().flatMap { Array(repeating: Int32($0.offset), count: $0.element) }
        let nodeCount = labels.count
        let means = (0..<classCount * featureCount).map { _ in featureSeparation * random.nextNormal() }
        var dense = [Float](repeating: 0, count: nodeCount * featureCount)
        for node in 0..<nodeCount {
            let meanRow = Int(labels[node]) * featureCount
            for feature in 0..<featureCount {
                dense[node * featureCount + feature] = Float(means[meanRow + feature] + random.nextNormal())
            }
        }
        var shuffled = Array(0..<Int32(nodeCount))
        shuffled.shuffle(using: &random)
        var trainIndex: [Int32] = []
        var takenPerClass = [Int](repeating: 0, count: classCount)
        var rest: [Int32] = []
        for node in shuffled {
            let label = Int(labels[Int(node)])
            if takenPerClass[label] < trainPerClass {
                takenPerClass[label] += 1
                trainIndex.append(node)
            } else {
                rest.append(node)
            }
        }
        let testCount = testCount ?? rest.count - validationCount
        require(
            validationCount >= 0 && testCount >= 0 && validationCount + testCount <= rest.count,
            "\(validationCount) validation + \(testCount) test nodes exceed the \(rest.count) non-training nodes")
        let sorted = { (nodes: ArraySlice<Int32>) in nodes.sorted() }
        do {
            return try NodeDataset(
                name: "sbm", graph: graph,
                features: try SparseFeatures(dense: dense, rows: nodeCount, columns: featureCount),
                labels: labels, classCount: classCount, trainIndex: trainIndex.sorted(),
                validationIndex: sorted(rest[..<validationCount]),
                testIndex: sorted(rest[validationCount..<(validationCount + testCount)]))
        } catch {
            preconditionFailure("stochastic block model produced an invalid dataset: \(error)")
        }
    }
}
