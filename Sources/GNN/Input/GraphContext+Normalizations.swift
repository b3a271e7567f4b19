import Graphs
import Tensors

extension GraphContext {
    /// Â = D^-1/2 (A + I) D^-1/2 of Kipf & Welling (exactly one self loop per node, PyG's
    /// `gcn_norm`), computed once.
    public var gcnNormalized: WeightedGraph<Scalar> {
        memoized("gnn.gcn") { WeightedGraph(weightsOf: graph.gcnNormalized()) }
    }

    /// The graph with exactly one self loop per node (PyG's `remove_self_loops` then
    /// `add_self_loops`, as GAT uses), computed once.
    public var withSelfLoops: Graph {
        memoized("gnn.selfLoops") { graph.addingRemainingSelfLoops() }
    }

    /// The scaled Laplacian L̃ = 2L/λ_max − I with L = I − D^-1/2 A D^-1/2 and λ_max = 2 (PyG's
    /// `ChebConv` default), that is −D^-1/2 A D^-1/2 over the graph without self loops;
    /// computed once. Degrees are in-degrees, as for the undirected graphs it is meant for.
    public var scaledLaplacian: WeightedGraph<Scalar> {
        memoized("gnn.scaledLaplacian") {
            let normalized = WeightedGraph<Scalar>(
                weightsOf: graph.removingSelfLoops().gcnNormalized(addingSelfLoops: false))
            return WeightedGraph(graph: normalized.graph, weights: -normalized.weights)
        }
    }
}
