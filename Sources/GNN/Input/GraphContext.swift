import Graphs
import Tensors

/// A graph prepared for message passing: the graph and the propagation operators derived from
/// it (normalized adjacency, self loops, scaled Laplacian), each computed on first use and
/// then kept, so a training loop never recomputes them per epoch.
///
/// Layers receive the context instead of the bare graph; share one context between all the
/// layers and epochs that run on the same graph.
public final class GraphContext<Scalar: TensorScalar>: Sendable {
    /// The graph.
    public let graph: Graph
    private let memo = Memo()

    /// A context for `graph`; nothing is derived until a layer asks.
    public init(_ graph: Graph) {
        self.graph = graph
    }

    /// Number of nodes.
    public var nodeCount: Int { graph.nodeCount }

    /// The value stored under `key`, built by `build` on the first request: for layers that
    /// derive their own operator from the graph. Keys of this module start with `"gnn."`.
    public func memoized<Value>(_ key: String, _ build: () -> Value) -> Value {
        memo.value(key, build)
    }
}
